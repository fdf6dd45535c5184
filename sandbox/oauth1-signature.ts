/**
 * RFC 5849 signature primitives, written from the RFC (not shared with the extension's signer in
 * lib/, on purpose: this is the independent check of it). Checked against RFC 5849 §1.2 and the
 * OneRoster HMAC-SHA256 vectors of the research notes §E in oauth1.test.ts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest } from './imsx.ts';
import { formDecode, rfc3986 } from './query.ts';

export type SignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

/** §3.4.1.2: lowercase scheme and host, default port dropped, path as sent (no query). */
export function baseStringUri(scheme: string, host: string, path: string): string {
  const s = scheme.toLowerCase();
  let h = host.toLowerCase();
  if ((s === 'http' && h.endsWith(':80')) || (s === 'https' && h.endsWith(':443'))) {
    h = h.slice(0, h.lastIndexOf(':'));
  }
  return `${s}://${h}${path}`;
}

/**
 * §3.4.1.3.2: every name and value re-encoded with RFC 3986, sorted by name then value (byte
 * order of the encoded strings), joined as name=value with '&'. Params arrive already decoded.
 */
export function normalizeParameters(params: Array<[string, string]>): string {
  return params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** §3.4.1.1: METHOD & enc(base URI) & enc(normalized params). */
export function signatureBaseString(
  method: string,
  uri: string,
  params: Array<[string, string]>,
): string {
  return [method.toUpperCase(), rfc3986(uri), rfc3986(normalizeParameters(params))].join('&');
}

/** §3.4.2: key = enc(consumer secret) & enc(token secret); base64 digest. */
export function hmacSignature(
  method: SignatureMethod,
  baseString: string,
  consumerSecret: string,
  tokenSecret = '',
): string {
  const algorithm = method === 'HMAC-SHA256' ? 'sha256' : 'sha1';
  const key = `${rfc3986(consumerSecret)}&${rfc3986(tokenSecret)}`;
  return createHmac(algorithm, key).update(baseString).digest('base64');
}

/** Constant-time string comparison; unequal lengths still cost a comparison. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

/**
 * §3.5.1: `OAuth realm="...", oauth_x="..."`. Names and values are percent-encoded in the header,
 * so they are decoded here; returns null when the header is not an OAuth one.
 */
export function parseOAuthHeader(header: string): Array<[string, string]> | null {
  const match = /^\s*OAuth\s+(.*)$/is.exec(header);
  if (!match) return null;
  const pairs: Array<[string, string]> = [];
  let rest = (match[1] as string).trim();
  const item = /^([^\s=,]+)\s*=\s*"([^"]*)"\s*(?:,\s*|$)/;
  while (rest !== '') {
    const m = item.exec(rest);
    if (!m) throw badRequest(`malformed OAuth Authorization header near '${rest.slice(0, 30)}'`);
    pairs.push([formDecodeStrict(m[1] as string), formDecodeStrict(m[2] as string)]);
    rest = rest.slice(m[0].length);
  }
  return pairs;
}

/** Header values are RFC 3986-encoded, where '+' is a literal plus, not a space. */
function formDecodeStrict(text: string): string {
  return formDecode(text.replace(/\+/g, '%2B'));
}
