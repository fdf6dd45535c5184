/**
 * OAuth 2 client credentials (RFC 6749 §4.4), how Google Classroom itself talks to a OneRoster 1.1
 * SIS and the only scheme Infinite Campus and Aeries still accept (oneroster-research.md §A, §B,
 * §D). One token is cached per connection and shared by all requests until shortly before it
 * expires; the token request itself, and the reading of its answer, are at the end.
 */
import { z } from '../zod';
import {
  type Authenticator,
  AuthNetworkError,
  AuthTokenError,
  type RefusedRequest,
  type RequestToAuthorize,
  validateExtraHeaders,
} from './authenticator';
import { percentEncode, readTextCapped } from './http';

/** Token lifetime assumed when the endpoint sends no `expires_in`; a 401 refreshes it earlier. */
const DEFAULT_TOKEN_LIFETIME_S = 15 * 60;
/** A token is replaced this long before it expires, so it never expires mid-request. */
const TOKEN_REFRESH_MARGIN_MS = 60_000;
/**
 * How long one token request may take. Shorter than the OneRoster client's 30 s per-request
 * timeout, so a stalled endpoint fails the shared request (and the next caller starts afresh)
 * rather than only the callers waiting on it.
 */
const DEFAULT_TOKEN_TIMEOUT_MS = 20_000;

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

// One client-credentials token request and the parsing of its answer; the authenticator above
// caches what it grants and chooses the client authentication.

/** A token answer is a small JSON object; even a JWT with many claims is a few KiB. */
export const MAX_TOKEN_RESPONSE_BYTES = 256 * 1024;

/**
 * The scopes Google's OneRoster 1.1 conformance suite requests (oneroster-research.md §A): the
 * default. A 1.2 connection passes `scopesFor('1.2')` (lib/oneroster/version.ts) as `scopes`;
 * the missing-gradebook-scope warning reads both versions' URIs.
 */
export const ONEROSTER_SCOPES: readonly string[] = [
  'roster.readonly',
  'gradebook.readonly',
  'gradebook.createput',
  'gradebook.delete',
].map((name) => `https://purl.imsglobal.org/spec/or/v1p1/scope/${name}`);

/** How the client proves its identity (RFC 6749 §2.3.1): HTTP Basic, or fields in the form body. */
export type ClientAuthStyle = 'basic' | 'body';

/** `fetch` as called here; inject a fake in tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

// RFC 6750 §2.1 allows only b64token characters; printable ASCII is the lenient superset that
// still guarantees the token can go into a header.
const ACCESS_TOKEN = /^[\x21-\x7E]+$/;

/** A successful token response (RFC 6749 §5.1), with the leniencies real endpoints need. */
const TokenResponseSchema = z.object({
  access_token: z.string().check(z.regex(ACCESS_TOKEN, 'access_token must be printable ASCII')),
  // Aeries sends "bearer", the RFC spells it "Bearer"; the type is case-insensitive (§5.1).
  token_type: z
    .string()
    .check(z.refine((type) => type.toLowerCase() === 'bearer', 'token_type must be Bearer')),
  // Some endpoints send the lifetime as a string ("3600").
  expires_in: z.nullish(
    z.union([
      z.number().check(z.nonnegative()),
      z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number)),
    ]),
  ),
  scope: z.nullish(z.string()),
});

/** What a token request produced. */
type TokenAttempt =
  | {
      ok: true;
      accessToken: string;
      expiresInS: number | undefined;
      grantedScopes: string[] | undefined;
    }
  | { ok: false; status: number; oauthError: string | undefined };

interface TokenRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  style: ClientAuthStyle;
  fetch: FetchLike;
  /** Gives up (answer and body included) after this many milliseconds. */
  timeoutMs: number;
}

/**
 * POSTs one client-credentials request. A 400 or 401 is returned as a value, since the caller may
 * retry with the other client authentication style; anything else that is not a token throws.
 * Redirects are refused, not followed: a 307/308 would re-send the form body, which may hold the
 * client secret, to wherever the endpoint points.
 * @throws {AuthNetworkError} 'network' when no HTTP answer arrives, 'timeout' when it does not
 *   arrive (body included) within `timeoutMs`.
 * @throws {AuthTokenError} 'token-endpoint-status' for other non-2xx statuses and redirects,
 *   'token-endpoint-invalid' for a 2xx answer that is not a valid token or is too large.
 */
