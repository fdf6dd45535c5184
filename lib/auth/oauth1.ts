/**
 * Two-legged OAuth 1.0a (consumer key and secret, no token), the signing OneRoster 1.1 started
 * with; new connections mostly use OAuth 2 (oneroster-research.md §B, §E). Every request is
 * signed right before it is sent, over its exact method and URL; JSON bodies are not signed.
 *
 * The `oauth-1.0a` package does the protocol: nonce, parameter normalisation, base string,
 * signing key and `Authorization` header. Two parts of it are kept away from RFC 5849 requests:
 * its URL parsing (it splits a query at every `=`, signs names still encoded and `+` as a plus),
 * so it gets the WHATWG-normalised base URL and the parameters already form-decoded; and its
 * synchronous `hash_function`, so WebCrypto computes the HMAC (below) and no JavaScript SHA
 * library ships. Checked against published vectors (test/lib/auth/oauth1-sign.test.ts), oauthlib
 * (oauth1-oauthlib.test.ts) and the sandbox SIS's own verifier (oauth1-sign-property.test.ts).
 */
import OAuth from 'oauth-1.0a';
import {
  type Authenticator,
  type RefusedRequest,
  type RequestToAuthorize,
  validateExtraHeaders,
} from './authenticator';

// HMAC for OAuth 1.0a signatures, with the browser's own WebCrypto: no hashing code of ours or a
// library's ships in the extension.

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
 * An HMAC that keeps its last imported key, for one connection's authenticator: every
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

/** What was signed and what to send, with the base string for debugging. */
export interface SignedRequest {
  baseString: string;
  signature: string;
  /** The `Authorization` header value. */
  authorization: string;
}

/**
 * oauth-1.0a with one change: it collects the percent-encoded parameters in a plain `{}`, where a
 * parameter named `__proto__` sets the prototype instead of becoming a key and so would be left
 * out of the signature. Here they go in an object without a prototype (test: "a parameter named
 * __proto__"). Everything else, sorting and joining included, is the package's own code.
 */
class RfcOAuth extends OAuth {
  percentEncodeData(data: OAuth.Param): OAuth.Param {
    const encoded: OAuth.Param = Object.create(null);
    for (const [name, value] of Object.entries(data)) {
      encoded[this.percentEncode(name)] = Array.isArray(value)
        ? value.map((item) => this.percentEncode(item))
        : this.percentEncode(value);
    }
    return encoded;
  }
}

function createOAuth(consumer: OAuth.Consumer, method: OAuth1SignatureMethod): OAuth {
  return new RfcOAuth({
    consumer,
    signature_method: method,
    hash_function: () => {
      throw new Error('oauth-1.0a does not hash here: WebCrypto signs its base string');
    },
  });
}

/** For the steps that do not depend on the consumer: base string, parameters, header. */
const oauth = createOAuth({ key: '', secret: '' }, 'HMAC-SHA256');

/**
 * The request as the package should see it: the base URI of RFC 5849 §3.4.1.2 (scheme and host
 * in lower case, no default port, no query or fragment: WHATWG URL parsing, as `fetch` sends it)
 * and the query and form-body parameters form-decoded (§3.4.1.3.1), a repeated name as an array.
 * The object has no prototype, so the package keeps a parameter named `__proto__`.
 * @throws {TypeError} if the URL is not absolute, a query is not valid percent-encoding, or it
 *   carries `oauth_*` parameters (they go in the header; servers reject duplicates).
 */
