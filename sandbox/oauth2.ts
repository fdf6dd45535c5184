/**
 * OAuth 2 client credentials (RFC 6749 §4.4) the way Google's conformance notebook and Aeries use
 * it (research §A, §D): POST the token URL with HTTP Basic or form-body credentials,
 * grant_type=client_credentials and space-separated OneRoster 1.1 or 1.2 scopes. Tokens are random
 * opaque strings kept in memory; issuing a new token never revokes older ones (Canvas relies on
 * that: each of its threads fetches its own token).
 */
import { randomBytes } from 'node:crypto';
import { ImsxError } from './imsx.ts';
import { safeEqual } from './oauth1-signature.ts';
import { formDecode, parseQuery } from './query.ts';

export const SCOPE_PREFIX = 'https://purl.imsglobal.org/spec/or/v1p1/scope/';
export const SCOPE_PREFIX_V1P2 = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
const FOUR = ['roster.readonly', 'gradebook.readonly', 'gradebook.createput', 'gradebook.delete'];
export const ALL_SCOPES = FOUR.map((s) => SCOPE_PREFIX + s);
/** Google's four 1.2 scopes: what a token asked for without `scope` gets at the 1.2 endpoint. */
export const ALL_SCOPES_V1P2 = FOUR.map((s) => SCOPE_PREFIX_V1P2 + s);
/** Grantable, though no endpoint here needs it: bulk POST is not served (PUT is the write path). */
const GRANTABLE = [...ALL_SCOPES, ...ALL_SCOPES_V1P2, `${SCOPE_PREFIX_V1P2}gradebook.createpost`];

export interface OAuth2Config {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  now: () => number;
}

interface Token {
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
}

/** RFC 6749 §5.2 error answer from the token endpoint (JSON, not imsx: it is not a OneRoster API). */
export interface TokenError {
  status: number;
  body: { error: string; error_description: string };
  headers?: Record<string, string>;
}

export function createOAuth2Server(config: OAuth2Config) {
  const tokens = new Map<string, Token>();
  const fail = (
    status: number,
    error: string,
    description: string,
    headers?: Record<string, string>,
  ): TokenError => ({
    status,
    body: { error, error_description: description },
    headers,
  });

  function issue(
    authorization: string | undefined,
    body: string,
    defaultScopes: readonly string[] = ALL_SCOPES,
  ): { status: 200; body: object } | TokenError {
    const form = new Map(parseQuery(body));
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^\s*Basic\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (basic) {
      // RFC 6749 §2.3.1: id and secret are form-encoded before base64; decoding is harmless for
      // clients that skip that step because the sandbox's credentials are all unreserved characters.
      const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return fail(401, 'invalid_client', 'malformed Basic credentials');
      id = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    }
    if (
      !id ||
      secret === undefined ||
      !safeEqual(id, config.clientId) ||
      !safeEqual(secret, config.clientSecret)
    ) {
      return fail(401, 'invalid_client', 'unknown client or wrong secret', {
        'WWW-Authenticate': 'Basic realm="oneroster-sandbox"',
      });
    }
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials') {
      return fail(
        400,
        'unsupported_grant_type',
        `grant_type must be client_credentials, got '${grant ?? ''}'`,
      );
    }
    const requested = (form.get('scope') ?? '').split(' ').filter((s) => s !== '');
    const unknown = requested.filter((s) => !GRANTABLE.includes(s));
    if (unknown.length > 0)
      return fail(400, 'invalid_scope', `scope not allowed: ${unknown.join(' ')}`);
    // No scope requested → the client's whole registered set (RFC 6749 §3.3 server default).
    const granted = requested.length > 0 ? requested : [...defaultScopes];
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, {
      clientId: id,
      scopes: new Set(granted),
      expiresAt: config.now() + config.tokenTtlSeconds * 1000,
    });
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'bearer',
        expires_in: config.tokenTtlSeconds,
        scope: granted.join(' '),
      },
    };
  }

  /** Validates a bearer token; returns its scopes or throws a 401 imsx error. */
  function authenticate(token: string): { clientId: string; scopes: Set<string> } {
    const found = tokens.get(token);
    const challenge = (error: string) => ({
      'WWW-Authenticate': `Bearer realm="oneroster-sandbox", error="${error}"`,
    });
    if (!found)
      throw new ImsxError(
        401,
        'unauthorisedrequest',
        'unknown bearer token',
        challenge('invalid_token'),
      );
    if (found.expiresAt <= config.now()) {
      tokens.delete(token);
      throw new ImsxError(
        401,
        'unauthorisedrequest',
        'bearer token has expired',
        challenge('invalid_token'),
      );
    }
    return found;
  }

  /** Forget every token (for tests that simulate a server-side revocation). */
  const revokeAll = () => tokens.clear();

  return { issue, authenticate, revokeAll };
}
