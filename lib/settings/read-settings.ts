/**
 * Reads everything saved plus the district policy and resolves the settings in force. Reads the
 * secrets, so, like secrets.ts, only the background may import it.
 */
import { connectionSetting, exportDefaultsSetting, teacherPermissionSetting } from './items';
import { type ManagedPolicy, readManagedPolicy } from './managed-policy';
import { type ResolvedSettings, resolveSettings, type StoredSettings } from './resolve-settings';
import { readCredentials } from './secrets';

export type PolicyReader = () => Promise<ManagedPolicy>;

export async function readStoredSettings(): Promise<StoredSettings> {
  const [connection, credentials, teacherPermission, exportDefaults] = await Promise.all([
    connectionSetting.get(),
    readCredentials(),
    teacherPermissionSetting.get(),
    exportDefaultsSetting.get(),
  ]);
  return { connection, credentials, teacherPermission, exportDefaults };
}

/** The settings in force. `readPolicy` is injectable because tests cannot set real policy. */
export async function readSettings(
  readPolicy: PolicyReader = readManagedPolicy,
): Promise<ResolvedSettings> {
  const [stored, policy] = await Promise.all([readStoredSettings(), readPolicy()]);
  return resolveSettings(stored, policy);
}
