/**
 * The live check behind "Authorize": one signed (OAuth 1.0a) or bearer (OAuth 2) read that proves
 * the Host URL is a OneRoster service and the credentials work, then the grading categories,
 * which need the gradebook rights exports need (and, at Infinite Campus, the vendor
 * authorization). Background only: it holds the secret.
 */
import type { ClientAuthStyle } from '../auth/oauth2';
import type { OneRosterClient } from '../oneroster/client';
import { isOneRosterError } from '../oneroster/errors';
import type { CategoryOption, ConnectionFields } from './settings-shapes';
import { type ConnectionSecrets, createSisClient } from './sis-client';

export { authConfigFor, type ConnectionSecrets } from './sis-client';

export interface CheckDependencies {
  /** Defaults to the global fetch; tests pass their own to reach a sandbox. */
  fetch?: typeof fetch;
  /** Correction learned at an earlier Authorize (OAuth 1.0a). */
  clockSkewMs?: number;
  /** Our clock in epoch ms; tests set it off to play a laptop with a wrong clock. */
  now?: () => number;
}

/** What a successful check learned, kept with the connection. */
export interface ConnectionCheck {
  /** The first org's name (usually the district), when the SIS shares it. */
  orgName?: string;
  /** SIS clock minus ours, when OAuth 1.0a signing has to correct for it. */
  clockSkewMs?: number;
  /** OAuth 2 client authentication the token endpoint accepted. */
  clientAuth?: ClientAuthStyle;
  /** The SIS's grading categories; null when it does not list them. */
  categories: CategoryOption[] | null;
}

/** Below this, a difference between the clocks is noise (the Date header has 1 s resolution). */
const NOTABLE_SKEW_MS = 2 * 60_000;

// Reasons a category listing may fail while exports can still work: the SIS has no /categories
// (not part of every 1.1 server) or had a passing problem. Anything else (401, 403, scopes,
// vendor authorization) would fail every export too, so Authorize reports it.
const CATEGORIES_OPTIONAL = new Set([
  'not-found',
  'not-oneroster',
  'unexpected-status',
  'schema-mismatch',
  'server-error',
  'rate-limited',
  'too-many-pages',
  'timeout',
]);

/**
 * Runs the check. Throws the typed OneRoster or auth error of the first fatal failure (see
 * `describeAuthorizeFailure`), including a token granted without the gradebook scopes.
 */
export async function checkSisConnection(
  fields: ConnectionFields,
  secrets: ConnectionSecrets,
  dependencies: CheckDependencies = {},
): Promise<ConnectionCheck> {
  const { fetch, now, clockSkewMs } = dependencies;
  const { auth, client } = createSisClient(fields, secrets, { fetch, now, clockSkewMs });

  // A school laptop's clock can be minutes off: on a timestamp refusal the OAuth 1.0a
  // authenticator measures the difference from the SIS's Date header, and the request is retried.
  const info = await client.checkConnection();

  let clientAuth: ClientAuthStyle | undefined;
  if (auth.mode === 'oauth2') {
    const grant = auth.lastGrant();
    if (grant?.scopeWarning) throw grant.scopeWarning;
    clientAuth = grant?.clientAuth;
  }

  const skew = auth.mode === 'oauth1' ? auth.clockSkewMs || info.serverClockSkewMs : undefined;
  return {
    ...(info.orgName ? { orgName: info.orgName } : {}),
    ...(skew !== undefined && Math.abs(skew) >= NOTABLE_SKEW_MS ? { clockSkewMs: skew } : {}),
    ...(clientAuth ? { clientAuth } : {}),
    categories: await readCategories(client),
  };
}

async function readCategories(client: OneRosterClient): Promise<CategoryOption[] | null> {
  try {
    const categories = await client.listCategories();
    // Ids longer than any real one would not fit the stored option list; titles are only shown.
    return categories
      .filter((category) => category.status !== 'tobedeleted' && category.sourcedId.length <= 256)
      .map((category) => ({
        sourcedId: category.sourcedId,
        title: (category.title ?? category.sourcedId).slice(0, 256),
      }));
  } catch (error) {
    if (isOneRosterError(error) && CATEGORIES_OPTIONAL.has(error.code)) return null;
    throw error;
  }
}
