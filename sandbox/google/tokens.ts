/**
 * Grants (which scopes the signed-in account gave which client) and the access tokens issued for
 * them. Implicit-flow tokens are opaque bearer strings that expire after `ttlSeconds`; there is no
 * refresh token (the extension renews through the authorization endpoint).
 */
import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  /** A short public id for logs and tests (never the token itself). */
  id: string;
  token: string;
  clientId: string;
  email: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

export function createTokenStore(options: { ttlSeconds: number; now: () => number }) {
  /** clientId → scopes the account granted it. */
  const grants = new Map<string, Set<string>>();
  const issued: IssuedToken[] = [];
  const byToken = new Map<string, IssuedToken>();

  return {
    issued,
    grantedTo(clientId: string): ReadonlySet<string> {
      return grants.get(clientId) ?? new Set();
    },
    grant(clientId: string, scopes: readonly string[]): void {
      const set = grants.get(clientId) ?? new Set<string>();
      for (const s of scopes) set.add(s);
      grants.set(clientId, set);
    },
    /** As if the user removed the app at myaccount.google.com/permissions. */
    forgetGrants(): void {
      grants.clear();
    },
    issue(clientId: string, email: string, scopes: readonly string[]): IssuedToken {
      const now = options.now();
      const token: IssuedToken = {
        id: `t${issued.length + 1}`,
        // Google's access tokens start with "ya29."; clients must treat them as opaque.
        token: `ya29.fake-${randomBytes(24).toString('base64url')}`,
        clientId,
        email,
        scopes: [...scopes],
        issuedAt: now,
        expiresAt: now + options.ttlSeconds * 1000,
        revoked: false,
      };
      issued.push(token);
      byToken.set(token.token, token);
      return token;
    },
    /** The live token, or undefined when unknown, revoked or expired. */
    lookup(token: string): IssuedToken | undefined {
      const t = byToken.get(token);
      if (!t || t.revoked || options.now() >= t.expiresAt) return undefined;
      return t;
    },
    revokeAll(): void {
      for (const t of issued) t.revoked = true;
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
