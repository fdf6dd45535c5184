/** What the background's handlers share: start-up state and the browser behind small seams. */
import type { PolicyReader } from '@/lib/settings/resolve-settings';
import type { HostAccess } from '@/lib/sis/host-access';
import type { EngineOptions } from '@/lib/teacher/sis-session';
import type { IdentitySource } from '@/lib/teacher/teacher-identity';

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
  /** Export engine and read retry settings; tests shorten the waits. */
  engine?: EngineOptions;
  /** Called every ~20 s while an export runs; defaults to runtime.getPlatformInfo. */
  keepAlivePing?: () => Promise<unknown>;
  /** New export ids; defaults to crypto.randomUUID. */
  newExportId?: () => string;
  /** Who is signed in; defaults to the account the Classroom page shows (pageIdentity). */
  identity?: IdentitySource;
  /** Defaults to runtime.openOptionsPage (which WXT's fake browser does not implement). */
  openOptionsPage?: () => Promise<void>;
}
