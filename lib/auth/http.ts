/**
 * The HTTP wire details the token request and the OneRoster client share: how a value is spelled
 * in a URL or form, and how an answer from a server we do not control is read.
 */

/**
 * Percent-encoding as RFC 3986 defines it (and RFC 5849 §3.6 signs): every byte of the UTF-8 form
 * is encoded except the unreserved characters `A-Z a-z 0-9 - . _ ~`. The OneRoster URL builder
 * spells query values with it, exactly as oauth-1.0a spells them in the signature base string,
 * and the OAuth 2 token request form-encodes client credentials with it.
 *
 * `encodeURIComponent` already leaves only unreserved characters plus `! ' ( ) *` unencoded, so
 * those five are the only ones to add. Lone surrogates throw a `URIError`, as they have no UTF-8
 * form.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Reads a response body as text with a size cap, for every answer a server we do not control
 * sends (SIS pages, token endpoints): a misbehaving or hostile server sending tens of megabytes
 * must not make the service worker buffer (and then parse) all of it, so reading stops at the
 * cap and the stream is cancelled.
 * @returns the body as text, or undefined when it is larger than `limitBytes` (declared or
 *   received).
 */
export async function readTextCapped(
  response: Response,
  limitBytes: number,
): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel();
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
