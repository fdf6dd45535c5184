/**
 * Typed failures of the auth layer. Each class sets `name` and a stable `code`; messages are
 * English developer text, and the user-facing wording is chosen from `code` elsewhere (the
 * messaging layer serialises errors, so callers must branch on `code`, not on `instanceof`).
 */

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
