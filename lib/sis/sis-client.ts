/**
 * The ONE place an SIS connection (its fields and secrets) becomes an authenticator and a
 * OneRoster client, with the partner's extra headers (Infinite Campus's x-vendor-authorization).
 * Authorize's live check and the teacher's link and export work both build their clients here,
 * so a connection that passed Authorize is reached exactly the same way afterwards.
 * Background only: it is handed the secret.
 */
import { type AuthConfig, createAuthenticator } from '../auth/config';
import type { ClientAuthStyle } from '../auth/oauth2';
import { createOneRosterClient } from '../oneroster/client';
import { partnerProfile } from './partners';
import type { ConnectionFields } from './settings-shapes';

export interface ConnectionSecrets {
  secret: string;
  /** `key:secret` for the partner's vendor header (Infinite Campus gradebook). */
  vendorAuthorization?: string;
}

export interface SisClientOptions {
  /** Defaults to the global fetch; tests pass their own to reach a sandbox. */
  fetch?: typeof fetch;
  /** Our clock in epoch ms. */
  now?: () => number;
  /** Correction learned at Authorize (OAuth 1.0a). */
  clockSkewMs?: number;
  /** Told each clock correction re-measured after a timestamp refusal, to keep it (OAuth 1.0a). */
  onClockSkewChange?: (ms: number) => void;
  /** OAuth 2 client authentication that worked at Authorize, tried first. */
  clientAuth?: ClientAuthStyle;
}

/** The auth settings lib/auth needs for this connection. */
export function authConfigFor(fields: ConnectionFields, secrets: ConnectionSecrets): AuthConfig {
  const header = partnerProfile(fields.partner).vendorAuthorizationHeader;
  const extraHeaders =
    header && secrets.vendorAuthorization ? { [header]: secrets.vendorAuthorization } : undefined;
  return fields.authMode === 'oauth1'
    ? {
        mode: 'oauth1',
        consumerKey: fields.accessKey,
        consumerSecret: secrets.secret,
        signatureMethod: fields.signatureMethod,
        extraHeaders,
      }
    : {
        mode: 'oauth2',
        tokenUrl: fields.tokenUrl ?? '',
        clientId: fields.accessKey,
        clientSecret: secrets.secret,
        extraHeaders,
      };
}

/**
 * The authenticator and client for one connection. Keep the pair for as long as the connection
 * is unchanged: an OAuth 2 authenticator caches its token, so a new one per request would fetch
 * a token per request.
 * @throws {AuthConfigError} when the saved settings are unusable.
 */
export function createSisClient(
  fields: ConnectionFields,
  secrets: ConnectionSecrets,
  options: SisClientOptions = {},
) {
  const { fetch, now, clockSkewMs, onClockSkewChange, clientAuth } = options;
  const auth = createAuthenticator(authConfigFor(fields, secrets), {
    fetch,
    now,
    clockSkewMs,
    onClockSkewChange,
    clientAuth,
  });
  const client = createOneRosterClient({ baseUrl: fields.hostUrl, auth, fetch, now });
  return { auth, client };
}
