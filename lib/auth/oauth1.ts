/**
 * Two-legged OAuth 1.0a (consumer key and secret, no token), the signing OneRoster 1.1 started
 * with; new connections mostly use OAuth 2 (oneroster-research.md §B, §E). Every request is
 * signed right before it is sent, over its exact method and URL; JSON bodies are not signed.
 */
import { validateExtraHeaders } from './extra-headers';
import { createCachedHmac } from './hmac';
import { type OAuth1SignatureMethod, signRequest } from './oauth1-sign';
import type { Authenticator, RefusedRequest, RequestToAuthorize } from './types';

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
export const CLOCK_SKEW_TOLERANCE_MS = 5_000;

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
  const nonce = options.nonce ?? randomNonce;
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
    setClockSkewMs(ms) {
      skewMs = checkedSkew(ms);
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
