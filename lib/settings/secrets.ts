/**
 * The only way to the stored secrets (secret code, vendor authorization). Imported by the
 * background and nothing else: the options page learns only whether a secret is saved, and the
 * Classroom content script and components never import this (test/meta/architecture.test.ts).
 */
import { credentialsSetting, type StoredCredentials } from './items';

export type { StoredCredentials };

export function readCredentials(): Promise<StoredCredentials> {
  return credentialsSetting.get();
}

export interface CredentialsUpdate {
  /** A new secret code; absent keeps the saved one. */
  secret?: string;
  /** A new vendor authorization; absent keeps the saved one, empty deletes it. */
  vendorAuthorization?: string;
}

/**
 * Applies an update. The caller must have checked that storage.local is restricted to trusted
 * contexts (items.ts, restrictLocalStorageToTrustedContexts): without that, a content script could read it.
 */
export async function updateCredentials(update: CredentialsUpdate): Promise<void> {
  const current = await credentialsSetting.read();
  const next: StoredCredentials = { ...current };
  if (update.secret !== undefined) next.secret = update.secret;
  if (update.vendorAuthorization === '') delete next.vendorAuthorization;
  else if (update.vendorAuthorization !== undefined)
    next.vendorAuthorization = update.vendorAuthorization;
  await credentialsSetting.set(next);
}

/** Disconnect: no secret of the connection stays in this browser. */
export function deleteCredentials(): Promise<void> {
  return credentialsSetting.remove();
}
