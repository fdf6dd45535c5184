/**
 * Two-legged OAuth 1.0a verification (research §E/§F): consumer key + secret, no token. Checks,
 * in this order: header syntax, known key, signature method, oauth_version, timestamp window,
 * signature (constant time), nonce replay. The timestamp is checked before the signature so a
 * client with a skewed clock gets the "out of range" message rather than a signature mismatch.
 */
import { ImsxError } from './imsx.ts';
import {
  baseStringUri,
  hmacSignature,
  parseOAuthHeader,
  type SignatureMethod,
  safeEqual,
  signatureBaseString,
} from './oauth1-signature.ts';
import { parseQuery } from './query.ts';

export interface OAuth1Config {
  consumerKey: string;
  consumerSecret: string;
  now: () => number;
  signatureMethods?: SignatureMethod[];
  /** Canvas asks SIS to tolerate 10 min in the past and 5 min in the future. */
  pastWindowSeconds?: number;
  futureWindowSeconds?: number;
}

export interface SignedRequest {
  method: string;
  scheme: string;
  /** The Host header as the client sent it. */
  host: string;
  /** Path exactly as received, still percent-encoded. */
  rawPath: string;
  rawQuery: string;
  authorization: string | undefined;
  /** Present only for application/x-www-form-urlencoded bodies, which RFC 5849 signs. */
  formBody?: string;
}

const unauthorized = (description: string) =>
  new ImsxError(401, 'unauthorisedrequest', description, {
    'WWW-Authenticate': 'OAuth realm="oneroster-sandbox"',
  });

export function createOAuth1Verifier(config: OAuth1Config) {
  const methods = config.signatureMethods ?? ['HMAC-SHA256', 'HMAC-SHA1'];
  const past = config.pastWindowSeconds ?? 600;
  const future = config.futureWindowSeconds ?? 300;
  /** key\nnonce\ntimestamp → time (ms) after which it may be forgotten. */
  const seen = new Map<string, number>();

  return function verify(req: SignedRequest): { consumerKey: string } {
    const headerParams = req.authorization ? parseOAuthHeader(req.authorization) : null;
    const queryParams = parseQuery(req.rawQuery);
    // RFC 5849 §3.5.3 also allows the protocol parameters in the query string.
    const oauthParams = headerParams ?? queryParams.filter(([k]) => k.startsWith('oauth_'));
    const p = new Map<string, string>();
    for (const [k, v] of oauthParams) {
      if (k === 'realm') continue;
      if (p.has(k)) throw unauthorized(`OAuth parameter ${k} appears more than once`);
      p.set(k, v);
    }
    if (!p.has('oauth_signature')) throw unauthorized('missing OAuth 1.0a Authorization header');
    for (const k of [
      'oauth_consumer_key',
      'oauth_signature_method',
      'oauth_timestamp',
      'oauth_nonce',
    ]) {
      if (!p.get(k)) throw unauthorized(`missing OAuth parameter ${k}`);
    }
    const key = p.get('oauth_consumer_key') as string;
    if (!safeEqual(key, config.consumerKey))
      throw unauthorized(`unknown oauth_consumer_key '${key}'`);
    const method = p.get('oauth_signature_method') as SignatureMethod;
    if (!methods.includes(method)) {
      throw unauthorized(
        `unsupported oauth_signature_method '${method}'; use ${methods.join(' or ')}`,
      );
    }
    const version = p.get('oauth_version');
    if (version !== undefined && version !== '1.0')
      throw unauthorized(`oauth_version must be 1.0, got '${version}'`);

    const timestamp = p.get('oauth_timestamp') as string;
    const nowSeconds = Math.floor(config.now() / 1000);
    if (!/^\d{1,12}$/.test(timestamp))
      throw unauthorized(`oauth_timestamp '${timestamp}' is not a number of seconds`);
    const skew = Number(timestamp) - nowSeconds;
    if (skew < -past || skew > future) {
      throw unauthorized(
        `oauth_timestamp ${timestamp} is out of range: server time is ${nowSeconds} ` +
          `(${new Date(nowSeconds * 1000).toISOString()}), the request is ${Math.abs(skew)} s ` +
          `${skew < 0 ? 'old' : 'in the future'}; accepted window is ${past} s past to ${future} s future. Check the clock.`,
      );
    }

    const params: Array<[string, string]> = [
      ...[...p].filter(([k]) => k !== 'oauth_signature'),
      ...queryParams.filter(([k]) => headerParams !== null || !k.startsWith('oauth_')),
      ...(req.formBody !== undefined ? parseQuery(req.formBody) : []),
    ];
    const uri = baseStringUri(req.scheme, req.host, req.rawPath);
    const base = signatureBaseString(req.method, uri, params);
    const expected = hmacSignature(method, base, config.consumerSecret);
    if (!safeEqual(p.get('oauth_signature') as string, expected)) {
      // The base string is in the message because the sandbox is a tool for debugging signers.
      throw unauthorized(
        `invalid oauth_signature; the server's signature base string was: ${base}`,
      );
    }

    const now = config.now();
    for (const [k, expiry] of seen) if (expiry < now) seen.delete(k);
    const nonceKey = `${key}\n${p.get('oauth_nonce')}\n${timestamp}`;
    if (seen.has(nonceKey))
      throw unauthorized(`oauth_nonce '${p.get('oauth_nonce')}' was already used (replay)`);
    seen.set(nonceKey, now + (past + future) * 1000);
    return { consumerKey: key };
  };
}
