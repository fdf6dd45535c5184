/**
 * The ONE place an SIS connection (its fields and secrets) becomes an authenticator and a
 * OneRoster client: its version and bases, and the partner's vendor header (Infinite Campus's
 * x-vendor-authorization), which goes to the gradebook base only.
 * Authorize's live check and the teacher's link and export work both build their clients here,
 * so a connection that passed Authorize is reached exactly the same way afterwards.
 * Background only: it is handed the secret.
 */
import { type AuthConfig, createAuthenticator } from '../auth/config';
import type { ClientAuthStyle } from '../auth/oauth2';
import { createOneRosterClient, type OneRosterClientOptions } from '../oneroster/client';
import { scopesFor } from '../oneroster/version';
import { partnerProfile } from './partners';
import { type ConnectionFields, connectionVersion } from './settings-shapes';

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

/**
 * The auth settings lib/auth needs for this connection. No extra headers: the vendor header is
 * the gradebook's alone ({@link clientOptionsFor}), not every request's.
 */
export function authConfigFor(fields: ConnectionFields, secrets: ConnectionSecrets): AuthConfig {
  return fields.authMode === 'oauth1'
    ? {
        mode: 'oauth1',
        consumerKey: fields.accessKey,
        consumerSecret: secrets.secret,
        signatureMethod: fields.signatureMethod,
      }
    : {
        mode: 'oauth2',
        tokenUrl: fields.tokenUrl ?? '',
        clientId: fields.accessKey,
        clientSecret: secrets.secret,
        scopes: scopesFor(connectionVersion(fields)),
      };
}

/** Where and how the OneRoster client talks for this connection (all but auth and fetch). */
export function clientOptionsFor(
  fields: ConnectionFields,
  secrets: ConnectionSecrets,
): Omit<OneRosterClientOptions, 'auth' | 'fetch' | 'now'> {
  const version = connectionVersion(fields);
  const header = partnerProfile(fields.partner).vendorAuthorizationHeader;
  return {
    baseUrl: fields.hostUrl,
    version,
    ...(version === '1.2' && fields.gradebookUrl ? { gradebookBaseUrl: fields.gradebookUrl } : {}),
    ...(version === '1.2' && fields.scoreDateFormat
      ? { scoreDateFormat: fields.scoreDateFormat }
      : {}),
    ...(header && secrets.vendorAuthorization
      ? { gradebookHeaders: { [header]: secrets.vendorAuthorization } }
      : {}),
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
  const client = createOneRosterClient({ ...clientOptionsFor(fields, secrets), auth, fetch, now });
  return { auth, client };
}
