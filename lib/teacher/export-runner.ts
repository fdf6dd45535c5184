/**
 * Runs the background's exports: starts one without awaiting it (the panel polls getPanelState),
 * or resumes a stored one; keeps each class's latest progress in memory; holds the keep-alive
 * while any runs; and records the outcome in the class's history when it ends. A class counts as
 * running until its outcome is recorded, so the panel never sees "not running" without a summary.
 *
 * A finished export's journal is deleted once its outcome is in the history: nothing in it is
 * left to resume (stopped and cancelled ones stay to resume, except one stopped because its
 * journal could not be saved).
 */

import { RequestError } from '../errors';
import { type ExportJournal, isUnfinished } from '../export/journal';
import type { JournalStore } from '../export/journal-store';
import type { Operation } from '../export/operations';
import type { ExportProgress } from '../export/progress';
import { type ExportStopCode, ExportStopRequest, JOURNAL_UNSAVED_STOPS } from '../export/journal';
import {
  cancelExport as cancelRun,
  ExportControlError,
  resumeExport,
  startExport,
} from '../export/run-control';
import type { ExportClient } from '../export/run-operation';
import { type ExportSummary, summarizeJournal } from '../export/run-summary';
import { t } from '../i18n/t';
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

/** What a start or resume was asked to do, to record a run that broke off. */
interface RunAsked {
  exportId?: string;
  operations?: number;
}

export function createExportRunner({ store, keepAlive, now }: ExportRunnerDeps) {
  const active = new Set<string>();
  const progress = new Map<string, ExportProgress>();
  /** Each running class's way to stop it from outside, and its run until recorded. */
  const stoppers = new Map<string, AbortController>();
  const runs = new Map<string, Promise<void>>();

  function refuseIfRunning(courseId: string) {
    if (active.has(courseId)) throw new RequestError('export-running', t('errorExportRunning'));
  }

  /**
   * A run that threw rather than ended (a bug: a failed journal write stops the run cleanly in
   * the engine instead) is recorded as stopped with the reason, so the panel does not fall
   * silent: what the last saved journal says was done counts, the rest is pending.
   */
  async function recordBrokenRun(courseId: string, asked: RunAsked, error: unknown) {
    const stored = await store.load(courseId);
    const journal: ExportJournal | undefined =
      stored && (asked.exportId === undefined || stored.exportId === asked.exportId)
        ? stored
        : undefined;
    const stop = {
      code: 'extension-error' as const,
      message: t('exportStoppedExtensionError', String(error)),
    };
    const summary: ExportSummary = journal
      ? { ...summarizeJournal({ ...journal, stop }, 0), state: 'stopped' }
      : {
          exportId: asked.exportId ?? '',
          courseId,
          state: 'stopped',
          created: 0,
          updated: 0,
          deleted: 0,
          alreadyGone: 0,
          failed: [],
          pending: asked.operations ?? 0,
          attempts: 0,
          retries: 0,
          durationMs: 0,
          stop,
        };
    await recordExportOutcome(summary, journal, now());
  }

  /** Records an ended run, and drops its journal when nothing is left to resume from it. */
  async function recordEnded(courseId: string, summary: ExportSummary) {
    const journal = await store.load(courseId);
    await recordExportOutcome(summary, journal, now());
    if (journal?.exportId !== summary.exportId) return;
    // Finished: the outcome is in the history now. Stopped because the journal could not be
    // saved: the stored copy lags behind what was sent, so a new export (which reads the SIS)
    // continues it, not a resume of that copy; removing it also frees the storage.
    const unsaved = summary.stop !== undefined && JOURNAL_UNSAVED_STOPS.has(summary.stop.code);
    if (!isUnfinished(journal.state) || unsaved) {
      await store.remove(courseId);
    }
  }

  /** Tracks one run from its start (synchronous) to its recorded outcome. */
  function track(courseId: string, asked: RunAsked, run: () => Promise<ExportSummary>) {
    refuseIfRunning(courseId);
    active.add(courseId);
    progress.delete(courseId);
    const release = keepAlive.hold();
    const running = run()
      .then(
        (summary) =>
          recordEnded(courseId, summary).catch((error: unknown) =>
            console.error(`[sis-export] recording the export of course ${courseId} failed`, error),
          ),
        async (error: unknown) => {
          console.error(`[sis-export] export of course ${courseId} failed`, error);
          // A refused start or resume (another run holds the class, no journal to resume) is
          // no export to record.
          if (error instanceof ExportControlError) return;
          await recordBrokenRun(courseId, asked, error).catch((recording: unknown) =>
            console.error('[sis-export] recording the failed export failed too', recording),
          );
        },
      )
      .finally(() => {
        active.delete(courseId);
        progress.delete(courseId);
        stoppers.delete(courseId);
        runs.delete(courseId);
        release();
      });
    runs.set(courseId, running);
    return running;
  }

  const engineDeps = (courseId: string, client: ExportClient, engine: EngineOptions) => ({
    ...engine,
    client,
    signal: stopperFor(courseId).signal,
    store,
    onProgress: (report: ExportProgress) => progress.set(courseId, report),
    // Within one worker the in-memory lock is the whole truth (there is one worker per
    // extension): a 'running' journal no run holds here was left by a stopped worker and may be
    // replaced at once, rather than after the engine's cross-restart grace period.
    staleAfterMs: 0,
  });

  function stopperFor(courseId: string) {
    const stopper = new AbortController();
    stoppers.set(courseId, stopper);
    return stopper;
  }

  return {
    /** True from start until the outcome is recorded. */
    isRunning: (courseId: string) => active.has(courseId),
    /** The latest progress report of the class's running export. */
    progressOf: (courseId: string) => progress.get(courseId),
    refuseIfRunning,

    /** Starts the export and returns at once; refuses 'export-running'. */
    start(request: StartRequest, client: ExportClient, engine: EngineOptions = {}): Promise<void> {
      const { exportId, courseId, sisClassId, operations } = request;
      return track(courseId, { exportId, operations: operations.length }, () =>
        startExport(
          { courseId, sisClassId, operations },
          { ...engineDeps(courseId, client, engine), newExportId: () => exportId },
        ),
      );
    },

    /** Continues the class's stored export (pending operations only). */
    resume(courseId: string, client: ExportClient, engine: EngineOptions = {}): Promise<void> {
      return track(courseId, {}, () =>
        resumeExport(courseId, engineDeps(courseId, client, engine)),
      );
    },

    /**
     * Stops every running export at once (Disconnect): requests in flight are aborted, nothing
     * more is sent, and each is recorded as stopped with `stop` (its unsent operations stay
     * pending). Resolves once every one has ended and its outcome is in the history.
     */
    async stopAll(stop: { code: ExportStopCode; message: string }): Promise<void> {
      const reason = new ExportStopRequest(stop.code, stop.message);
      for (const stopper of stoppers.values()) stopper.abort(reason);
      await Promise.all(runs.values());
    },

    /** Cancels the class's running export; false when none runs. */
    cancel(courseId: string): boolean {
      // run-control's cancel aborts in-flight requests; unsent operations stay pending.
      return active.has(courseId) && cancelRun(courseId);
    },
  };
}

export type ExportRunner = ReturnType<typeof createExportRunner>;
