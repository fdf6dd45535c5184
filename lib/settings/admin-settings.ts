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
import { exportDefaultsSetting, teacherPermissionSetting } from './items';
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

/** `hostAccess`: whether the browser still grants the connection's origins. */
export function toAdminState(
  settings: ResolvedSettings,
  storageTrusted: boolean,
  hostAccess: boolean,
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
  };
}
