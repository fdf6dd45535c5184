/**
 * Query strings for OneRoster requests, spelled so that what we sign is what we send.
 *
 * `URLSearchParams#toString()` writes a space as `+`, which RFC 5849 servers decode as a space
 * but some SIS filters do not; a literal `+` then has to be `%2B`. Encoding names and values with
 * {@link percentEncode} writes a space as `%20` and escapes everything outside RFC 3986's
 * unreserved set, so WHATWG URL parsing (which `fetch` applies) leaves the string unchanged.
 */
import { percentEncode } from './percent-encode';

/** A query parameter value; `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | undefined;

/** Parameters in the order they should appear: a record, or pairs when a name repeats. */
export type QueryParams =
  | Readonly<Record<string, QueryValue>>
  | ReadonlyArray<readonly [string, QueryValue]>;

/**
 * `name=value&…` with every name and value percent-encoded (spaces as `%20`, never `+`), in the
 * given order, without a leading `?`.
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
 * Appends parameters to a URL that may already have a query; returns the URL unchanged when there
 * is nothing to add. A fragment is not allowed: it is never sent, so it has no place in a request.
 * @throws {TypeError} if `url` contains `#`.
 */
export function withQuery(url: string, params: QueryParams): string {
  if (url.includes('#')) throw new TypeError(`Request URL must not contain a fragment: ${url}`);
  const query = toQueryString(params);
  if (query === '') return url;
  const separator = !url.includes('?') ? '?' : url.endsWith('?') || url.endsWith('&') ? '' : '&';
  return `${url}${separator}${query}`;
}
