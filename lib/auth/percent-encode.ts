/**
 * Percent-encoding as RFC 3986 defines it (and RFC 5849 §3.6 signs): every byte of the UTF-8 form
 * is encoded except the unreserved characters `A-Z a-z 0-9 - . _ ~`. The OneRoster URL builder
 * spells query values with it, exactly as oauth-1.0a spells them in the signature base string,
 * and the OAuth 2 token request form-encodes client credentials with it.
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
