/**
 * OneRoster 1.1 `filter` expressions (research §J): `field<op>'value'`, ops = != >= <= > < ~, at
 * most ONE `AND` or `OR` joining two predicates. Values are single-quoted; `''` inside a value is
 * an escaped apostrophe (`familyName='O''Brien'`) — 1.1 leaves quoting undefined, doubling is the
 * SQL convention most SIS use. Dotted fields (`class.sourcedId`) resolve into GUIDRefs.
 *
 * Matching: '=' / '!=' are exact (case-sensitive, so a client that changes an email's case sees
 * it fail here first); '~' is a case-insensitive "contains"; '<' '>' compare numbers numerically
 * and everything else as strings (ISO dates sort correctly as strings).
 */
import { badRequest } from './imsx.ts';

type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';
interface Predicate {
  field: string;
  op: Op;
  value: string;
}
export interface Filter {
  left: Predicate;
  join?: 'AND' | 'OR';
  right?: Predicate;
}

const invalid = (message: string) =>
  badRequest(`invalid filter: ${message}`, 'invalid_filter_field');

export function parseFilter(text: string, knownFields: ReadonlySet<string>): Filter {
  let i = 0;
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  const predicate = (): Predicate => {
    skipSpaces();
    const field = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i))?.[0];
    if (!field) throw invalid(`expected a field name at position ${i} of "${text}"`);
    const root = field.split('.')[0] as string;
    if (!knownFields.has(root)) {
      throw invalid(`unknown field '${field}'; filterable fields: ${[...knownFields].join(', ')}`);
    }
    i += field.length;
    skipSpaces();
    const op = /^(!=|>=|<=|=|>|<|~)/.exec(text.slice(i))?.[0] as Op | undefined;
    if (!op) throw invalid(`expected one of = != > >= < <= ~ after '${field}'`);
    i += op.length;
    skipSpaces();
    if (text[i] !== "'") throw invalid(`the value for '${field}' must be in single quotes`);
    i++;
    let value = '';
    for (;;) {
      if (i >= text.length) throw invalid(`unterminated quoted value for '${field}'`);
      if (text[i] === "'") {
        if (text[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      value += text[i];
      i++;
    }
    return { field, op, value };
  };
  const logical = (): 'AND' | 'OR' | undefined => {
    skipSpaces();
    const m = /^(AND|OR)(?= )/i.exec(text.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return (m[0] as string).toUpperCase() as 'AND' | 'OR';
  };

  const left = predicate();
  skipSpaces();
  if (i === text.length) return { left };
  const join = logical();
  if (!join) throw invalid(`expected AND or OR at position ${i} of "${text}"`);
  const right = predicate();
  skipSpaces();
  if (i !== text.length) {
    throw invalid(
      logical() ? 'OneRoster 1.1 allows at most one AND/OR' : `unexpected text at position ${i}`,
    );
  }
  return { left, join, right };
}

/** Values at a dotted path; arrays along the way fan out (terms.sourcedId → every term id). */
function valuesAt(entity: unknown, path: string): unknown[] {
  let current: unknown[] = [entity];
  for (const key of path.split('.')) {
    current = current
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .map((v) =>
        v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined,
      )
      .filter((v) => v !== undefined && v !== null);
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

function compare(actual: unknown, op: Op, expected: string): boolean {
  if (op === '~') return String(actual).toLowerCase().includes(expected.toLowerCase());
  if (op === '=' || op === '!=') {
    const equal = String(actual) === expected;
    return op === '=' ? equal : !equal;
  }
  let diff: number;
  if (typeof actual === 'number') {
    const n = Number(expected);
    if (expected.trim() === '' || Number.isNaN(n)) return false;
    diff = actual - n;
  } else {
    const a = String(actual);
    diff = a < expected ? -1 : a > expected ? 1 : 0;
  }
  return op === '>' ? diff > 0 : op === '>=' ? diff >= 0 : op === '<' ? diff < 0 : diff <= 0;
}

function test(entity: unknown, p: Predicate): boolean {
  const values = valuesAt(entity, p.field);
  // '!=' holds when no value equals; the others when any value matches.
  if (p.op === '!=') return values.every((v) => compare(v, '!=', p.value));
  return values.some((v) => compare(v, p.op, p.value));
}

export function matches(entity: unknown, filter: Filter): boolean {
  const left = test(entity, filter.left);
  if (!filter.right) return left;
  const right = test(entity, filter.right);
  return filter.join === 'AND' ? left && right : left || right;
}
