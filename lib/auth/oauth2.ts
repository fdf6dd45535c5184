/**
 * OAuth 2 client credentials (RFC 6749 §4.4), how Google Classroom itself talks to a OneRoster 1.1
 * SIS and the only scheme Infinite Campus and Aeries still accept (oneroster-research.md §A, §B,
 * §D). One token is cached per connection and shared by all requests until shortly before it
 * expires.
 */
import { AuthTokenError } from './authenticator';
import { validateExtraHeaders } from './authenticator';
import {
  type ClientAuthStyle,
  type FetchLike,
  ONEROSTER_SCOPES,
  requestToken,
  type TokenAttempt,
} from './oauth2-token';
import type { Authenticator, RefusedRequest, RequestToAuthorize } from './authenticator';

export type { ClientAuthStyle, FetchLike } from './oauth2-token';
export { ONEROSTER_SCOPES, TokenResponseSchema } from './oauth2-token';

/** Token lifetime assumed when the endpoint sends no `expires_in`; a 401 refreshes it earlier. */
export const DEFAULT_TOKEN_LIFETIME_S = 15 * 60;
/** A token is replaced this long before it expires, so it never expires mid-request. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
/**
 * How long one token request may take. Shorter than the OneRoster client's 30 s per-request
 * timeout, so a stalled endpoint fails the shared request (and the next caller starts afresh)
 * rather than only the callers waiting on it.
 */
export const DEFAULT_TOKEN_TIMEOUT_MS = 20_000;

export interface OAuth2Options {
  /** Used exactly as entered, query included. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to {@link ONEROSTER_SCOPES}; an empty list sends no `scope` parameter. */
  scopes?: readonly string[];
  /** Sent with every SIS request (not to the token endpoint), e.g. `x-vendor-authorization`. */
  extraHeaders?: Readonly<Record<string, string>>;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  now?: () => number;
  /** The client authentication to try first, e.g. the `clientAuth` a previous session learned. */
  clientAuth?: ClientAuthStyle;
  /** Per token request; defaults to {@link DEFAULT_TOKEN_TIMEOUT_MS}. */
  tokenTimeoutMs?: number;
}

/** What the last token grant said, for "Test connection" and to persist what worked. */
export interface GrantInfo {
  /** The client authentication style the endpoint accepted. */
  clientAuth: ClientAuthStyle;
  /** Scopes the endpoint says it granted; undefined when it did not say (RFC 6749 §5.1: as requested). */
  grantedScopes: readonly string[] | undefined;
  /** A 'token-scope' error when a requested gradebook scope was not granted; reported, not thrown. */
  scopeWarning: AuthTokenError | undefined;
  /** When the token is replaced, in ms since the epoch. */
  refreshAt: number;
}

export interface OAuth2Authenticator extends Authenticator {
  readonly mode: 'oauth2';
  /** The last grant, or undefined before the first token. */
  lastGrant(): GrantInfo | undefined;
}

interface CachedToken {
  accessToken: string;
  grant: GrantInfo;
}

/**
 * Creates the OAuth 2 authenticator for one connection.
 *
 * - Tries HTTP Basic first (as Google's suite does); if the endpoint answers 400/401, retries once
 *   with `client_id`/`client_secret` in the form body, and keeps whichever style worked.
 * - Concurrent callers share one in-flight token request.
 * - `onUnauthorized()` is token-aware: a 401 for the current token drops it (the next request
 *   fetches one new token, shared by all); a 401 for a token already replaced just retries with
 *   the current one. The transport retries a request once at most, so a token the SIS keeps
 *   refusing cannot cause a loop.
 *
 * `authorize` throws {@link AuthTokenError} or {@link AuthNetworkError} when no token can be had.
 * @throws {AuthConfigError} for invalid extra headers.
 */
