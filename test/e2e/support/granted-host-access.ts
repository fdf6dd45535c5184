/**
 * Gives a profile an optional host permission as if the admin had accepted Chromium's prompt
 * earlier: a test cannot click that native prompt. Chromium keeps the permissions an extension
 * was granted in the profile's Preferences (extensions.settings.<id>.granted_permissions /
 * active_permissions); the browser must be closed while it is edited, and the extension must
 * have been loaded once so its entry exists.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface PermissionSet {
  explicit_host?: string[];
}

export function grantHostAccessInProfile(
  userDataDir: string,
  extensionId: string,
  pattern: string,
) {
  const path = join(userDataDir, 'Default', 'Preferences');
  const preferences = JSON.parse(readFileSync(path, 'utf8'));
  const entry = preferences.extensions?.settings?.[extensionId] as
    | Record<'granted_permissions' | 'active_permissions', PermissionSet>
    | undefined;
  if (!entry) throw new Error(`The profile has no settings for extension ${extensionId}`);
  for (const key of ['granted_permissions', 'active_permissions'] as const) {
    entry[key] ??= {};
    entry[key].explicit_host = [...(entry[key].explicit_host ?? []), pattern];
  }
  writeFileSync(path, JSON.stringify(preferences));
}
