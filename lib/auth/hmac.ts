/**
 * Synchronous HMAC for OAuth 1.0a signatures. `oauth-1.0a` calls its hash function synchronously,
 * and WebCrypto's `crypto.subtle.sign` is async only, hence @noble/hashes.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** The OAuth 1.0a signature methods we sign with (RFC 5849 §3.4.2; HMAC-SHA256 is what OneRoster uses). */
export type OAuth1SignatureMethod = 'HMAC-SHA256' | 'HMAC-SHA1';

const HASHES = { 'HMAC-SHA256': sha256, 'HMAC-SHA1': sha1 } as const;
const utf8 = new TextEncoder();

/** Base64 of HMAC(key, text) over the UTF-8 bytes of both, as `oauth_signature` carries it. */
export function hmacBase64(method: OAuth1SignatureMethod, key: string, text: string): string {
  const mac = hmac(HASHES[method], utf8.encode(key), utf8.encode(text));
  // btoa takes a "binary string": one char per byte. A digest is at most 32 bytes, so spreading is safe.
  return btoa(String.fromCharCode(...mac));
}
