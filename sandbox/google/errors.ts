/**
 * Google's JSON error body, `{"error":{"code","message","status","details"?}}`
 * (developers.google.com/workspace/classroom/troubleshooting/error-structure), and the texts Google
 * sends for each case the fake produces.
 */

export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: unknown[] };
}

export class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
    readonly details?: unknown[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): GoogleErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        status: this.status,
        ...(this.details && { details: this.details }),
      },
    };
  }
}

const errorInfo = (reason: string, metadata: Record<string, string> = {}) => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'googleapis.com',
  metadata: { service: 'classroom.googleapis.com', ...metadata },
});

// Google's 401 texts: "is missing" without any credential, "had invalid" for a bad or expired one.
export const credentialsMissing = () =>
  new GoogleApiError(
    401,
    'UNAUTHENTICATED',
    'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    [errorInfo('CREDENTIALS_MISSING')],
    { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
  );

export const invalidCredentials = () =>
  new GoogleApiError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    [errorInfo('ACCESS_TOKEN_TYPE_UNSUPPORTED')],
    { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  );

export const insufficientScopes = (method: string) =>
  new GoogleApiError(
    403,
    'PERMISSION_DENIED',
    'Request had insufficient authentication scopes.',
    [errorInfo('ACCESS_TOKEN_SCOPE_INSUFFICIENT', { method })],
    {
      'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="insufficient_scope"',
    },
  );

export const callerLacksPermission = () =>
  new GoogleApiError(403, 'PERMISSION_DENIED', 'The caller does not have permission');

/**
 * The Workspace admin turned Classroom API data access off for the user's OU. Text as Google
 * documents it: developers.google.com/workspace/classroom/troubleshooting/error-structure shows
 * `{"error":{"code":403,"message":"@ClassroomApiDisabled The user is not permitted to access the
 * Classroom API.","status":"PERMISSION_DENIED"}}`; the "@ClassroomApiDisabled" prefix is the
 * reason (developers.google.com/classroom/reference/Access.Errors).
 */
export const classroomApiDisabled = () =>
  new GoogleApiError(
    403,
    'PERMISSION_DENIED',
    '@ClassroomApiDisabled The user is not permitted to access the Classroom API.',
  );

export const notFound = () =>
  new GoogleApiError(404, 'NOT_FOUND', 'Requested entity was not found.');

export const invalidArgument = (message = 'Request contains an invalid argument.') =>
  new GoogleApiError(400, 'INVALID_ARGUMENT', message);

/** How Google's REST transcoding rejects a query parameter the method does not have. */
export const unknownParameter = (name: string) =>
  invalidArgument(
    `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
  );

export const rateLimited = (retryAfterSeconds: number | undefined) =>
  new GoogleApiError(
    429,
    'RESOURCE_EXHAUSTED',
    "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service 'classroom.googleapis.com' for consumer 'project_number:000000000000'.",
    [
      errorInfo('RATE_LIMIT_EXCEEDED', {
        quota_metric: 'classroom.googleapis.com/default_requests',
        quota_limit: 'DefaultRequestsPerMinutePerUser',
      }),
    ],
    retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
  );
