/**
 * What every authenticator is: how a OneRoster request gets authorised, how it fails, and the
 * per-connection extra headers it sends. One authenticator per SIS connection; the OneRoster
 * client asks it for headers right before sending each request (signatures cover the exact URL
 * and method, so they cannot be computed earlier). The two schemes are oauth1.ts and oauth2.ts;
 * config.ts builds the one a connection's settings call for.
 */

export type HttpMethod = 'GET' | 'PUT' | 'DELETE' | 'POST';

export interface RequestToAuthorize {
  method: HttpMethod;
  /** The exact absolute URL that will be sent (query included, spaces as %20). */
  url: string;
}

export interface Authenticator {
  /** Which scheme this is, for logs and error messages. */
  readonly mode: 'oauth1' | 'oauth2';
  /**
   * OAuth 1.0a: the correction added to our clock when stamping requests (SIS clock minus ours,
   * in ms); a call to `authorize` stamps with the value current when it is called. Undefined for
   * schemes that stamp no time.
   */
  readonly clockSkewMs?: number;
  /** Headers to add to this request: `Authorization`, plus any per-connection extra headers. */
  authorize(request: RequestToAuthorize, signal?: AbortSignal): Promise<Record<string, string>>;
  /**
   * Called after the SIS answered 401. Returns true when retrying once may succeed; false when a
   * retry is pointless. Several requests may be refused at once (an export runs them in
   * parallel), so the answer depends on what each refused request carried, not on call order.
   */
  onUnauthorized(refusal: RefusedRequest): Promise<boolean>;
}

/** What the authenticator learns about one refused request. */
export interface RefusedRequest {
  /**
   * The very object `authorize` returned for the refused request: which token it carried (OAuth
   * 2), which clock correction its timestamp used (OAuth 1.0a).
   */
  sent: Readonly<Record<string, string>>;
  /**
   * Set when the SIS refused an OAuth 1.0a timestamp: SIS clock minus ours (uncorrected), from
   * the refusal's `Date` header.
   */
  serverClockSkewMs?: number;
}

// Typed failures of the auth layer. Each class sets `name` and a stable `code`; messages are
// English developer text, and the user-facing wording is chosen from `code` elsewhere (the
// messaging layer serialises errors, so callers must branch on `code`, not on `instanceof`).

/** Why the token endpoint did not give us a usable token. */
export type AuthTokenErrorCode =
  /** 400/401 with both client authentication styles (HTTP Basic and form body). */
  | 'token-rejected'
  /** A 2xx answer that is not a token: HTML, non-JSON, or JSON of the wrong shape. */
  | 'token-endpoint-invalid'
  /** Any other HTTP status (404 from a mistyped URL, 5xx); `status` says which. */
  | 'token-endpoint-status'
  /** A token was granted without a requested gradebook scope. Reported, never thrown. */
  | 'token-scope';

/** Every code this module can produce. */
export type AuthErrorCode = AuthTokenErrorCode | AuthNetworkError['code'] | AuthConfigError['code'];

export interface AuthTokenErrorDetails {
  /** HTTP status of the (last) token endpoint answer. */
  status?: number;
  /** The RFC 6749 §5.2 `error` value, e.g. `invalid_client`, when the endpoint sent one. */
  oauthError?: string;
  /** For 'token-scope': requested scopes the token was not granted. */
  missingScopes?: readonly string[];
  /** For 'token-endpoint-status': the answer was a redirect, which is never followed. */
  redirect?: boolean;
  cause?: unknown;
}

/** The OAuth 2 token endpoint refused us or answered with something that is not a token. */
export class AuthTokenError extends Error {
  override name = 'AuthTokenError';
  readonly status: number | undefined;
  readonly oauthError: string | undefined;
  readonly missingScopes: readonly string[];
  readonly redirect: boolean;

  constructor(
    readonly code: AuthTokenErrorCode,
    message: string,
    details: AuthTokenErrorDetails = {},
  ) {
    super(message, { cause: details.cause });
    this.status = details.status;
    this.oauthError = details.oauthError;
    this.missingScopes = details.missingScopes ?? [];
    this.redirect = details.redirect ?? false;
  }
}

/**
 * The request never got an HTTP answer: 'network' (offline, DNS, TLS, CORS/host permission) or
 * 'timeout' (the token endpoint did not answer in time).
 */
export class AuthNetworkError extends Error {
  override name = 'AuthNetworkError';
  readonly code: 'network' | 'timeout';

  constructor(message: string, options: { cause?: unknown; code?: 'network' | 'timeout' } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code ?? 'network';
  }
}

/** Connection settings the authenticators cannot work with (bad header name, empty key, …). */
export class AuthConfigError extends Error {
  override name = 'AuthConfigError';
  readonly code = 'auth-config-invalid';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

// Per-connection headers sent with every SIS request next to `Authorization`, e.g. Infinite
// Campus's `x-vendor-authorization: key:secret`, without which its gradebook endpoints answer 401
// (kb.infinitecampus.com/help/connecting-to-oneroster-grade-book-endpoints).

// RFC 7230 §3.2.6: a field name is a `token`, one or more `tchar`.
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 7230 §3.2: visible characters, obs-text, spaces and tabs; no CR, LF, NUL or other controls,
// which would split or corrupt the header (fetch would throw on them anyway, far from the cause).
const FIELD_VALUE = /^[\t\x20-\x7E\x80-\xFF]*$/;
// The authenticators set this one; an extra header must not replace the signature or token.
const OWN_HEADERS = new Set(['authorization']);

/** Everything wrong with a set of extra headers, as English sentences; empty when valid. */
export function extraHeaderProblems(headers: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!FIELD_NAME.test(name))
      problems.push(`Header name ${JSON.stringify(name)} is not an HTTP token.`);
    else if (OWN_HEADERS.has(lower)) problems.push(`Header ${name} is set by the authenticator.`);
    else if (seen.has(lower)) problems.push(`Header ${name} is given twice (names ignore case).`);
    if (!FIELD_VALUE.test(value)) {
      problems.push(
        `Header ${JSON.stringify(name)} has a line break or control character in its value.`,
      );
    }
    seen.add(lower);
  }
  return problems;
}

/**
 * Checks extra headers once, when an authenticator is created, so a bad header fails at setup
 * instead of on the first request.
 * @throws {AuthConfigError} listing every problem.
 */
export function validateExtraHeaders(
  headers: Readonly<Record<string, string>> = {},
): Readonly<Record<string, string>> {
  const problems = extraHeaderProblems(headers);
  if (problems.length > 0) throw new AuthConfigError(problems.join(' '));
  return Object.freeze({ ...headers });
}
