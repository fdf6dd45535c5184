/**
 * The journal of one export of one Classroom course: every operation of the plan, how far it
 * got, and the payloads of those still to send. Persisted in the background's storage while the
 * export runs, so a service worker that Chrome stopped mid-export can resume from here without
 * re-planning. Deleted once a finished export's outcome is in the class's export history
 * (lib/teacher/export-runner.ts). This is the journal in memory; what is stored, and why it is
 * so much smaller, is in journal-codec.ts.
 */
import type { ScoreStatus } from '../oneroster/schemas';
import type { Operation, OperationKind } from './operations';
import type { ExportFailureInfo, ExportStopCode } from './run-codes';

/** Where an export is. 'running' in storage with no live engine means the worker was stopped. */
export type JournalState =
  | 'running'
  | 'completed'
  | 'completed-with-errors'
  | 'stopped'
  | 'cancelled';

/** How far one operation got. */
export type JournalOpStatus = 'pending' | 'done' | 'failed';

/** One operation's record (its payload, while it may still be sent, is in `operations`). */
export interface JournalOp {
  /** The operation's id: the sourcedId it writes. */
  id: string;
  kind: OperationKind;
  courseworkId: string;
  studentKey?: string;
  /** For a result: the line item it is written under. */
  lineItemId?: string;
  /** For a put-result: the SIS student. */
  sisStudentId?: string;
  status: JournalOpStatus;
  /** Requests sent for it, over every run of this export. */
  attempts: number;
  /** For a done PUT: the SIS answered 201 (created) rather than 200 (updated). */
  created?: boolean;
  /** For a done DELETE: the SIS still had the result (false: it was already gone). */
  deleted?: boolean;
  /** For a failed operation: why. */
  error?: ExportFailureInfo;
  /**
   * For a put-result: the score it writes. Kept when its payload is dropped: it is what the
   * class's history records as exported, and what proves the SIS got exactly the plan.
   */
  written?: { score: number; scoreStatus: ScoreStatus };
}

export interface ExportJournal {
  exportId: string;
  /** The Classroom course id; one journal per course. */
  courseId: string;
  sisClassId: string;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms of the last save; a 'running' journal not updated for long was left by a dead worker. */
  updatedAt: number;
  state: JournalState;
  /** Why the export stopped (state 'stopped'). */
  stop?: { code: ExportStopCode; message: string };
  ops: JournalOp[];
  /**
   * The payloads of the operations still to send, in plan order, so a restarted worker resumes
   * without re-planning: every operation's in a new journal, only the pending ones' in a loaded
   * one (a done or failed operation is never sent again, so its payload is not stored). Never
   * changed once created: copies of the journal share it.
   */
  operations: Operation[];
}

/** Details of the export to record, besides its operations. */
export interface NewJournal {
  exportId: string;
  courseId: string;
  sisClassId: string;
  operations: readonly Operation[];
  now: number;
}

/** A fresh journal: every operation pending. Throws RangeError on duplicate operation ids. */
export function createJournal({ exportId, courseId, sisClassId, operations, now }: NewJournal) {
  const ids = new Set(operations.map((op) => op.id));
  if (ids.size !== operations.length) throw new RangeError('Operation ids must be unique');
  const ops = operations.map((op): JournalOp => {
    const record: JournalOp = {
      id: op.id,
      kind: op.kind,
      courseworkId: op.courseworkId,
      status: 'pending',
      attempts: 0,
    };
    if (op.kind === 'put-line-item') return record;
    Object.assign(record, { studentKey: op.studentKey, lineItemId: op.lineItemId });
    if (op.kind === 'delete-result') return record;
    const { student, score, scoreStatus } = op.result;
    return { ...record, sisStudentId: student.sourcedId, written: { score, scoreStatus } };
  });
  const journal: ExportJournal = {
    exportId,
    courseId,
    sisClassId,
    startedAt: now,
    updatedAt: now,
    state: 'running',
    ops,
    // A copy of the array, not of the payloads: nothing changes an operation once planned, and
    // a copy of a 100,000-operation plan would double its memory.
    operations: [...operations],
  };
  return journal;
}

/**
 * A copy whose state (per-operation status, attempts, outcome; the journal's state and stop)
 * changes independently of `journal`'s. The payloads are shared: nothing changes them.
 */
export function copyJournalState(journal: ExportJournal): ExportJournal {
  return {
    ...journal,
    ...(journal.stop ? { stop: { ...journal.stop } } : {}),
    ops: journal.ops.map((op) => ({ ...op })),
  };
}

/** Operations not yet executed. */
export function pendingCount(journal: ExportJournal): number {
  return journal.ops.filter((op) => op.status === 'pending').length;
}

/** True for states a later `resumeExport` may continue. */
export function isUnfinished(state: JournalState): boolean {
  return state === 'running' || state === 'stopped' || state === 'cancelled';
}
