/**
 * OAuth 1.0a request signing (RFC 5849 §3.4) as pure functions, one per stage so each can be
 * checked against published vectors (test/lib/auth/oauth1-sign.test.ts) and against oauthlib, an
 * independent implementation (oauth1-oauthlib.test.ts).
 *
 * Hand-written rather than the `oauth-1.0a` package, which this project used first: its URL and
 * query parsing departed from RFC 5849 in four ways that break OneRoster filters (it split values
 * at every `=`, signed names still encoded, kept `+` for a space and merged repeated names), so
 * only string joining was left of it once those were overridden; and it hashes synchronously,
 * which kept a JavaScript SHA library in the background where WebCrypto can do the HMAC.
 */
import { type HmacBase64, hmacBase64, type OAuth1SignatureMethod } from './hmac';
import { formDecode, percentEncode } from './percent-encode';

export type { OAuth1SignatureMethod } from './hmac';

/** The protocol parameters of one request, without `oauth_signature` (RFC 5849 §3.1). */
export interface OAuth1Params {
  oauth_consumer_key: string;
  oauth_nonce: string;
  oauth_signature_method: OAuth1SignatureMethod;
  /** Seconds since the epoch, as a decimal string. */
  oauth_timestamp: string;
  oauth_version?: '1.0';
  /** Only three-legged flows have a token; OneRoster's two-legged signing leaves it out. */
  oauth_token?: string;
}

export interface SignableRequest {
  method: string;
  /** The absolute URL as it will be sent; its query parameters are signed. */
  url: string;
  /**
   * An `application/x-www-form-urlencoded` body, whose parameters are signed too
   * (RFC 5849 §3.4.1.3.1). JSON bodies are not signed: leave this out for them.
   */
  formBody?: string;
}

type Pair = readonly [name: string, value: string];

/**
 * §3.4.1.3.1: a query or form body as name/value pairs, each form-decoded (`+` is a space), in
 * order and with every occurrence of a repeated name. `a&&b` and a bare `?` carry no parameter.
 */
function formPairs(query: string): Pair[] {
  const pairs: Pair[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    pairs.push([decodeQueryPart(name), eq === -1 ? '' : decodeQueryPart(part.slice(eq + 1))]);
  }
  return pairs;
}

function decodeQueryPart(part: string): string {
  try {
    return formDecode(part);
  } catch (error) {
    throw new TypeError(`Query is not valid percent-encoding: ${part}`, { cause: error });
  }
}

/** The query as `fetch` sends it: WHATWG URL parsing, which also drops a `#fragment`. */
function queryPairs(url: string): Pair[] {
  return formPairs(new URL(url).search.slice(1));
}

/** The protocol parameters that are set, `oauth_signature` included when given. */
function protocolPairs(params: Readonly<Record<string, string | undefined>>): Pair[] {
  return Object.entries(params).filter((pair): pair is [string, string] => pair[1] !== undefined);
}

const byNameThenValue = (a: Pair, b: Pair) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/**
 * Stage 1, the normalized parameter string (RFC 5849 §3.4.1.3.2): protocol, query and form-body
 * parameters, each name and value percent-encoded, sorted, joined with `&`.
 */
export function parameterString(request: SignableRequest, params: OAuth1Params): string {
  const pairs = [
    ...queryPairs(request.url),
    ...formPairs(request.formBody ?? ''),
    ...protocolPairs({ ...params }),
  ];
  return pairs
    .map(([name, value]): Pair => [percentEncode(name), percentEncode(value)])
    .sort(byNameThenValue)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * Stage 2, the signature base string (RFC 5849 §3.4.1): `METHOD&enc(base URI)&enc(parameters)`.
 * The base URI (§3.4.1.2) has its scheme and host in lower case, no default port, no query and no
 * fragment, which is exactly how WHATWG URL parsing (what `fetch` sends) spells it.
 */
export function baseString(request: SignableRequest, params: OAuth1Params): string {
  const { protocol, host, pathname } = new URL(request.url);
  return [
    request.method.toUpperCase(),
    percentEncode(`${protocol}//${host}${pathname}`),
    percentEncode(parameterString(request, params)),
  ].join('&');
}

/**
 * Stage 3, the HMAC key (RFC 5849 §3.4.2): `enc(consumer secret)&enc(token secret)`. The `&`
 * stays when there is no token, as in two-legged OneRoster signing.
 */
export function signingKey(consumerSecret: string, tokenSecret = ''): string {
  return `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
}

/** Stage 4, `oauth_signature`: base64 of the HMAC of the base string. */
export function signature(
  method: OAuth1SignatureMethod,
  base: string,
  key: string,
  hmac: HmacBase64 = hmacBase64,
): Promise<string> {
  return hmac(method, key, base);
}

/** Stage 5, the `Authorization` header value (RFC 5849 §3.5.1), parameters sorted and encoded. */
export function authorizationHeader(params: OAuth1Params & { oauth_signature: string }): string {
  const fields = protocolPairs({ ...params })
    .sort(byNameThenValue)
    .map(([name, value]) => `${percentEncode(name)}="${percentEncode(value)}"`);
  return `OAuth ${fields.join(', ')}`;
}

/** All stages for one request: what to send, and the intermediate strings for debugging. */
export interface SignedRequest {
  baseString: string;
  signature: string;
  /** The `Authorization` header value. */
  authorization: string;
}

/**
 * Signs a request with the given protocol parameters. `hmac` may keep the imported key between
 * calls (an authenticator's `createCachedHmac`).
 * @throws {TypeError} if the URL is not absolute, its query is not valid percent-encoding, or it
 *   already carries `oauth_*` parameters (they go in the header; servers reject duplicates).
 */
export async function signRequest(
  request: SignableRequest,
  params: OAuth1Params,
  secrets: { consumerSecret: string; tokenSecret?: string },
  hmac: HmacBase64 = hmacBase64,
): Promise<SignedRequest> {
  const inUrl = queryPairs(request.url)
    .map(([name]) => name)
    .filter((name) => name.startsWith('oauth_'));
  if (inUrl.length > 0) {
    throw new TypeError(`Request URL must not carry OAuth parameters: ${inUrl.join(', ')}`);
  }
  const base = baseString(request, params);
  const signed = await signature(
    params.oauth_signature_method,
    base,
    signingKey(secrets.consumerSecret, secrets.tokenSecret),
    hmac,
  );
  return {
    baseString: base,
    signature: signed,
    authorization: authorizationHeader({ ...params, oauth_signature: signed }),
  };
}
