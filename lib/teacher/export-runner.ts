/**
 * Runs the background's exports: starts one without awaiting it (the panel polls getPanelState),
 * or resumes a stored one; keeps each class's latest progress in memory; holds the keep-alive
 * while any runs; and records the outcome in the class's history when it ends. A class counts as
 * running until its outcome is recorded, so the panel never sees "not running" without a summary.
 */
import type { JournalStore } from '../export/journal-store';
import type { Operation } from '../export/operations';
import type { ExportProgress } from '../export/progress';
import { cancelExport as cancelRun, resumeExport, startExport } from '../export/run-control';
import type { ExportClient } from '../export/run-send';
import type { ExportSummary } from '../export/run-summary';
import { t } from '../i18n/t';
import { RequestError } from '../messaging/router';
import type { KeepAlive } from './keep-alive';
import { recordExportOutcome } from './record-export';
import type { EngineOptions } from './sis-session';

export interface ExportRunnerDeps {
  store: JournalStore;
  keepAlive: KeepAlive;
  now: () => Date;
}

export interface StartRequest {
  exportId: string;
  courseId: string;
  sisClassId: string;
  operations: readonly Operation[];
}

export function createExportRunner({ store, keepAlive, now }: ExportRunnerDeps) {
  const active = new Set<string>();
  const progress = new Map<string, ExportProgress>();

  function refuseIfRunning(courseId: string) {
    if (active.has(courseId)) throw new RequestError('export-running', t('errorExportRunning'));
  }

  /** Tracks one run from its start (synchronous) to its recorded outcome. */
  function track(courseId: string, run: () => Promise<ExportSummary>): Promise<void> {
    refuseIfRunning(courseId);
    active.add(courseId);
    progress.delete(courseId);
    const release = keepAlive.hold();
    return run()
      .then(async (summary) => {
        await recordExportOutcome(summary, await store.load(courseId), now());
      })
      .catch((error: unknown) => {
        console.error(`[sis-export] export of course ${courseId} failed`, error);
      })
      .finally(() => {
        active.delete(courseId);
        progress.delete(courseId);
        release();
      });
  }

  const engineDeps = (courseId: string, client: ExportClient, engine: EngineOptions) => ({
    ...engine,
    client,
    store,
    onProgress: (report: ExportProgress) => progress.set(courseId, report),
    // Within one worker the in-memory lock is the whole truth (there is one worker per
    // extension): a 'running' journal no run holds here was left by a stopped worker and may be
    // replaced at once, rather than after the engine's cross-restart grace period.
    staleAfterMs: 0,
  });

  return {
    /** True from start until the outcome is recorded. */
    isRunning: (courseId: string) => active.has(courseId),
    /** The latest progress report of the class's running export. */
    progressOf: (courseId: string) => progress.get(courseId),
    refuseIfRunning,

    /** Starts the export and returns at once; refuses 'export-running'. */
    start(request: StartRequest, client: ExportClient, engine: EngineOptions = {}): Promise<void> {
      const { exportId, courseId, sisClassId, operations } = request;
      return track(courseId, () =>
        startExport(
          { courseId, sisClassId, operations },
          { ...engineDeps(courseId, client, engine), newExportId: () => exportId },
        ),
      );
    },

    /** Continues the class's stored export (pending operations only). */
    resume(courseId: string, client: ExportClient, engine: EngineOptions = {}): Promise<void> {
      return track(courseId, () => resumeExport(courseId, engineDeps(courseId, client, engine)));
    },

    /** Cancels the class's running export; false when none runs. */
    cancel(courseId: string): boolean {
      // run-control's cancel aborts in-flight requests; unsent operations stay pending.
      return active.has(courseId) && cancelRun(courseId);
    },
  };
}

export type ExportRunner = ReturnType<typeof createExportRunner>;
