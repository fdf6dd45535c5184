/**
 * Authorize and its undo, Disconnect. Authorize checks the options page's draft (the policy's
 * values win over what the page sends; a kept secret only with what it was saved for), makes
 * sure the browser grants the SIS's origins (the page asked for them from the click), checks the
 * connection live against the SIS, and saves it only when that check passed, so a stored
 * connection always means "these settings worked". Disconnect forgets it, and everything that
 * could still reach the SIS with it.
 */
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '../auth/authenticator';
import type { ClientAuthStyle } from '../auth/oauth2';
import { type ErrorCode, RequestError } from '../errors';
import { t } from '../i18n/t';
import type { OneRosterClient } from '../oneroster/client';
import { describeOneRosterError } from '../oneroster/describe-error';
import { isOneRosterError, OneRosterHttpError, OneRosterResponseError } from '../oneroster/errors';
import { type OneRosterVersion, type ServiceBases, serviceBases } from '../oneroster/version';
import { refuseIfLocked } from '../settings/admin-settings';
import { removeConnection, saveAuthorizedConnection } from '../settings/connection-store';
import type { ResolvedSettings } from '../settings/resolve-settings';
import {
  type ConnectionDraft,
  checkConnectionDraft,
  connectionOrigins,
  fieldForAuthorizeError,
  keptSecret,
} from './connection-draft';
import type { HostAccess } from './host-access';
import { type CategoryOption, type ConnectionFields, connectionVersion } from './settings-shapes';
import { type ConnectionSecrets, createSisClient } from './sis-client';

export interface AuthorizeDependencies {
  hostAccess: HostAccess;
  /** Resolves once storage.local is restricted to trusted contexts (false: it could not be). */
  storageTrusted: Promise<boolean>;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** When the check passed, as saved with the connection. */
  now: Date;
}

/**
 * The secrets Authorize may use without their being typed again, each bound to the connection it
 * was saved with, or to the policy's own values.
 */
function keptSecrets(current: ResolvedSettings) {
  return {
    secret: keptSecret(current.secretState, current.connection, current.policyConnection),
    vendorAuthorization: keptSecret(
      current.vendorAuthorizationState,
      current.connection,
      current.policyConnection,
    ),
  };
}

/** Authorizes `draft` against the settings in force; throws a RequestError saying why not. */
export async function authorizeConnection(
  draft: ConnectionDraft,
  current: ResolvedSettings,
  deps: AuthorizeDependencies,
) {
  const secretManaged = current.secretState === 'managed';
  const vendorManaged = current.vendorAuthorizationState === 'managed';
  const checked = checkConnectionDraft(
    {
      ...draft,
      ...current.policyConnection,
      secret: secretManaged ? undefined : draft.secret,
      vendorAuthorization: vendorManaged ? undefined : draft.vendorAuthorization,
    },
    { secretAvailable: current.secret !== undefined, kept: keptSecrets(current) },
  );
  if (!checked.ok) {
    const problems = Object.values(checked.errors).join(' ');
    throw new RequestError('invalid-settings', t('errorInvalidSettings', problems));
  }
  const update = { secret: checked.secret, vendorAuthorization: checked.vendorAuthorization };
  const storesSecret =
    update.secret !== undefined ||
    Boolean(update.vendorAuthorization) ||
    (update.vendorAuthorization === '' && current.vendorAuthorizationState === 'saved');
  if (storesSecret && !(await deps.storageTrusted)) {
    throw new RequestError('storage-untrusted', t('errorStorageUntrusted'));
  }
  const origins = connectionOrigins(checked.fields);
  if (!(await deps.hostAccess.has(origins))) {
    throw new RequestError(
      'host-permission-missing',
      t('errorHostPermissionMissing', origins.join(' ')),
    );
  }
  const version = connectionVersion(checked.fields);
  const bases = serviceBases(version, checked.fields.hostUrl, checked.fields.gradebookUrl);
  const secret = update.secret ?? current.secret ?? '';
  const vendorAuthorization =
    update.vendorAuthorization === undefined
      ? current.vendorAuthorization
      : update.vendorAuthorization || undefined;
  let check: Awaited<ReturnType<typeof checkSisConnection>>;
  try {
    check = await checkSisConnection(
      checked.fields,
      { secret, vendorAuthorization },
      { fetch: deps.fetch, clockSkewMs: current.connection?.clockSkewMs },
    );
  } catch (error) {
    const failure = describeAuthorizeFailure(error);
    const field = fieldForAuthorizeError(failure.code, {
      service: serviceOf(error, bases),
      gradebookOverridden: checked.fields.gradebookUrl !== undefined,
    });
    throw new RequestError(failure.code, failure.message, field);
  }
  await saveAuthorizedConnection(checked.fields, check, update, deps.now);
  return {
    version,
    bases,
    ...(check.orgName ? { orgName: check.orgName } : {}),
    ...(check.clockSkewMs === undefined ? {} : { clockSkewMs: check.clockSkewMs }),
    categoriesListed: check.categories !== null,
  };
}

