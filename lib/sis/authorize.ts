/**
 * Authorize: checks the options page's draft (the policy's values win over what the page sends;
 * a kept secret only with what it was saved for), makes sure the browser grants the SIS's
 * origins (the page asked for them from the click), checks the connection live against the SIS,
 * and saves it only when that check passed, so a stored connection always means "these settings
 * worked".
 */
import { RequestError } from '../errors';
import { t } from '../i18n/t';
import { saveAuthorizedConnection } from '../settings/connection-store';
import type { ResolvedSettings } from '../settings/resolve-settings';
import { checkSisConnection } from './check-connection';
import { type ConnectionDraft, checkConnectionDraft, connectionOrigins } from './connection-draft';
import { describeAuthorizeFailure } from './describe-authorize-failure';
import type { HostAccess } from './host-access';
import { keptSecret } from './secret-binding';

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
    throw new RequestError(failure.code, failure.message);
  }
  await saveAuthorizedConnection(checked.fields, check, update, deps.now);
  return {
    ...(check.orgName ? { orgName: check.orgName } : {}),
    ...(check.clockSkewMs === undefined ? {} : { clockSkewMs: check.clockSkewMs }),
    categoriesListed: check.categories !== null,
  };
}
