/**
 * One OAuth 2 client-credentials token request (RFC 6749 §4.4) and the parsing of its answer.
 * Caching, retries and the choice of client authentication live in `oauth2.ts`.
 */
import { readTextCapped } from './http';
import { z } from '../zod';
import { AuthNetworkError, AuthTokenError } from './authenticator';
import { percentEncode } from './http';

/** A token answer is a small JSON object; even a JWT with many claims is a few KiB. */
export const MAX_TOKEN_RESPONSE_BYTES = 256 * 1024;

/** The scopes Google's OneRoster 1.1 conformance suite requests (oneroster-research.md §A). */
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
export const TokenResponseSchema = z.object({
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
export type TokenAttempt =
  | {
      ok: true;
      accessToken: string;
      expiresInS: number | undefined;
      grantedScopes: string[] | undefined;
    }
  | { ok: false; status: number; oauthError: string | undefined };

export interface TokenRequest {
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
export async function requestToken(request: TokenRequest): Promise<TokenAttempt> {
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
