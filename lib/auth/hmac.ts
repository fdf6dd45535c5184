/**
 * HMAC for OAuth 1.0a signatures, with the browser's own WebCrypto: no hashing code of ours or a
 * library's ships in the extension.
 */

/** The OAuth 1.0a signature methods we sign with (RFC 5849 §3.4.2; HMAC-SHA256 is what OneRoster uses). */
export type OAuth1SignatureMethod = 'HMAC-SHA256' | 'HMAC-SHA1';

/** Base64 of HMAC(key, text) over the UTF-8 bytes of both, as `oauth_signature` carries it. */
export type HmacBase64 = (
  method: OAuth1SignatureMethod,
  key: string,
  text: string,
) => Promise<string>;

const HASHES = { 'HMAC-SHA256': 'SHA-256', 'HMAC-SHA1': 'SHA-1' } as const;
const utf8 = new TextEncoder();

function importKey(method: OAuth1SignatureMethod, key: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    utf8.encode(key),
    { name: 'HMAC', hash: HASHES[method] },
    false,
    ['sign'],
  );
}

async function sign(hmacKey: Promise<CryptoKey>, text: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey, utf8.encode(text)));
  // btoa takes a "binary string": one char per byte. A digest is at most 32 bytes, so spreading is safe.
  return btoa(String.fromCharCode(...mac));
}

/** Imports the key for every call: for one-off signatures (the stage functions, tests). */
export const hmacBase64: HmacBase64 = (method, key, text) => sign(importKey(method, key), text);

/**
 * An HMAC that keeps its last imported key, for one connection's authenticator (oauth1.ts): every
 * request of a connection is signed with the same key, and importing it each time doubled the
 * WebCrypto round trips per request. The key goes with the authenticator, so a disconnected or
 * changed connection's secret is not kept; an import that failed is not kept either.
 */
export function createCachedHmac(): HmacBase64 {
  let last:
    | { method: OAuth1SignatureMethod; key: string; imported: Promise<CryptoKey> }
    | undefined;
  return (method, key, text) => {
    if (last?.method !== method || last.key !== key) {
      const imported = importKey(method, key);
      last = { method, key, imported };
      imported.catch(() => {
        if (last?.imported === imported) last = undefined;
      });
    }
    return sign(last.imported, text);
  };
}
