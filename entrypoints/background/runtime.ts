/**
 * What the background's handlers share for the worker's lifetime: the browser behind small
 * seams (tests pass their own), and the teacher side's runtime (the journal store, the export
 * runner with its keep-alive and history, the SIS access), with the resume at every start of
 * exports a stopped worker or a closed browser left unfinished.
 *
 * A browser start starts the worker only for an event it listens to, so the worker listens to
 * runtime.onStartup; the worker's start then does the one resume pass (a second pass from the
 * event could sweep a journal that a resumed run has just finished, before its outcome is
 * recorded).
 */
import { createStorageJournalStore } from '@/lib/export/journal-store';
import {
  browserIdentityFlow,
  createGoogleAuth,
  type IdentityFlow,
  sessionTokenStore,
} from '@/lib/google/auth';
import { createClassroomSource } from '@/lib/google/classroom-source';
import { readManagedPolicy } from '@/lib/settings/managed-policy';
import { type PolicyReader, readSettings } from '@/lib/settings/resolve-settings';
import { browserHostAccess, type HostAccess } from '@/lib/sis/host-access';
import { createExportRunner, createKeepAlive, pingExtensionApi } from '@/lib/teacher/export-runner';
import { createSisAccess, type EngineOptions } from '@/lib/teacher/sis-session';
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
  /**
   * The browser's identity API for Google sign-in; defaults to browser.identity (which WXT's
   * fake browser does not implement). Named apart from `identity`, the page's account.
   */
  googleIdentity?: IdentityFlow;
}

/** The real browser behind each dependency; tests pass their own. */
export const browserDependencies: BackgroundDependencies = {
  readPolicy: readManagedPolicy,
  hostAccess: browserHostAccess,
};

export function createTeacherRuntime(deps: BackgroundDependencies) {
  const store = createStorageJournalStore();
  const now = () => deps.now?.() ?? new Date();
  const keepAlive = createKeepAlive(deps.keepAlivePing ?? pingExtensionApi);
  const runner = createExportRunner({ store, keepAlive, now });
  const sis = createSisAccess(deps);
  // The worker's one Google sign-in; its tokens are in storage.session, so a restarted worker
  // finds them again. The client id is re-read at every use: policy and page may change it.
  const google = createGoogleAuth({
    identity: deps.googleIdentity ?? browserIdentityFlow,
    clientId: async () => (await readSettings(deps.readPolicy)).google.clientId,
    store: sessionTokenStore,
    now,
  });
  const classroom = createClassroomSource({
    auth: google,
    fetch: deps.fetch,
    now,
  });
  // One resume pass at a time: the worker's start and the browser's start both ask for one.
  let resuming: Promise<string[]> | undefined;
  let resumeDecided = false;
  const resumeUnfinished = () => {
    resuming ??= runner.resumeRunning(sis.sessionIfAllowed).finally(() => {
      resuming = undefined;
      resumeDecided = true;
    });
    return resuming;
  };
  return {
    store,
    runner,
    sis,
    /** Google access tokens for the Classroom API (lib/google/auth.ts). */
    google,
    /** Where preview and export read the class: the Classroom API when set up, else the page. */
    classroom,
    keepAlive,
    now,
    newExportId: deps.newExportId ?? (() => crypto.randomUUID()),
    /**
     * Continues exports a stopped worker or a closed browser left running (see
     * lib/teacher/export-runner.ts); a call during a pass joins it.
     */
    resumeUnfinished,
    /**
     * True from the worker's start until its first resume pass has decided (index.ts starts it
     * once storage is restricted): a panel asking meanwhile hears "resuming", not "did not
     * finish". Every export it resumes is running by then; any other one waits for the teacher.
     */
    resumePending: () => !resumeDecided,
  };
}

export type TeacherRuntime = ReturnType<typeof createTeacherRuntime>;

/**
 * Call synchronously from the background's main(): Chrome starts a worker for an event only if
 * the worker registered its listener in its first turn.
 */
export function resumeOnStart(
  teacher: Pick<TeacherRuntime, 'resumeUnfinished'>,
  storageTrusted: Promise<boolean>,
) {
  browser.runtime.onStartup.addListener(() => {
    // Nothing more to do: being woken is the point; the start below resumes.
  });
  // Once storage is restricted (the credentials are read from there). Not awaited: messages
  // are answered meanwhile.
  void storageTrusted
    .then(() => teacher.resumeUnfinished())
    .catch((error: unknown) => console.error('[sis-export] resuming exports failed', error));
}
