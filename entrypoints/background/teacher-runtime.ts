/**
 * What the teacher handlers and the start-up resume share for the worker's lifetime: the
 * journal store, the export runner (progress, keep-alive, history) and the SIS access.
 */
import { createStorageJournalStore } from '@/lib/export/journal-storage';
import { createExportRunner } from '@/lib/teacher/export-runner';
import { createKeepAlive, pingExtensionApi } from '@/lib/teacher/keep-alive';
import { resumeRunningExports } from '@/lib/teacher/resume-exports';
import type { BackgroundDependencies } from './context';
import { createSisAccess } from './sis-access';

export function createTeacherRuntime(deps: BackgroundDependencies) {
  const store = createStorageJournalStore();
  const now = () => deps.now?.() ?? new Date();
  const keepAlive = createKeepAlive(deps.keepAlivePing ?? pingExtensionApi);
  const runner = createExportRunner({ store, keepAlive, now });
  const sis = createSisAccess(deps);
  // One resume pass at a time: the worker's start and the browser's start both ask for one.
  let resuming: Promise<string[]> | undefined;
  const resumeUnfinished = () => {
    resuming ??= resumeRunningExports(store, runner, sis.sessionIfAllowed).finally(() => {
      resuming = undefined;
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
     * Continues exports a stopped worker left running (see lib/teacher/resume-exports.ts); a
     * call during a pass joins it.
     */
    resumeUnfinished,
  };
}

export type TeacherRuntime = ReturnType<typeof createTeacherRuntime>;
