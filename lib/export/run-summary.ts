/**
 * The end-of-export summary the panel shows, computed from the journal so a resumed export
 * reports the whole export, the work done before the worker restart included.
 */
import type { ExportJournal, JournalOp, JournalState } from './journal';
import type { OperationKind } from './operations';
import type { ExportFailureCode, ExportStopCode } from './journal';

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
