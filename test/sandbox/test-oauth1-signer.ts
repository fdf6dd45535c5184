/**
 * A deliberately separate OAuth 1.0a signer for the sandbox's tests (not lib/'s signer, not the
 * sandbox's verifier): if the verifier and this agree with each other AND with the published
 * vectors, the verifier can be trusted to judge the extension's signer.
 */
import { createHmac, randomUUID } from 'node:crypto';

const enc = (s: string) =>
  encodeURIComponent(s).replace(
    /[!*'()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export interface SignInput {
  method: string;
  url: string;
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
  nonce?: string;
  timestamp?: string;
  signatureMethod?: 'HMAC-SHA256' | 'HMAC-SHA1';
  /** null leaves oauth_version out (RFC 5849 allows it). */
  version?: '1.0' | null;
}

export function signOAuth1(input: SignInput): { header: string; signature: string; base: string } {
  const u = new URL(input.url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce ?? randomUUID(),
    oauth_signature_method: input.signatureMethod ?? 'HMAC-SHA256',
    oauth_timestamp: input.timestamp ?? String(Math.floor(Date.now() / 1000)),
  };
  if (input.token) oauth.oauth_token = input.token;
  if (input.version !== null) oauth.oauth_version = input.version ?? '1.0';
  // URLSearchParams decodes like a form ('+' is a space), which is how the RFC reads the query.
  const pairs = [...u.searchParams, ...Object.entries(oauth)]
    .map(([k, v]) => [enc(k), enc(v)])
    .sort(([a = '', b = ''], [c = '', d = '']) => (a === c ? (b < d ? -1 : 1) : a < c ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`);
  const base = [
    input.method.toUpperCase(),
    enc(`${u.protocol}//${u.host}${u.pathname}`),
    enc(pairs.join('&')),
  ].join('&');
  const algorithm = oauth.oauth_signature_method === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const key = `${enc(input.consumerSecret)}&${enc(input.tokenSecret ?? '')}`;
  const signature = createHmac(algorithm, key).update(base).digest('base64');
  const header = `OAuth ${Object.entries({ ...oauth, oauth_signature: signature })
    .map(([k, v]) => `${k}="${enc(v)}"`)
    .join(', ')}`;
  return { header, signature, base };
}
