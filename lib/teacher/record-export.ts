/**
 * What an export leaves in the class's history when it ends (completed, stopped or cancelled):
 * its summary for the panel, "last exported" for each coursework whose writes all succeeded,
 * and the results it wrote or deleted (the planner's `previousResults`). Works the same for an
 * export resumed by a restarted worker: what it needs from the plan was stored at its start.
 */
import type { ExportJournal } from '../export/journal';
import type { ExportSummary } from '../export/run-summary';
import {
  type CourseHistory,
  type ExportSummaryRecord,
  type PendingExport,
  updateExportHistory,
  withSummary,
} from '../settings/export-history';

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