async function requestToken(request: TokenRequest): Promise<TokenAttempt> {
  const form: Array<[string, string]> = [['grant_type', 'client_credentials']];
  if (request.scopes.length > 0) form.push(['scope', request.scopes.join(' ')]);
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (request.style === 'basic') {
    headers.Authorization = basicCredentials(request.clientId, request.clientSecret);
  } else {
    form.push(['client_id', request.clientId], ['client_secret', request.clientSecret]);
  }

  // Not tied to any caller: the request is shared, and its own deadline ends it for everyone.
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const send = <T>(step: () => Promise<T>) => sendStep(step, deadline, request.timeoutMs);
  // The URL goes out exactly as entered: Infinite Campus needs its `?appName=…` there (§B).
  const response = await send(() =>
    request.fetch(request.tokenUrl, {
      method: 'POST',
      headers,
      body: form.map(([name, value]) => `${formEncode(name)}=${formEncode(value)}`).join('&'),
      // The district's own session cookies have no business at the token endpoint.
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'manual',
      signal: deadline,
    }),
  );
  // Browsers hide a manual redirect as an 'opaqueredirect' with status 0; Node shows the 3xx.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel();
    throw new AuthTokenError(
      'token-endpoint-status',
      `Token endpoint answered with a redirect (HTTP ${response.status}), which is not followed`,
      { status: response.status, redirect: true },
    );
  }
  const text = await send(() => readTextCapped(response, MAX_TOKEN_RESPONSE_BYTES));
  if (text === undefined) {
    throw new AuthTokenError(
      'token-endpoint-invalid',
      `Token endpoint answered with more than ${MAX_TOKEN_RESPONSE_BYTES} bytes`,
      { status: response.status },
    );
  }

  if (response.status === 400 || response.status === 401) {
    return { ok: false, status: response.status, oauthError: oauthErrorCode(text) };
  }
  if (!response.ok) {
    throw new AuthTokenError(
      'token-endpoint-status',
      `Token endpoint answered HTTP ${response.status}`,
      {
        status: response.status,
        oauthError: oauthErrorCode(text),
      },
    );
  }
  return parseToken(text, response.status);
}

function parseToken(text: string, status: number): TokenAttempt {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const what = /^\s*</.test(text)
      ? 'HTML (is this the token URL?)'
      : 'something that is not JSON';
    throw new AuthTokenError('token-endpoint-invalid', `Token endpoint answered ${what}`, {
      status,
      cause,
    });
  }
  const parsed = TokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new AuthTokenError(
      'token-endpoint-invalid',
      `Token endpoint answered JSON that is not a bearer token: ${z.prettifyError(parsed.error)}`,
      { status, cause: parsed.error },
    );
  }
  const { access_token, expires_in, scope } = parsed.data;
  return {
    ok: true,
    accessToken: access_token,
    expiresInS: expires_in ?? undefined,
    grantedScopes: scope == null ? undefined : scope.split(' ').filter(Boolean),
  };
}

/** The RFC 6749 §5.2 `error` code of an error answer, if it has one. */
function oauthErrorCode(text: string): string | undefined {
  try {
    const error: unknown = JSON.parse(text)?.error;
    return typeof error === 'string' ? error : undefined;
  } catch {
    return undefined; // An HTML error page; the status says enough.
  }
}

/** Runs a network step; any rejection means no (complete) HTTP answer arrived. */
async function sendStep<T>(
  step: () => Promise<T>,
  deadline: AbortSignal,
  timeoutMs: number,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (deadline.aborted) {
      throw new AuthNetworkError(`Token endpoint did not answer within ${timeoutMs} ms`, {
        cause: error,
        code: 'timeout',
      });
    }
    throw new AuthNetworkError('Token endpoint could not be reached', { cause: error });
  }
}

/**
 * RFC 6749 §2.3.1: id and secret are each form-urlencoded before being joined with `:` and
 * base64-encoded. Servers that skip the decoding reject secrets with special characters, which
 * is one reason the caller falls back to form-body credentials.
 */
function basicCredentials(clientId: string, clientSecret: string): string {
  // Form encoding yields ASCII only, which is what btoa accepts.
  return `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
}

/** application/x-www-form-urlencoded: RFC 3986 encoding with a space as `+`. */
function formEncode(value: string): string {
  return percentEncode(value).replace(/%20/g, '+');
}
