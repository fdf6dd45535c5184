/**
 * The zod every runtime module uses: `zod/mini`, whose functional API tree-shakes down to what
 * the schemas call (classic zod's method-per-schema API cannot), configured once for the extension.
 * Import `z` from here, never from 'zod/mini' directly: importing it is what guarantees the
 * configuration runs before the importing module builds its first schema.
 *
 * - Short English issue messages (zod/mini alone says only "Invalid input"): they reach the user,
 *   inside a translated sentence, in `invalid-request` replies and the panel's snapshot check.
 *   Ours rather than zod's English locale, which cost 1 KB gzip in every bundle (issue #7).
 *   They name types, limits and unknown key names, never an input value, which may be a secret.
 * - No JIT: the extension's CSP forbids `new Function`. zod would otherwise probe for it when
 *   the first object schema is built, and Chrome reports the refused eval on the console.
 */
import * as z from 'zod/mini';

const UNITS: Record<string, string> = { string: ' characters', array: ' items', set: ' items' };

function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  // NaN and ±Infinity are numbers to JavaScript, but not to a number schema.
  if (typeof input === 'number' && !Number.isFinite(input)) return String(input);
  return typeof input;
}

const literal = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

/** The message of one issue, e.g. `expected string, received number`, `at most 50 characters`. */
export function issueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int'
        ? 'expected an integer'
        : `expected ${issue.expected}, received ${typeOf(issue.input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map(literal).join(' | ')}`;
    case 'too_big':
      return `${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}${UNITS[issue.origin] ?? ''}`;
    case 'too_small':
      return `${issue.inclusive === false ? 'more than' : 'at least'} ${issue.minimum}${UNITS[issue.origin] ?? ''}`;
    case 'invalid_format':
      return `not a valid ${issue.format === 'regex' ? 'value' : issue.format}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    default:
      return 'invalid value';
  }
}

z.config({ localeError: issueMessage, jitless: true });

/**
 * An ISO date-time in UTC as `Date#toISOString` writes it (`2026-11-28T10:00:00.000Z`; seconds
 * and fraction optional). Used for timestamps the extension writes itself. Rather than
 * `z.iso.datetime()`, whose calendar-checking regex builder cost 0.3 KB gzip of the
 * background's 40 KB budget: the format is checked, and `Date.parse` rejects impossible dates.
 */
export const isoDateTime = () =>
  z.string().check(
    z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/),
    z.refine((text) => !Number.isNaN(Date.parse(text)), { message: 'not a valid date' }),
  );

export { z };
