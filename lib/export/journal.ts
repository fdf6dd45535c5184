/**
 * The journal of one export of one Classroom course: every operation of the plan, its payload
 * and how far it got. Persisted in the background's storage while the export runs, so a service
 * worker that Chrome stopped mid-export can resume from here without re-planning. Deleted once a
 * finished export's outcome is in the class's export history (lib/teacher/export-runner.ts).
 */
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

/** One operation's record (its payload is in `ExportJournal.operations`, same order). */
export interface JournalOp {
  /** The operation's id: the sourcedId it writes. */
  id: string;
  kind: OperationKind;
  courseworkId: string;
  studentKey?: string;
  status: JournalOpStatus;
  /** Requests sent for it, over every run of this export. */
  attempts: number;
  /** For a done PUT: the SIS answered 201 (created) rather than 200 (updated). */
  created?: boolean;
  /** For a done DELETE: the SIS still had the result (false: it was already gone). */
  deleted?: boolean;
  /** For a failed operation: why. */
  error?: ExportFailureInfo;
}

export interface ExportJournal {
  /** Format version, for future migrations. */
  version: 1;
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
  /** The plan itself, so a restarted worker resumes without re-planning. */
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
  const ops = operations.map(({ id, kind, courseworkId, ...rest }): JournalOp => {
    const studentKey = 'studentKey' in rest ? rest.studentKey : undefined;
    return {
      id,
      kind,
      courseworkId,
      ...(studentKey ? { studentKey } : {}),
      status: 'pending',
      attempts: 0,
    };
  });
  const journal: ExportJournal = {
    version: 1,
    exportId,
    courseId,
    sisClassId,
    startedAt: now,
    updatedAt: now,
    state: 'running',
    ops,
    operations: structuredClone([...operations]),
  };
  return journal;
}

/** Operations not yet executed. */
export function pendingCount(journal: ExportJournal): number {
  return journal.ops.filter((op) => op.status === 'pending').length;
}

/** True for states a later `resumeExport` may continue. */
export function isUnfinished(state: JournalState): boolean {
  return state === 'running' || state === 'stopped' || state === 'cancelled';
}