/**
 * Which service base a failure came from: as the error says ('wrong-base' carries it), else by
 * the failed request's URL (a 1.2 gradebook base apart from the rostering one).
 */
export function serviceOf(error: unknown, bases: ServiceBases): unknown {
  if (typeof error === 'object' && error !== null && 'service' in error) return error.service;
  const url = isOneRosterError(error) ? error.request?.url : undefined;
  if (url === undefined || bases.gradebook === bases.rostering) return undefined;
  if (url.startsWith(bases.gradebook)) return 'gradebook';
  return url.startsWith(bases.rostering) ? 'rostering' : undefined;
}

/** What Disconnect stops and forgets besides the stored connection. */
export interface DisconnectDependencies {
  hostAccess: HostAccess;
  /** Stops every running export (each recorded as stopped); settles once they have. */
  stopExports: () => Promise<unknown>;
  /** Makes every SIS client made so far unusable and forgets its secrets and OAuth 2 token. */
  forgetClients: () => void;
  /** Deletes the grades kept in this browser: export journals and last-written grades. */
  deleteGrades: () => Promise<void>;
}

/**
 * Disconnect: removes the stored connection and its secrets (class links and history stay),
 * stops every export and client, optionally deletes the grades kept here, and gives back the
 * host permission. Refused while the district policy locks the page.
 */
export async function disconnect(
  settings: ResolvedSettings,
  deleteGradeData: boolean,
  deps: DisconnectDependencies,
): Promise<{ hostAccessRevoked: boolean; gradeDataDeleted: boolean }> {
  refuseIfLocked(settings);
  const origins = settings.connection ? connectionOrigins(settings.connection) : [];
  // First the stored connection, so nothing read from now on is connected; then, at once,
  // every running export and every client (secrets, OAuth 2 token) made before: no write
  // reaches the SIS once this answers, even where the browser keeps the host permission.
  try {
    await removeConnection();
  } finally {
    // Even when storage failed: the secret must leave memory and the SIS hear nothing more.
    const stopped = deps.stopExports();
    deps.forgetClients();
    await stopped;
  }
  if (deleteGradeData) await deps.deleteGrades();
  const hostAccessRevoked = origins.length === 0 || (await deps.hostAccess.revoke(origins));
  return { hostAccessRevoked, gradeDataDeleted: deleteGradeData };
}

/*
 * The live check behind "Authorize": one signed (OAuth 1.0a) or bearer (OAuth 2) read that proves
 * the Host URL is a OneRoster service and the credentials work, then the grading categories,
 * which need the gradebook rights exports need (and, at Infinite Campus, the vendor
 * authorization). Background only: it holds the secret.
 */

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
const CATEGORIES_OPTIONAL: ReadonlySet<string> = new Set([
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
    categories: await readCategories(client, connectionVersion(fields)),
  };
}

// 1.2's gradebook service must list categories (Google's 1.2 sequence reads them, Infinite Campus
// requires one on every line item): nothing there means a wrong gradebook base, not an SIS
// without categories, so only passing problems are let through.
const CATEGORIES_OPTIONAL_12: ReadonlySet<string> = new Set([
  'server-error',
  'rate-limited',
  'timeout',
]);

/** Whether Authorize may pass without the category list after a failure with `code`. */
export function categoriesOptional(version: OneRosterVersion, code: string): boolean {
  return (version === '1.2' ? CATEGORIES_OPTIONAL_12 : CATEGORIES_OPTIONAL).has(code);
}

async function readCategories(
  client: OneRosterClient,
  version: OneRosterVersion,
): Promise<CategoryOption[] | null> {
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
    if (isOneRosterError(error) && categoriesOptional(version, error.code)) return null;
    throw error;
  }
}

/*
 * Why Authorize failed, as a protocol error code and translated, actionable text. Builds on
 * describeOneRosterError and tells apart the two ways a wrong Host URL shows, which need different
 * fixes: nothing there (404), or a web page (often the SIS's sign-in page) instead of the API.
 */
export interface AuthorizeFailure {
  code: ErrorCode;
  message: string;
}

export function describeAuthorizeFailure(error: unknown): AuthorizeFailure {
  if (error instanceof OneRosterHttpError && error.code === 'not-oneroster') {
    return { code: error.code, message: t('sisErrorPageNotFound', error.status) };
  }
  if (
    error instanceof OneRosterResponseError &&
    error.code === 'not-oneroster' &&
    /^\s*</.test(error.body)
  ) {
    return { code: error.code, message: t('sisErrorHtmlPage') };
  }
  const message = describeOneRosterError(error);
  if (isOneRosterError(error) || error instanceof AuthTokenError) {
    return { code: error.code, message };
  }
  if (error instanceof AuthNetworkError) return { code: error.code, message };
  if (error instanceof AuthConfigError) return { code: 'auth-config-invalid', message };
  return { code: 'internal', message };
}
