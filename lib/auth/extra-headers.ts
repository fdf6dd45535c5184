/**
 * Per-connection headers sent with every SIS request next to `Authorization`, e.g. Infinite
 * Campus's `x-vendor-authorization: key:secret`, without which its gradebook endpoints answer 401
 * (kb.infinitecampus.com/help/connecting-to-oneroster-grade-book-endpoints).
 */
import { AuthConfigError } from './errors';

// RFC 7230 §3.2.6: a field name is a `token`, one or more `tchar`.
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 7230 §3.2: visible characters, obs-text, spaces and tabs; no CR, LF, NUL or other controls,
// which would split or corrupt the header (fetch would throw on them anyway, far from the cause).
const FIELD_VALUE = /^[\t\x20-\x7E\x80-\xFF]*$/;
// The authenticators set this one; an extra header must not replace the signature or token.
const OWN_HEADERS = new Set(['authorization']);

/** Everything wrong with a set of extra headers, as English sentences; empty when valid. */
export function extraHeaderProblems(headers: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!FIELD_NAME.test(name))
      problems.push(`Header name ${JSON.stringify(name)} is not an HTTP token.`);
    else if (OWN_HEADERS.has(lower)) problems.push(`Header ${name} is set by the authenticator.`);
    else if (seen.has(lower)) problems.push(`Header ${name} is given twice (names ignore case).`);
    if (!FIELD_VALUE.test(value)) {
      problems.push(
        `Header ${JSON.stringify(name)} has a line break or control character in its value.`,
      );
    }
    seen.add(lower);
  }
  return problems;
}

/**
 * Checks extra headers once, when an authenticator is created, so a bad header fails at setup
 * instead of on the first request.
 * @throws {AuthConfigError} listing every problem.
 */
export function validateExtraHeaders(
  headers: Readonly<Record<string, string>> = {},
): Readonly<Record<string, string>> {
  const problems = extraHeaderProblems(headers);
  if (problems.length > 0) throw new AuthConfigError(problems.join(' '));
  return Object.freeze({ ...headers });
}
