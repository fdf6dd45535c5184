/**
 * Writes that Authorize and Disconnect make. Only a successful check saves a connection, so a
 * stored connection always means "these settings worked".
 */
import type { ConnectionFields } from '../sis/settings-shapes';
import { createSerialQueue } from './define-setting';
import {
  connectionSetting,
  exportDefaultsSetting,
  type StoredConnection,
  teacherPermissionSetting,
} from './items';
import { type CredentialsUpdate, deleteCredentials, updateCredentials } from './secrets';

/** What a passed Authorize check learned, as the stored connection keeps it. */
export type CheckOutcome = Pick<
  StoredConnection,
  'orgName' | 'clockSkewMs' | 'clientAuth' | 'categories'
>;

/**
 * Every write of the stored connection, one at a time: a clock correction read-modify-written
 * while an admin re-authorizes or disconnects must not write the old connection back beside the
 * new (or deleted) secret.
 */
const connectionWrites = createSerialQueue();

export function saveAuthorizedConnection(
  fields: ConnectionFields,
  check: CheckOutcome,
  credentials: CredentialsUpdate,
  now: Date,
): Promise<StoredConnection> {
  return connectionWrites(() => saveConnection(fields, check, credentials, now));
}

async function saveConnection(
  fields: ConnectionFields,
  check: CheckOutcome,
  credentials: CredentialsUpdate,
  now: Date,
): Promise<StoredConnection> {
  if (credentials.secret !== undefined || credentials.vendorAuthorization !== undefined) {
    await updateCredentials(credentials);
  }
  const connection: StoredConnection = {
    ...fields,
    ...(check.orgName ? { orgName: check.orgName.slice(0, 512) } : {}),
    ...(check.clockSkewMs === undefined ? {} : { clockSkewMs: check.clockSkewMs }),
    ...(check.clientAuth ? { clientAuth: check.clientAuth } : {}),
    verifiedAt: now.toISOString(),
    categories: check.categories,
  };
  await connectionSetting.set(connection);
  // A default category this SIS does not have (another SIS, or deleted) would fail exports.
  const defaults = await exportDefaultsSetting.get();
  const known = check.categories?.some((category) => category.sourcedId === defaults.categoryId);
  if (defaults.categoryId !== null && check.categories !== null && !known) {
    await exportDefaultsSetting.set({ ...defaults, categoryId: null });
  }
  return connection;
}

/**
 * Keeps a clock correction (OAuth 1.0a) re-measured after the SIS refused a timestamp, so the
 * next worker starts with it. Only on the stored connection it was learned with: not on one
 * authorized since, and never after Disconnect.
 */
export function saveClockSkew(learnedWith: StoredConnection, ms: number): Promise<void> {
  return connectionWrites(async () => {
    const stored = await connectionSetting.get();
    if (stored?.verifiedAt !== learnedWith.verifiedAt || stored.hostUrl !== learnedWith.hostUrl) {
      return;
    }
    await connectionSetting.set({ ...stored, clockSkewMs: ms });
  });
}

/**
 * Forgets the connection, its secrets and the teacher permission (on again after the next
 * connect). Export rules and class links stay: a reconnect exports to the same line items.
 */
export function removeConnection(): Promise<void> {
  return connectionWrites(async () => {
    await Promise.all([
      connectionSetting.remove(),
      deleteCredentials(),
      teacherPermissionSetting.remove(),
    ]);
  });
}
