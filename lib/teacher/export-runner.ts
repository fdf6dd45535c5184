/**
 * The background's export runner: the one place that knows which export runs for which class.
 * It starts an export without awaiting it (the panel polls getPanelState), resumes a stored one
 * (the resume pass at every worker start, below), cancels or stops them, keeps each class's
 * latest progress in memory, holds the keep-alive while any runs, and records the outcome in the
 * class's history when it ends.
 *
 * One lock per class: the runner's registry of running exports, in memory. A class counts as
 * running from its start (taken synchronously, before any await) until its outcome is recorded,
 * so the panel never sees "not running" without a summary. There is one service worker per
 * extension, so the registry is the whole truth: a journal left 'running' that no run here holds
 * was left by a worker Chrome stopped, is not a live export, and may be resumed or replaced by a
 * new export at once.
 *
 * A finished export's journal is deleted once its outcome is in the history: nothing in it is
 * left to resume (stopped and cancelled ones stay to resume, except one stopped because its
 * journal could not be saved).
 */

import { RequestError } from '../errors';
import {
  createJournal,
  type ExportJournal,
  type ExportStopCode,
  ExportStopRequest,
  isUnfinished,
  JOURNAL_UNSAVED_STOPS,
} from '../export/journal';
import type { JournalStore } from '../export/journal-store';
import type { Operation } from '../export/plan-types';
import { runExport } from '../export/run';
import { systemClock } from '../export/run-clock';
import type { ExportClient } from '../export/run-operation';
import { type ExportProgress, type ExportSummary, summarizeJournal } from '../export/summary';
import { t } from '../i18n/t';
import { getClassLink, linkVersion } from '../settings/class-links';
import {
  type CourseHistory,
  type ExportSummaryRecord,
  type PendingExport,
  readExportHistory,
  updateExportHistory,
  withSummary,
} from '../settings/export-history';
import type { EngineOptions, SisSession } from './sis-session';

/** Why a run was refused from the journal: nothing was sent and nothing is recorded. */
export type ExportControlErrorCode = 'nothing-to-resume';

export class ExportControlError extends Error {
  override name = 'ExportControlError';
  constructor(
    readonly code: ExportControlErrorCode,
    readonly courseId: string,
  ) {
    super(`${code}: course ${courseId}`);
  }
}

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

/**
 * How a run ended: its recorded summary (a run that broke off is recorded as stopped); the
 * journal's refusal (nothing was sent, nothing recorded); or, when even recording a run that
 * broke off failed, its error.
 */
export type RunOutcome =
  | { summary: ExportSummary }
  | { refused: ExportControlError }
  | { unrecorded: unknown };

/** What resuming needs from the settings in force. */
export interface ResumeAccess {
  sis: SisSession;
  teacherOverrideAllowed: boolean;
}

/** One class's running export, from its start to its recorded outcome. */
interface RunningExport {
  /** Aborted to cancel (an Error) or stop (an ExportStopRequest) the run. */
  stopper: AbortController;
  /** False once the engine has ended, while the outcome is being recorded. */
  sending: boolean;
  progress?: ExportProgress;
  /** Settles once the outcome is recorded (set as the run starts). */
  ended?: Promise<RunOutcome>;
}

/** What a start or resume was asked to do, to record a run that broke off. */
interface RunAsked {
  exportId?: string;
  operations?: number;
}

