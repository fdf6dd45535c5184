/**
 * What the options page may know about the settings: everything but the secrets themselves,
 * which it sees only as "saved" or "set by your organization".
 */
import type { AdminState } from '../messaging/replies';
import type { ResolvedSettings } from './resolve-settings';

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
