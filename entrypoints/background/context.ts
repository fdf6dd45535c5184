/** What the background's handlers share: start-up state and the browser behind small seams. */
import type { PolicyReader } from '@/lib/settings/read-settings';
import type { HostAccess } from '@/lib/sis/host-access';

export interface BackgroundState {
  /** Resolves once storage.local has been restricted (true) or failed to be (false). */
  storageTrusted: Promise<boolean>;
}

export interface BackgroundDependencies {
  /** The district policy (chrome.storage.managed). */
  readPolicy: PolicyReader;
  /** Host permissions for SIS origins. */
  hostAccess: HostAccess;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Defaults to the system clock. */
  now?: () => Date;
}