export function createExportRunner({ store, keepAlive, now }: ExportRunnerDeps) {
  const runs = new Map<string, RunningExport>();

  function refuseIfRunning(courseId: string) {
    if (runs.has(courseId)) throw new RequestError('export-running', t('errorExportRunning'));
  }

  /**
   * A run that threw rather than ended (a bug: a failed journal write stops the run cleanly in
   * the engine instead) is recorded as stopped with the reason, so the panel does not fall
   * silent: what the last saved journal says was done counts, the rest is pending.
   */
  async function recordBrokenRun(
    courseId: string,
    asked: RunAsked,
    error: unknown,
  ): Promise<ExportSummary> {
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
    return summary;
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

  /**
   * Takes the class's lock synchronously (refusing 'export-running' while it is held), runs
   * `journalOf`'s journal through the engine, records the outcome, and releases the lock.
   */
  function run(
    courseId: string,
    asked: RunAsked,
    client: ExportClient,
    engine: EngineOptions,
    journalOf: () => Promise<ExportJournal>,
  ): Promise<RunOutcome> {
    refuseIfRunning(courseId);
    const release = keepAlive.hold();
    const entry: RunningExport = { stopper: new AbortController(), sending: true };
    runs.set(courseId, entry);
    const sent = journalOf().then((journal) =>
      runExport({
        ...engine,
        client,
        store,
        journal,
        signal: entry.stopper.signal,
        onProgress: (report) => {
          entry.progress = report;
        },
      }),
    );
    const ended = sent
      .then(
        async (summary): Promise<RunOutcome> => {
          entry.sending = false;
          await recordEnded(courseId, summary).catch((error: unknown) =>
            console.error(`[sis-export] recording the export of course ${courseId} failed`, error),
          );
          return { summary };
        },
        async (error: unknown): Promise<RunOutcome> => {
          entry.sending = false;
          console.error(`[sis-export] export of course ${courseId} failed`, error);
          // Refused from the journal (a live-looking run holds the class, no journal to
          // resume): no export to record.
          if (error instanceof ExportControlError) return { refused: error };
          const summary = await recordBrokenRun(courseId, asked, error).catch(
            (recording: unknown) => {
              console.error('[sis-export] recording the failed export failed too', recording);
            },
          );
          return summary ? { summary } : { unrecorded: error };
        },
      )
      .finally(() => {
        runs.delete(courseId);
        release();
      });
    entry.ended = ended;
    return ended;
  }

  const runner = {
    /** True from start until the outcome is recorded. */
    isRunning: (courseId: string) => runs.has(courseId),
    /** The latest progress report of the class's running export. */
    progressOf: (courseId: string) => runs.get(courseId)?.progress,
    refuseIfRunning,

    /**
     * Journals a new export of `request.operations` (replacing the class's previous journal)
     * and runs it; the returned promise settles once its outcome is recorded. Throws
     * 'export-running' at once while the class runs here.
     */
    start(
      request: StartRequest,
      client: ExportClient,
      engine: EngineOptions = {},
    ): Promise<RunOutcome> {
      const { exportId, courseId, sisClassId, operations } = request;
      return run(
        courseId,
        { exportId, operations: operations.length },
        client,
        engine,
        async () => {
          const at = (engine.clock ?? systemClock).now();
          return createJournal({ exportId, courseId, sisClassId, operations, now: at });
        },
      );
    },

    /**
     * Continues the class's stored export — its pending operations only, from the stored plan —
     * e.g. after the worker restarted. Refused ('nothing-to-resume') without a readable journal.
     */
    resume(
      courseId: string,
      client: ExportClient,
      engine: EngineOptions = {},
    ): Promise<RunOutcome> {
      return run(courseId, {}, client, engine, async () => {
        const journal = await store.load(courseId);
        if (!journal) throw new ExportControlError('nothing-to-resume', courseId);
        return journal;
      });
    },

    /**
     * The resume pass, at every service-worker start and browser start: the journals of
     * finished exports are deleted, and exports a stopped worker or a closed browser left
     * 'running' in storage are continued from their journals (pending operations only, no
     * re-planning), so a restart in the middle of an export ends with exactly what was planned.
     * Stopped ('credentials rejected') and cancelled exports wait for the teacher; so does
     * everything while teachers may not export (not connected, exporting turned off): those
     * stay resumable and the panel says so. `access` is asked only when there is something to
     * resume, and answers undefined when teachers may not export now. Returns the course ids
     * it resumed.
     */
    async resumeRunning(access: () => Promise<ResumeAccess | undefined>): Promise<string[]> {
      const journals = (await store.sweep()).filter((j) => j.state === 'running');
      if (journals.length === 0) return [];
      const allowed = await access();
      if (!allowed) return [];
      const { sis } = allowed;
      const resumed: string[] = [];
      for (const journal of journals) {
        // Unlinked or relinked to another SIS class since: its writes are no longer wanted there.
        const link = await getClassLink(journal.courseId);
        if (link?.sisClassId !== journal.sisClassId) continue;
        // Planned under another OneRoster version (the admin switched it since): its user ids
        // and bodies are the old version's. The next export re-plans with the carried-over link.
        if (linkVersion(link) !== sis.profile.version) continue;
        // Planned before a preview carried the link over to this version: still the old ids.
        if (link.carriedOver && journal.startedAt < Date.parse(link.carriedOver.at)) continue;
        // Started for another SIS teacher while the admin allowed it: not continued once that
        // is off (teacher-identity.ts); it waits, resumable, for a teacher the background lets
        // export.
        const { pending } = await readExportHistory(journal.courseId);
        if (pending?.override && !allowed.teacherOverrideAllowed) continue;
        // Checked last, after every await: a run started meanwhile (another pass, the teacher)
        // owns it, and a Disconnect since makes the session unusable.
        if (runs.has(journal.courseId) || sis.revoked?.aborted) continue;
        void runner.resume(journal.courseId, sis.client, sis.engine);
        resumed.push(journal.courseId);
      }
      return resumed;
    },

    /**
     * Stops every running export at once (Disconnect): requests in flight are aborted, nothing
     * more is sent, and each is recorded as stopped with `stop` (its unsent operations stay
     * pending). Resolves once every one has ended and its outcome is in the history.
     */
    async stopAll(stop: { code: ExportStopCode; message: string }): Promise<void> {
      const reason = new ExportStopRequest(stop.code, stop.message);
      const ending = [...runs.values()];
      for (const { stopper } of ending) stopper.abort(reason);
      await Promise.all(ending.map((entry) => entry.ended));
    },

    /**
     * Cancels the class's running export: in-flight requests are aborted, unsent operations
     * stay pending. False when none is sending (none runs, or its outcome is being recorded).
     */
    cancel(courseId: string): boolean {
      const entry = runs.get(courseId);
      if (!entry?.sending) return false;
      entry.stopper.abort(new Error('export cancelled'));
      return true;
    },
  };
  return runner;
}

export type ExportRunner = ReturnType<typeof createExportRunner>;

/*
 * Keeps the service worker alive while an export runs. Chrome stops an idle MV3 worker after
 * 30 s without extension events or API calls; fetches to the SIS do not count, so a long export
 * with a closed panel (the teacher went to another page) would be cut off and left to resume
 * at the next start. Since Chrome 110 every extension API call resets the idle timer, and the
 * documented keep-alive is a cheap call such as `runtime.getPlatformInfo()` every ~20 s
 * (developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle). We do that
 * only while an export runs, instead of relying on the panel's polling, which stops with the
 * panel. The journal still covers a worker Chrome stops anyway (after 5 min per request, or a
 * browser shutdown): the next start resumes it.
 */

/** The recommended interval: well inside the 30 s idle limit. */
export const KEEP_ALIVE_INTERVAL_MS = 20_000;

export interface KeepAlive {
  /** Starts pinging (if not already) until the returned release is called. */
  hold(): () => void;
  /** True while at least one holder holds it. */
  readonly active: boolean;
}

/** A reference-counted keep-alive: one timer however many exports run. */
export function createKeepAlive(
  ping: () => Promise<unknown>,
  intervalMs = KEEP_ALIVE_INTERVAL_MS,
): KeepAlive {
  let holders = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    hold() {
      holders++;
      timer ??= setInterval(() => {
        // A failed ping only means this one did not extend the lifetime; the next may.
        Promise.resolve()
          .then(ping)
          .catch(() => undefined);
      }, intervalMs);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders--;
        if (holders === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    get active() {
      return holders > 0;
    },
  };
}

/** The real ping: an extension API call that is cheap and needs no permission. */
export function pingExtensionApi(): Promise<unknown> {
  return browser.runtime.getPlatformInfo();
}

/*
 * What an export leaves in the class's history when it ends (completed, stopped or cancelled):
 * its summary for the panel, "last exported" for each coursework whose writes all succeeded,
 * and the results it wrote or deleted (the planner's `previousResults`). Works the same for an
 * export resumed by a restarted worker: what it needs from the plan was stored at its start.
 */
/** Failures kept per summary: the history must stay small in storage. */
export const MAX_FAILURES_KEPT = 100;

/** The summary as the panel shows it. */
export function toSummaryView(
  summary: ExportSummary,
  unchanged: number,
  finishedAt: Date,
): ExportSummaryRecord {
  return {
    exportId: summary.exportId,
    state: summary.state,
    finishedAt: finishedAt.toISOString(),
    created: summary.created,
    updated: summary.updated,
    // The teacher asked for the grade to be gone; one the SIS no longer had is gone as well.
    deleted: summary.deleted + summary.alreadyGone,
    unchanged,
    failed: summary.failed.slice(0, MAX_FAILURES_KEPT).map((failure) => ({
      kind: failure.kind,
      courseworkId: failure.courseworkId,
      ...(failure.studentKey === undefined ? {} : { studentKey: failure.studentKey }),
      code: failure.code,
      message: failure.message,
    })),
    failedCount: summary.failed.length,
    pending: summary.pending,
    ...(summary.stop ? { stopMessage: summary.stop.message } : {}),
  };
}

/** `history` with the journal's done writes applied to previousResults and lastExported. */
function applyJournal(
  history: CourseHistory,
  journal: ExportJournal,
  pending: PendingExport | undefined,
  finishedAt: string,
): CourseHistory {
  const previousResults = { ...history.previousResults };
  for (const op of journal.ops) {
    if (op.status !== 'done') continue;
    if (op.kind === 'put-result' && op.written) previousResults[op.id] = { ...op.written };
    else if (op.kind === 'delete-result') delete previousResults[op.id];
  }
  const lastExported = { ...history.lastExported };
  for (const courseworkId of pending?.courseworkIds ?? []) {
    const ops = journal.ops.filter((op) => op.courseworkId === courseworkId);
    if (ops.every((op) => op.status === 'done')) lastExported[courseworkId] = finishedAt;
  }
  return { ...history, previousResults, lastExported };
}

/** Records an ended export run in its class's history. */
export function recordExportOutcome(
  summary: ExportSummary,
  journal: ExportJournal | undefined,
  finishedAt: Date,
): Promise<CourseHistory> {
  return updateExportHistory(summary.courseId, (history) => {
    const pending = history.pending?.exportId === summary.exportId ? history.pending : undefined;
    const view = {
      ...toSummaryView(summary, pending?.unchanged ?? 0, finishedAt),
      ...(pending?.override ? { override: pending.override } : {}),
    };
    const applied =
      journal?.exportId === summary.exportId
        ? applyJournal(history, journal, pending, view.finishedAt)
        : history;
    const next = withSummary(applied, view);
    // A stopped or cancelled export may still be resumed and will need the pending record.
    const ended = summary.state === 'completed' || summary.state === 'completed-with-errors';
    if (ended) delete next.pending;
    return next;
  });
}

/** Records that an export started: what its end will need from the plan. */
export function recordExportStart(courseId: string, pending: PendingExport) {
  return updateExportHistory(courseId, (history) => ({ ...history, pending }));
}

/** An export with nothing to send: completed at once, every planned coursework up to date. */
export function recordNothingToSend(
  courseId: string,
  pending: PendingExport,
  finishedAt: Date,
): Promise<CourseHistory> {
  const at = finishedAt.toISOString();
  return updateExportHistory(courseId, (history) => {
    const lastExported = { ...history.lastExported };
    for (const id of pending.courseworkIds) lastExported[id] = at;
    const view: ExportSummaryRecord = {
      exportId: pending.exportId,
      state: 'completed',
      finishedAt: at,
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: pending.unchanged,
      failed: [],
      failedCount: 0,
      pending: 0,
      ...(pending.override ? { override: pending.override } : {}),
    };
    const { pending: _, ...rest } = withSummary({ ...history, lastExported }, view);
    return rest;
  });
}
