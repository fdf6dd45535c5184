/**
 * HMAC for OAuth 1.0a signatures, with the browser's own WebCrypto: no hashing code of ours or a
 * library's ships in the extension.
 */

/** The OAuth 1.0a signature methods we sign with (RFC 5849 §3.4.2; HMAC-SHA256 is what OneRoster uses). */
export type OAuth1SignatureMethod = 'HMAC-SHA256' | 'HMAC-SHA1';

const HASHES = { 'HMAC-SHA256': 'SHA-256', 'HMAC-SHA1': 'SHA-1' } as const;
const utf8 = new TextEncoder();

/**
 * The imported key of the last signature. A connection signs every request with the same key,
 * and importing it each time doubled the WebCrypto round trips per request; one entry is enough
 * and keeps no old connection's secret around.
 */
let lastKey:
  | { method: OAuth1SignatureMethod; key: string; imported: Promise<CryptoKey> }
  | undefined;

function importKey(method: OAuth1SignatureMethod, key: string): Promise<CryptoKey> {
  if (lastKey?.method !== method || lastKey.key !== key) {
    const imported = crypto.subtle.importKey(
      'raw',
      utf8.encode(key),
      { name: 'HMAC', hash: HASHES[method] },
      false,
      ['sign'],
    );
    lastKey = { method, key, imported };
  }
  return lastKey.imported;
}

/** Base64 of HMAC(key, text) over the UTF-8 bytes of both, as `oauth_signature` carries it. */
export async function hmacBase64(
  method: OAuth1SignatureMethod,
  key: string,
  text: string,
): Promise<string> {
  const hmacKey = await importKey(method, key);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, utf8.encode(text)));
  // btoa takes a "binary string": one char per byte. A digest is at most 32 bytes, so spreading is safe.
  return btoa(String.fromCharCode(...mac));
}
