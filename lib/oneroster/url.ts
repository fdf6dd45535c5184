/**
 * Builds the exact request URLs the OneRoster client signs and sends.
 *
 * OAuth 1.0a signs the URL byte for byte (RFC 5849 §3.4.1), so the string given to the
 * authenticator must be the string fetch sends. Everything outside RFC 3986's unreserved set is
 * percent-encoded: that output is already in WHATWG-URL canonical form, so fetch does not
 * re-encode it, and spaces become `%20`, never `+` (RFC 5849 servers form-decode `+` to a space
 * and the signature would no longer match). The encoding itself is shared with the signer
 * (lib/auth/percent-encode), so a value is spelled the same on the wire and in the base string.
 */
import { percentEncode } from '../auth/percent-encode';
import { type QueryParams, toQueryString } from '../auth/query-string';

export type { QueryParams };

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
