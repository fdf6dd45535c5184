/**
 * HMAC for OAuth 1.0a signatures, with the browser's own WebCrypto: no hashing code of ours or a
 * library's ships in the extension.
 */

/** The OAuth 1.0a signature methods we sign with (RFC 5849 §3.4.2; HMAC-SHA256 is what OneRoster uses). */
export type OAuth1SignatureMethod = 'HMAC-SHA256' | 'HMAC-SHA1';

const HASHES = { 'HMAC-SHA256': 'SHA-256', 'HMAC-SHA1': 'SHA-1' } as const;
const utf8 = new TextEncoder();

/** Base64 of HMAC(key, text) over the UTF-8 bytes of both, as `oauth_signature` carries it. */
export async function hmacBase64(
  method: OAuth1SignatureMethod,
  key: string,
  text: string,
): Promise<string> {
  const hmacKey = await crypto.subtle.importKey(
    'raw',
    utf8.encode(key),
    { name: 'HMAC', hash: HASHES[method] },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, utf8.encode(text)));
  // btoa takes a "binary string": one char per byte. A digest is at most 32 bytes, so spreading is safe.
  return btoa(String.fromCharCode(...mac));
}
