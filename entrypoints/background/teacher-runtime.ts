/**
 * What the teacher handlers and the start-up resume share for the worker's lifetime: the
 * journal store, the export runner (progress, keep-alive, history) and the SIS access.
 */
import { createStorageJournalStore } from '@/lib/export/journal-store';
import { createExportRunner, createKeepAlive, pingExtensionApi } from '@/lib/teacher/export-runner';
import { createSisAccess } from '@/lib/teacher/sis-session';
import type { BackgroundDependencies } from './dependencies';

export function createTeacherRuntime(deps: BackgroundDependencies) {
  const store = createStorageJournalStore();
  const now = () => deps.now?.() ?? new Date();
  const keepAlive = createKeepAlive(deps.keepAlivePing ?? pingExtensionApi);
  // Within one worker the runner's registry is the whole truth (there is one worker per
  // extension): a 'running' journal no run holds here was left by a stopped worker and may be
  // replaced at once, rather than after the cross-restart grace period.
  const runner = createExportRunner({ store, keepAlive, now, staleAfterMs: 0 });
  const sis = createSisAccess(deps);
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
