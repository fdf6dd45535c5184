/**
 * Two-legged OAuth 1.0a (consumer key and secret, no token), the signing OneRoster 1.1 started
 * with; new connections mostly use OAuth 2 (oneroster-research.md §B, §E). Every request is
 * signed right before it is sent, over its exact method and URL; JSON bodies are not signed.
 */
import { validateExtraHeaders } from './extra-headers';
import { createCachedHmac } from './hmac';
import { type OAuth1SignatureMethod, signRequest } from './oauth1-sign';
import type { Authenticator, RequestToAuthorize } from './types';

export type {
  OAuth1Params,
  OAuth1SignatureMethod,
  SignableRequest,
  SignedRequest,
} from './oauth1-sign';
export {
  authorizationHeader,
  baseString,
  parameterString,
  signature,
  signingKey,
  signRequest,
} from './oauth1-sign';

export interface OAuth1Options {
  consumerKey: string;
  consumerSecret: string;
  /** Defaults to HMAC-SHA256, which OneRoster 1.1 servers expect; some legacy peers want HMAC-SHA1. */
  signatureMethod?: OAuth1SignatureMethod;
  /** Sent with every request, e.g. `x-vendor-authorization`. */
  extraHeaders?: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  now?: () => number;
  /** A fresh unique nonce per call; defaults to 128 random bits as hex. */
  nonce?: () => string;
  /** Initial clock correction: SIS time minus our time, in milliseconds. */
  clockSkewMs?: number;
}

export interface OAuth1Authenticator extends Authenticator {
  readonly mode: 'oauth1';
  /** The correction currently added to our clock when stamping requests, in milliseconds. */
  readonly clockSkewMs: number;
  /**
   * Corrects timestamps after the SIS reported a different time (see {@link measureClockSkew}).
   * SISs reject timestamps a few minutes off (Canvas asks for 10 min past, 5 min future), and a
   * school laptop's clock can be further off than that.
   * @throws {RangeError} if `ms` is not a finite number.
   */
  setClockSkewMs(ms: number): void;
}

/**
 * Creates the OAuth 1.0a authenticator for one connection. `onUnauthorized()` answers true only
 * when the clock skew changed since the last 401: there is no token to refresh, so re-signing
 * the same request can only help if its timestamp will differ.
 * @throws {AuthConfigError} for invalid extra headers.
 */
export function createOAuth1Authenticator(options: OAuth1Options): OAuth1Authenticator {
  const extraHeaders = validateExtraHeaders(options.extraHeaders);
  const method = options.signatureMethod ?? 'HMAC-SHA256';
  const now = options.now ?? Date.now;
  const nonce = options.nonce ?? randomNonce;
  let skewMs = checkedSkew(options.clockSkewMs ?? 0);
  let skewChangedSince401 = false;
  // The connection's signing key, imported into WebCrypto once; it ends with this authenticator.
  const hmac = createCachedHmac();

  return {
    mode: 'oauth1',
    get clockSkewMs() {
      return skewMs;
    },
    setClockSkewMs(ms) {
      if (checkedSkew(ms) !== skewMs) skewChangedSince401 = true;
      skewMs = ms;
    },
    async authorize(request: RequestToAuthorize, signal?: AbortSignal) {
      signal?.throwIfAborted();
      const { authorization } = await signRequest(
        { method: request.method, url: request.url },
        {
          oauth_consumer_key: options.consumerKey,
          oauth_nonce: nonce(),
          oauth_signature_method: method,
          oauth_timestamp: String(Math.floor((now() + skewMs) / 1000)),
          // Optional in RFC 5849, but sent by the vectors verified against oauthlib (§E).
          oauth_version: '1.0',
        },
        { consumerSecret: options.consumerSecret },
        hmac,
      );
      return { ...extraHeaders, Authorization: authorization };
    },
    async onUnauthorized() {
      const retry = skewChangedSince401;
      skewChangedSince401 = false;
      return retry;
    },
  };
}

/**
 * SIS time minus local time in milliseconds, from a response's `Date` header and the local time
 * the response arrived; undefined when the header is missing or unparsable. The header has
 * one-second resolution, so differences under a few seconds are noise.
 */
export function measureClockSkew(
  dateHeader: string | null | undefined,
  localNowMs: number,
): number | undefined {
  const serverMs = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  return Number.isNaN(serverMs) ? undefined : serverMs - localNowMs;
}

/** 128 random bits as 32 hex digits: unique per request and safe for any server's nonce charset. */
export function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function checkedSkew(ms: number): number {
  if (!Number.isFinite(ms))
    throw new RangeError(`Clock skew must be a finite number of ms, got ${ms}`);
  return ms;
}
