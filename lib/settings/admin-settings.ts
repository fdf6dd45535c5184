/**
 * The admin's settings as the options page sees and changes them. It may know everything but
 * the secrets themselves, which it sees only as "saved" or "set by your organization"
 * (`toAdminState`, the page's view). Changes go through here so that what the district policy
 * sets, or locks, is refused in the background too, not just greyed out on the page.
 */
import { RequestError } from '../errors';
import { t } from '../i18n/t';
import type { AdminState } from '../messaging/replies';
import type { ExportDefaults, ManagedField } from '../sis/settings-shapes';
import { exportDefaultsSetting, googleAccessSetting, teacherPermissionSetting } from './items';
import type { ResolvedSettings } from './resolve-settings';

/** 'managed-locked' when the policy locks the page, or sets one of `fields`. */
export function refuseIfLocked(
  settings: ResolvedSettings,
  fields: readonly ManagedField[] = [],
): void {
  if (settings.managed.locked || fields.some((field) => settings.managed.fields.includes(field))) {
    throw new RequestError('managed-locked', t('errorManagedLocked'));
  }
}

/** Saves the teacher permissions the page changed, unless the policy sets them. */
export async function saveTeacherPermission(
  settings: ResolvedSettings,
  change: { exportEnabled?: boolean; allowTeacherOverride?: boolean },
): Promise<void> {
  const changed = (['exportEnabled', 'allowTeacherOverride'] as const).filter(
    (field) => change[field] !== undefined,
  );
  refuseIfLocked(settings, changed);
  const saved = await teacherPermissionSetting.read();
  await teacherPermissionSetting.set({ ...saved, ...change });
}

/** Saves the export rules; a default category must be one the connected SIS listed. */
export async function saveExportDefaults(
  settings: ResolvedSettings,
  defaults: ExportDefaults,
): Promise<void> {
  refuseIfLocked(settings);
  const categories = settings.connection?.categories;
  const known = categories?.some((category) => category.sourcedId === defaults.categoryId);
  if (defaults.categoryId !== null && categories && !known) {
    throw new RequestError('invalid-settings', t('errorUnknownCategory'));
  }
  await exportDefaultsSetting.set(defaults);
}

/**
 * Saves the Google OAuth client id ('' removes it), unless the policy sets it or locks the page.
 * A changed id forgets every Google token: they were issued to the old client.
 */
export async function saveGoogleAccess(
  settings: ResolvedSettings,
  clientId: string,
  forgetTokens: () => Promise<void>,
): Promise<void> {
  refuseIfLocked(settings, ['googleClientId']);
  const saved = await googleAccessSetting.read();
  if (clientId === '') await googleAccessSetting.remove();
  else await googleAccessSetting.set({ ...saved, clientId });
  if ((saved.clientId ?? '') !== clientId) await forgetTokens();
}

/**
 * `hostAccess`: whether the browser still grants the connection's origins; `redirectUri`: what
 * the admin registers for the Google OAuth client ('' without the identity API).
 */
export function toAdminState(
  settings: ResolvedSettings,
  storageTrusted: boolean,
  hostAccess: boolean,
  redirectUri = '',
): AdminState {
  const { connection } = settings;
  return {
    storageTrusted,
    connected: settings.connected,
    exportAllowed: settings.exportAllowed,
    managed: settings.managed,
    form: settings.form,
    secret: settings.secretState,
    vendorAuthorization: settings.vendorAuthorizationState,
    connection: connection && {
      partner: connection.partner,
      hostUrl: connection.hostUrl,
      ...(connection.tokenUrl === undefined ? {} : { tokenUrl: connection.tokenUrl }),
      accessKey: connection.accessKey,
      authMode: connection.authMode,
      ...(connection.version === undefined ? {} : { version: connection.version }),
      ...(connection.gradebookUrl === undefined ? {} : { gradebookUrl: connection.gradebookUrl }),
      ...(connection.scoreDateFormat === undefined
        ? {}
        : { scoreDateFormat: connection.scoreDateFormat }),
      ...(connection.orgName ? { orgName: connection.orgName } : {}),
      verifiedAt: connection.verifiedAt,
      ...(connection.clockSkewMs === undefined ? {} : { clockSkewMs: connection.clockSkewMs }),
      categories: connection.categories,
    },
    needsAuthorize: settings.needsAuthorize,
    hostAccessMissing: settings.connected && !hostAccess,
    exportEnabled: settings.exportEnabled,
    allowTeacherOverride: settings.teacherOverrideAllowed,
    exportDefaults: settings.exportDefaults,
    google: {
      ...(settings.google.clientId ? { clientId: settings.google.clientId } : {}),
      managed: settings.google.managed,
      ...(settings.google.source ? { source: settings.google.source } : {}),
      redirectUri,
    },
  };
}
