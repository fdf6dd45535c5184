/**
 * What the panel is told about an export: its progress while it runs, and at its end the
 * summary, computed from the journal so a resumed export reports the whole export, the work
 * done before the worker restart included.
 */
import type {
  ExportFailureCode,
  ExportJournal,
  ExportStopCode,
  JournalOp,
  JournalState,
} from './journal';
import type { OperationKind } from './plan-types';
import { createThrottle, type EngineClock } from './run-clock';

/** How an export run ended. */
export type ExportOutcome = Exclude<JournalState, 'running'>;

/** One operation that failed, with the reason to show. */
export interface ExportFailure {
  opId: string;
  kind: OperationKind;
  courseworkId: string;
  studentKey?: string;
  code: ExportFailureCode;
  message: string;
}

export interface ExportSummary {
  exportId: string;
  courseId: string;
  state: ExportOutcome;
  /** PUTs the SIS answered 201 / 200. */
  created: number;
  updated: number;
  /** DELETEs of results the SIS had / no longer had. */
  deleted: number;
  alreadyGone: number;
  failed: ExportFailure[];
  /** Operations not executed (a stopped or cancelled export; resumable). */
  pending: number;
  /** Requests sent, over every run of this export; `retries` = those beyond each op's first. */
  attempts: number;
  retries: number;
  /** Wall time of this run (a resumed export: since the resume). */
  durationMs: number;
  /** Why the export stopped (state 'stopped'). */
  stop?: { code: ExportStopCode; message: string };
}

const failureOf = (op: JournalOp): ExportFailure => ({
  opId: op.id,
  kind: op.kind,
  courseworkId: op.courseworkId,
  ...(op.studentKey === undefined ? {} : { studentKey: op.studentKey }),
  code: op.error?.code ?? 'unexpected-error',
  message: op.error?.message ?? '',
});

/**
 * How a run ended, from the journal alone: a stop reason → stopped; pending operations without
 * one → cancelled; else completed, with or without errors.
 */
export function outcomeOf(journal: ExportJournal): ExportOutcome {
  if (journal.stop) return 'stopped';
  if (journal.ops.some((op) => op.status === 'pending')) return 'cancelled';
  return journal.ops.some((op) => op.status === 'failed') ? 'completed-with-errors' : 'completed';
}

/** The summary of a journal whose run has ended (one still 'running' reads as cancelled). */
export function summarizeJournal(journal: ExportJournal, durationMs: number): ExportSummary {
  const done = journal.ops.filter((op) => op.status === 'done');
  const puts = done.filter((op) => op.kind !== 'delete-result');
  const deletes = done.filter((op) => op.kind === 'delete-result');
  const attempts = journal.ops.reduce((sum, op) => sum + op.attempts, 0);
  const retries = journal.ops.reduce((sum, op) => sum + Math.max(0, op.attempts - 1), 0);
  return {
    exportId: journal.exportId,
    courseId: journal.courseId,
    state: outcomeOf(journal),
    created: puts.filter((op) => op.created).length,
    updated: puts.filter((op) => !op.created).length,
    deleted: deletes.filter((op) => op.deleted).length,
    alreadyGone: deletes.filter((op) => !op.deleted).length,
    failed: journal.ops.filter((op) => op.status === 'failed').map(failureOf),
    pending: journal.ops.filter((op) => op.status === 'pending').length,
    attempts,
    retries,
    durationMs,
    ...(journal.stop ? { stop: journal.stop } : {}),
  };
}

/*
 * Progress of a running export, for the panel's progress bar. Counter changes are throttled
 * (one report per interval plus a trailing one) because a fast SIS finishes hundreds of grades a
 * second and each report crosses the messaging layer; a phase change and a concurrency change
 * are reported at once.
 */
export type ExportPhase = 'line-items' | 'grades';

/** One progress report. `done + failed ≤ total`; counts include a resumed export's earlier work. */
export interface ExportProgress {
  phase: ExportPhase;
  /** Operations of this phase that succeeded. */
  done: number;
  /** Operations of this phase in the export. */
  total: number;
  /** Operations of this phase that failed (including results skipped for a failed line item). */
  failed: number;
  /** Operations waiting to be retried right now. */
  retrying: number;
  /** Requests allowed in flight right now (lowered after 429s). */
  concurrency: number;
}

export type ProgressListener = (progress: ExportProgress) => void;

/** Default minimum time between two throttled reports. */
export const PROGRESS_INTERVAL_MS = 200;

export function createProgressReporter(
  listener: ProgressListener | undefined,
  clock: EngineClock,
  concurrency: number,
  intervalMs = PROGRESS_INTERVAL_MS,
) {
  const state: ExportProgress = {
    phase: 'line-items',
    done: 0,
    total: 0,
    failed: 0,
    retrying: 0,
    concurrency,
  };
  const emit = () => listener?.({ ...state });
  const throttle = createThrottle(clock, intervalMs, emit);
  const now = () => {
    throttle.dispose();
    emit();
  };

  return {
    /** Reports the start of a phase with its totals (at once). */
    startPhase(phase: ExportPhase, counts: Pick<ExportProgress, 'done' | 'total' | 'failed'>) {
      Object.assign(state, { phase, retrying: 0, ...counts });
      now();
    },
    /** One operation finished: succeeded or failed. */
    finished(ok: boolean) {
      if (ok) state.done++;
      else state.failed++;
      throttle.request();
    },
    /** An operation started (+1) or ended (−1) a backoff wait. */
    retrying(delta: 1 | -1) {
      state.retrying += delta;
      throttle.request();
    },
    concurrency(limit: number) {
      state.concurrency = limit;
      now();
    },
    /** Sends the latest counts if a report is waiting, e.g. at the end of a phase. */
    flush: () => throttle.flush(),
    dispose: () => throttle.dispose(),
  };
}

export type ProgressReporter = ReturnType<typeof createProgressReporter>;
