/**
 * Builds the authenticator a SIS connection's saved auth settings call for. The settings are
 * checked here with zod, so a connection that was saved by an older version, or edited by hand,
 * fails at setup with a readable error rather than on the first request.
 */
import { z } from '../zod';
import { AuthConfigError, extraHeaderProblems } from './authenticator';
import { createOAuth1Authenticator, type OAuth1Authenticator, type OAuth1Options } from './oauth1';
import { createOAuth2Authenticator, type OAuth2Authenticator, type OAuth2Options } from './oauth2';

// Pasted credentials often carry a stray space or newline; none legitimately starts or ends with one.
const Credential = z.string().check(z.trim(), z.minLength(1));

const ExtraHeadersSchema = z.record(z.string(), z.string()).check(
  z.superRefine((headers, context) => {
    for (const message of extraHeaderProblems(headers)) {
      context.addIssue({ code: 'custom', message });
    }
  }),
);

// Client secrets must not travel in clear text; plain http is allowed only for a local test SIS.
const TokenUrlSchema = z.string().check(
  z.trim(),
  z.refine((value) => {
    if (!URL.canParse(value)) return false;
    const { protocol, hostname } = new URL(value);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
    return protocol === 'https:' || (protocol === 'http:' && local);
  }, 'Token URL must be an https:// URL'),
);

// RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`.
const ScopeSchema = z
  .string()
  .check(z.regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'Scope contains a space or invalid character'));

/** Saved auth settings of one SIS connection. */
export const AuthConfigSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('oauth1'),
    consumerKey: Credential,
    consumerSecret: Credential,
    signatureMethod: z.optional(z.enum(['HMAC-SHA256', 'HMAC-SHA1'])),
    extraHeaders: z.optional(ExtraHeadersSchema),
  }),
  z.object({
    mode: z.literal('oauth2'),
    tokenUrl: TokenUrlSchema,
    clientId: Credential,
    clientSecret: Credential,
    /** Leave out for the four OneRoster 1.1 scopes. */
    scopes: z.optional(z.array(ScopeSchema)),
    extraHeaders: z.optional(ExtraHeadersSchema),
  }),
]);

export type AuthConfig = z.infer<typeof AuthConfigSchema>;

/** Runtime dependencies, injected by tests; each defaults to the real one. */
export type AuthDependencies = Pick<
  OAuth1Options,
  'now' | 'nonce' | 'clockSkewMs' | 'onClockSkewChange'
> &
  Pick<OAuth2Options, 'fetch' | 'now' | 'clientAuth' | 'tokenTimeoutMs'>;

/**
 * Validates `config` and creates the matching authenticator; its `mode` tells which of the two
 * it is (OAuth 1.0a can correct its clock, OAuth 2 reports its last grant).
 * @throws {AuthConfigError} with the zod issues as `cause` when the settings are invalid.
 */
export function createAuthenticator(
  config: AuthConfig,
  dependencies: AuthDependencies = {},
): OAuth1Authenticator | OAuth2Authenticator {
  const parsed = AuthConfigSchema.safeParse(config);
  if (!parsed.success) {
    throw new AuthConfigError(`Invalid auth settings: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const settings = parsed.data;
  const { fetch, now, nonce, clockSkewMs, onClockSkewChange, clientAuth, tokenTimeoutMs } =
    dependencies;
  return settings.mode === 'oauth1'
    ? createOAuth1Authenticator({ ...settings, now, nonce, clockSkewMs, onClockSkewChange })
    : createOAuth2Authenticator({ ...settings, fetch, now, clientAuth, tokenTimeoutMs });
}
