/**
 * Percent-encoding as OAuth 1.0a needs it (RFC 5849 §3.6): every byte of the UTF-8 form is
 * encoded except the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`. The same encoding is
 * used for the query strings we send, so a value is spelled identically on the wire and in the
 * signature base string.
 */

/**
 * RFC 3986 encoding: `encodeURIComponent` already leaves only unreserved characters plus
 * `! ' ( ) *` unencoded, so those five are the only ones to add. Lone surrogates throw a
 * `URIError`, as they have no UTF-8 form.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Decodes one name or value of a query string the way an RFC 5849 server does (§3.4.1.3.1 parses
 * the query as `application/x-www-form-urlencoded`): `+` means a space, then `%XX` sequences are
 * UTF-8 bytes. That is why the query builder never emits `+` for a space.
 * @throws {URIError} on a malformed `%` sequence.
 */
export function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}
