/**
 * Builds the exact request URLs the OneRoster client signs and sends.
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