export function createOAuth2Authenticator(options: OAuth2Options): OAuth2Authenticator {
  const extraHeaders = validateExtraHeaders(options.extraHeaders);
  const scopes = options.scopes ?? ONEROSTER_SCOPES;
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const now = options.now ?? Date.now;
  let style: ClientAuthStyle = options.clientAuth ?? 'basic';
  let cached: CachedToken | undefined;
  let inFlight: Promise<CachedToken> | undefined;
  let last: GrantInfo | undefined;

  const { tokenUrl, clientId, clientSecret } = options;
  const timeoutMs = options.tokenTimeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new RangeError('tokenTimeoutMs must be positive');
  const attempt = (withStyle: ClientAuthStyle) =>
    requestToken({
      tokenUrl,
      clientId,
      clientSecret,
      scopes,
      style: withStyle,
      fetch: doFetch,
      timeoutMs,
    });

  async function fetchToken(): Promise<CachedToken> {
    const startedAt = now();
    let used = style;
    let result = await attempt(used);
    if (!result.ok) {
      const firstRefusal = result;
      used = used === 'basic' ? 'body' : 'basic';
      result = await attempt(used);
      if (!result.ok) throw refused(firstRefusal, result);
    }
    style = used;
    const grant = describeGrant(result, used, scopes, startedAt);
    last = grant;
    cached = { accessToken: result.accessToken, grant };
    return cached;
  }

  function currentToken(signal?: AbortSignal): Promise<CachedToken> {
    if (cached && now() < cached.grant.refreshAt) return Promise.resolve(cached);
    // Not tied to any caller's signal: one caller giving up must not fail the others. The
    // request's own deadline ends it, and then (success or failure) the next caller starts a
    // fresh one: a stalled endpoint cannot hold every later request hostage.
    inFlight ??= fetchToken().finally(() => {
      inFlight = undefined;
    });
    return abortable(inFlight, signal);
  }

  return {
    mode: 'oauth2',
    lastGrant: () => last,
    async authorize(_request: RequestToAuthorize, signal?: AbortSignal) {
      signal?.throwIfAborted();
      const { accessToken } = await currentToken(signal);
      return { ...extraHeaders, Authorization: `Bearer ${accessToken}` };
    },
    async onUnauthorized({ sent }: RefusedRequest) {
      const refused = /^Bearer (\S+)$/.exec(sent.Authorization ?? '')?.[1];
      if (refused === undefined) return false;
      // Only a refusal of the current token retires it, so the requests that were in flight with
      // it when it was revoked cause one refresh between them, not one each; the others retry
      // with whatever is current (or being fetched) by then.
      if (cached?.accessToken === refused) cached = undefined;
      return true;
    },
  };
}

type Refusal = Extract<TokenAttempt, { ok: false }>;
type Grant = Extract<TokenAttempt, { ok: true }>;

function refused(first: Refusal, second: Refusal): AuthTokenError {
  const oauthError = second.oauthError ?? first.oauthError;
  return new AuthTokenError(
    'token-rejected',
    `Token endpoint refused the client credentials with both HTTP Basic and form-body authentication ` +
      `(HTTP ${first.status}, then ${second.status}${oauthError ? `, ${oauthError}` : ''})`,
    { status: second.status, oauthError },
  );
}

function describeGrant(
  result: Grant,
  clientAuth: ClientAuthStyle,
  requested: readonly string[],
  startedAt: number,
): GrantInfo {
  const lifetimeMs = (result.expiresInS ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
  const granted = result.grantedScopes;
  const missing = granted ? requested.filter((scope) => !granted.includes(scope)) : [];
  const missingGradebook = missing.filter((scope) => /\/scope\/gradebook\./.test(scope));
  return {
    clientAuth,
    grantedScopes: granted,
    scopeWarning:
      missingGradebook.length === 0
        ? undefined
        : new AuthTokenError(
            'token-scope',
            `Token was granted without ${missingGradebook.join(', ')}`,
            { missingScopes: missingGradebook },
          ),
    // Short-lived tokens keep at least half their life, so they are not refetched for every request.
    refreshAt: startedAt + lifetimeMs - Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2),
  };
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
