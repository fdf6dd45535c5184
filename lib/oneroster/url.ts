/**
 * Builds the exact request URLs the OneRoster client signs and sends, filter expressions included.
 *
 * OAuth 1.0a signs the URL byte for byte (RFC 5849 §3.4.1), so the string given to the
 * authenticator must be the string fetch sends. Everything outside RFC 3986's unreserved set is
 * percent-encoded: that output is already in WHATWG-URL canonical form, so fetch does not
 * re-encode it, and spaces become `%20`, never `+` (RFC 5849 servers form-decode `+` to a space
 * and the signature would no longer match). The encoding is RFC 3986's, the one oauth-1.0a
 * applies in the base string, so a value is spelled the same on the wire and in the signature.
 */
import { percentEncode } from '../auth/http';

/** A query parameter value; `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | undefined;

/** Parameters in the order they should appear: a record, or pairs when a name repeats. */
export type QueryParams =
  | Readonly<Record<string, QueryValue>>
  | ReadonlyArray<readonly [string, QueryValue]>;

/**
 * The Base URL in canonical form with exactly one trailing slash, so paths can be appended
 * without dropping a vendor prefix (`…/campus/oneroster/<app>/ims/oneroster/v1p1/`).
 * Throws TypeError for anything but an absolute http(s) URL without query or fragment: a query
 * on the base would have to be merged into every signed URL, and no vendor needs one.
 */
export function normaliseBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`OneRoster base URL must be http(s): ${baseUrl}`);
  }
  if (url.search || url.hash) {
    throw new TypeError(`OneRoster base URL must not have a query or fragment: ${baseUrl}`);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return `${url.href.replace(/\/+$/, '')}/`;
}

/**
 * `base` + percent-encoded path segments + query. Every segment must be non-empty, since an empty
 * id would silently address the collection instead of an entity, and not `.` or `..`, which URL
 * parsers resolve away even when percent-encoded (WHATWG URL "double-dot segment").
 */
export function buildUrl(
  base: string,
  segments: readonly string[],
  query: QueryParams = {},
): string {
  const path = segments
    .map((segment) => {
      if (segment === '' || segment === '.' || segment === '..') {
        throw new TypeError(`OneRoster URL path segment must be an id, not "${segment}"`);
      }
      return percentEncode(segment);
    })
    .join('/');
  const search = toQueryString(query);
  return `${base}${path}${search ? `?${search}` : ''}`;
}

/**
 * `name=value&…` with every name and value percent-encoded (spaces as `%20`, never `+`, which
 * some SIS filters would not read as a space), in the given order, without a leading `?`.
 * `URLSearchParams#toString()` is not used because it writes a space as `+`.
 * @example toQueryString({ filter: "familyName='O''Brien'", limit: 100 })
 *   // "filter=familyName%3D%27O%27%27Brien%27&limit=100"
 */
export function toQueryString(params: QueryParams): string {
  const pairs = Array.isArray(params) ? params : Object.entries(params);
  return pairs
    .filter((pair): pair is readonly [string, string | number | boolean] => pair[1] !== undefined)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(String(value))}`)
    .join('&');
}

/**
 * Resolves a server-sent link (a `Link: rel="next"` target) against the current URL, accepting it
 * only when it stays under the Base URL: the authenticator's headers (a bearer token, a vendor
 * key) must never be sent to whatever origin a response names.
 */
export function resolveServerLink(base: string, current: string, link: string): string | undefined {
  let resolved: URL;
  try {
    resolved = new URL(link, current);
  } catch {
    return undefined;
  }
  resolved.hash = '';
  return resolved.href.startsWith(base) ? resolved.href : undefined;
}

// OneRoster 1.1 filter expressions (`filter=<field><op>'<value>'`, at most one AND/OR).
//
// The 1.1 spec defines no escape for a quote inside a value. Doubling it (`O''Brien`) is the SQL
// convention servers built on SQL accept, and it can never end the quoted value early, so a
// crafted value cannot inject a second predicate. Values that cannot be sent safely at all
// (control characters, unpaired surrogates) are rejected with a FilterError instead.
// The result is the raw expression; `buildUrl` percent-encodes it as the `filter` query value.

/** Comparison operators of OneRoster 1.1 (`~` is "contains"). */
export type FilterOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';

/** One `field<op>'value'` comparison. */
export interface Predicate {
  readonly kind: 'predicate';
  readonly text: string;
}

/** A complete filter: the one predicate the client's reads need. */
export type Filter = Predicate;

/** A field name or value the filter syntax cannot carry. */
export class FilterError extends Error {
  override name = 'FilterError';
}

type FilterValue = string | number | boolean;

// Dotted names (`class.sourcedId`) are accepted by some servers; anything else would need quoting
// the spec does not have.
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
// C0/C1 controls (NUL, CR, LF…) are not meaningful in roster data and break naive servers' parsers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The quoted form of a value: `'…'` with every apostrophe doubled. */
export function quoteValue(value: FilterValue): string {
  const text = String(value);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new FilterError(`Filter value must be a finite number: ${text}`);
  }
  if (CONTROL.test(text)) throw new FilterError('Filter value contains a control character');
  if (!text.isWellFormed()) throw new FilterError('Filter value contains an unpaired surrogate');
  return `'${text.replaceAll("'", "''")}'`;
}

/** `field op 'value'`, e.g. `compare('dateLastModified', '>', '2024-01-01')`. */
export function compare(field: string, operator: FilterOperator, value: FilterValue): Predicate {
  if (!FIELD.test(field)) throw new FilterError(`Not a OneRoster field name: ${field}`);
  return { kind: 'predicate', text: `${field}${operator}${quoteValue(value)}` };
}

/** `field='value'`. */
export const eq = (field: string, value: FilterValue) => compare(field, '=', value);