function packageRequest({ method, url, formBody }: SignableRequest): OAuth.RequestOptions {
  const parsed = new URL(url);
  const data: OAuth.Param = Object.create(null);
  const oauthNames: string[] = [];
  for (const query of [parsed.search.slice(1), formBody ?? '']) {
    // URLSearchParams would read a malformed or non-UTF-8 escape as itself or U+FFFD, which
    // the server decodes differently or refuses; decodeURIComponent throws on both.
    try {
      decodeURIComponent(query);
    } catch (error) {
      throw new TypeError(`Query is not valid percent-encoding: ${query}`, { cause: error });
    }
    for (const [name, value] of new URLSearchParams(query)) {
      if (name.startsWith('oauth_')) oauthNames.push(name);
      const seen = data[name];
      data[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
  }
  if (oauthNames.length > 0) {
    throw new TypeError(`Request must not carry OAuth parameters: ${oauthNames.join(', ')}`);
  }
  return { method, url: `${parsed.protocol}//${parsed.host}${parsed.pathname}`, data };
}

/**
 * The protocol parameters that are set, as the package's `Data`. Its type wants a numeric
 * timestamp and a version, but its code only joins strings, and RFC 5849 leaves the version out
 * of some published vectors. A fresh object each time: the package adds the request's parameters
 * to it (without a prototype, so `__proto__` among them is kept).
 */
function packageData(params: Readonly<Record<string, string | undefined>>): OAuth.Data {
  const data: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) data[name] = value;
  return data as unknown as OAuth.Data;
}

/** The normalized parameter string (RFC 5849 §3.4.1.3.2). */
export function parameterString(request: SignableRequest, params: OAuth1Params): string {
  return oauth.getParameterString(packageRequest(request), packageData({ ...params }));
}

/** The signature base string (RFC 5849 §3.4.1): `METHOD&enc(base URI)&enc(parameters)`. */
export function baseString(request: SignableRequest, params: OAuth1Params): string {
  return oauth.getBaseString(packageRequest(request), packageData({ ...params }));
}

/**
 * The HMAC key (RFC 5849 §3.4.2): `enc(consumer secret)&enc(token secret)`. The `&` stays when
 * there is no token, as in two-legged OneRoster signing.
 */
export function signingKey(consumerSecret: string, tokenSecret = ''): string {
  return createOAuth({ key: '', secret: consumerSecret }, 'HMAC-SHA256').getSigningKey(tokenSecret);
}

/** `oauth_signature`: base64 of the HMAC of the base string, by WebCrypto. */
export function signature(
  method: OAuth1SignatureMethod,
  base: string,
  key: string,
  hmac: HmacBase64 = hmacBase64,
): Promise<string> {
  return hmac(method, key, base);
}

/** The `Authorization` header value (RFC 5849 §3.5.1), parameters sorted and encoded. */
export function authorizationHeader(params: OAuth1Params & { oauth_signature: string }): string {
  return oauth.toHeader({
    ...packageData({ ...params }),
    oauth_signature: params.oauth_signature,
  }).Authorization;
}

/**
 * Signs a request with the given protocol parameters. `hmac` may keep the imported key between
 * calls (an authenticator's `createCachedHmac`).
 * @throws {TypeError} as {@link packageRequest} does.
 */
export async function signRequest(
  request: SignableRequest,
  params: OAuth1Params,
  secrets: { consumerSecret: string; tokenSecret?: string },
  hmac: HmacBase64 = hmacBase64,
): Promise<SignedRequest> {
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

export interface OAuth1Options {
  consumerKey: string;
  consumerSecret: string;
  /** Defaults to HMAC-SHA256, which OneRoster 1.1 servers expect; some legacy peers want HMAC-SHA1. */
  signatureMethod?: OAuth1SignatureMethod;
  /** Sent with every request, e.g. `x-vendor-authorization`. */
  extraHeaders?: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  now?: () => number;
  /** A fresh unique nonce per call; defaults to oauth-1.0a's (32 letters and digits). */
  nonce?: () => string;
  /** Initial clock correction: SIS time minus our time, in milliseconds. */
  clockSkewMs?: number;
  /**
   * Told each correction learned from a timestamp refusal, so the caller can keep it beyond this
   * authenticator's life (the background stores it with the connection).
   */
  onClockSkewChange?: (ms: number) => void;
}

/**
 * Two measurements of the clock difference closer than this are the same: the `Date` header has
 * one-second resolution and the answer's travel time adds to it.
 */
const CLOCK_SKEW_TOLERANCE_MS = 5_000;

export interface OAuth1Authenticator extends Authenticator {
  readonly mode: 'oauth1';
  /**
   * The correction currently added to our clock when stamping requests, in milliseconds: SISs
   * reject timestamps a few minutes off (Canvas asks for 10 min past, 5 min future), and a school
   * laptop's clock can be further off than that. Learned from a refusal's `Date` header.
   */
  readonly clockSkewMs: number;
}

/**
 * Creates the OAuth 1.0a authenticator for one connection.
 *
 * There is no token to refresh, so `onUnauthorized()` helps only with the clock: when the SIS
 * refused a timestamp and its `Date` header shows a clock difference other than the correction
 * in use, the new difference becomes the correction (kept, and reported to `onClockSkewChange`),
 * and the refused request is retried if it was stamped with a different correction. Requests
 * refused together all retry; a request stamped with the measured correction does not, so a SIS
 * that refuses a right timestamp cannot cause a loop.
 * @throws {AuthConfigError} for invalid extra headers.
 */
export function createOAuth1Authenticator(options: OAuth1Options): OAuth1Authenticator {
  const extraHeaders = validateExtraHeaders(options.extraHeaders);
  const method = options.signatureMethod ?? 'HMAC-SHA256';
  const now = options.now ?? Date.now;
  const nonce = options.nonce ?? (() => oauth.getNonce());
  let skewMs = checkedSkew(options.clockSkewMs ?? 0);
  // The correction each request's timestamp carried, by the headers object `authorize` returned.
  const stampedWith = new WeakMap<object, number>();
  // The connection's signing key, imported into WebCrypto once; it ends with this authenticator.
  const hmac = createCachedHmac();

  return {
    mode: 'oauth1',
    get clockSkewMs() {
      return skewMs;
    },
    async authorize(request: RequestToAuthorize, signal?: AbortSignal) {
      signal?.throwIfAborted();
      const stampSkewMs = skewMs; // another refusal may change it while this one is signed
      const { authorization } = await signRequest(
        { method: request.method, url: request.url },
        {
          oauth_consumer_key: options.consumerKey,
          oauth_nonce: nonce(),
          oauth_signature_method: method,
          // Not the package's getTimeStamp(): that reads the local clock, with no correction.
          oauth_timestamp: String(Math.floor((now() + stampSkewMs) / 1000)),
          // Optional in RFC 5849, but sent by the vectors verified against oauthlib (§E).
          oauth_version: '1.0',
        },
        { consumerSecret: options.consumerSecret },
        hmac,
      );
      const headers = { ...extraHeaders, Authorization: authorization };
      stampedWith.set(headers, stampSkewMs);
      return headers;
    },
    async onUnauthorized({ sent, serverClockSkewMs: measured }: RefusedRequest) {
      if (measured === undefined || !Number.isFinite(measured)) return false;
      const used = stampedWith.get(sent) ?? skewMs;
      if (Math.abs(measured - skewMs) > CLOCK_SKEW_TOLERANCE_MS) {
        skewMs = measured;
        options.onClockSkewChange?.(measured);
      }
      return Math.abs(measured - used) > CLOCK_SKEW_TOLERANCE_MS;
    },
  };
}

function checkedSkew(ms: number): number {
  if (!Number.isFinite(ms))
    throw new RangeError(`Clock skew must be a finite number of ms, got ${ms}`);
  return ms;
}
