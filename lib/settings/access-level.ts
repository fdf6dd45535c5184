/**
 * Content scripts can read `storage.local` by default. The SIS secret and tokens live there, so
 * at every service-worker start we restrict it to trusted contexts (background, options page).
 * Chrome does not document that the setting survives a browser restart, hence "every start".
 */

/** `setAccessLevel` (Chrome 102+) is missing from webextension-polyfill's types. */
interface AccessLevelArea {
  setAccessLevel?: (options: {
    accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';
  }) => Promise<void>;
}

export async function restrictLocalStorageToTrustedContexts(): Promise<boolean> {
  const local = browser.storage.local as typeof browser.storage.local & AccessLevelArea;
  try {
    if (!local.setAccessLevel) throw new Error('storage.local.setAccessLevel is not available');
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch (error) {
    // Without the restriction secrets must not be stored; getStatus reports it so the options
    // page can refuse to save credentials.
    console.error('[sis-export] could not restrict storage.local to trusted contexts', error);
    return false;
  }
}
