/**
 * The journal as it is stored (format 2), and back. Issue #11 (M4): format 1 stored every
 * operation twice, its record and its whole payload, ~0.6 KB per operation; a 200-student ×
 * 100-coursework class (20,100 operations) came to 12 MB, over storage.local's 10 MB, and the
 * export stopped before sending anything. Format 2 stores only what a resume needs and what
 * proves the export exact, ~55 bytes per operation (`npm run bench`, journal):
 *
 * - per operation, a short tuple: kind, status, attempts, outcome, failure, and for a result its
 *   id, student and score. Strings any two operations share are stored once, in tables: line
 *   items (coursework id, line item id), students (Classroom key, SIS id), failure reasons;
 * - a result's payload is rebuilt from those: its fields other than the score are the same for
 *   every result of an export (the export day, an empty comment) or are the tables' ids. A
 *   result that does not fit that shape keeps its whole payload, so the format holds any plan;
 * - payloads are stored while they may still be sent: a done or failed line item's is dropped
 *   (a resume sends pending operations only). A result keeps its score: the class's history
 *   records it, and it is what the SIS must now hold.
 *
 * Why not re-plan on resume instead: the plan is a function of the SIS's state, which the
 * export itself has changed by then. Why not IndexedDB: see journal-storage.ts.
 *
 * A format-1 journal (stored by the previous version) is still read, and resumed; it is saved
 * in format 2 at its next write.
 */
import {
  type LineItemToPut,
  type ResultToPut,
  SCORE_STATUSES,
  type ScoreStatus,
} from '../oneroster/schemas-gradebook';
import type { ExportJournal, JournalOp, JournalOpStatus } from './journal';
import type { Operation } from './operations';
import type { ExportFailureInfo } from './run-codes';

const KINDS = ['put-line-item', 'put-result', 'delete-result'] as const;
const STATUSES: readonly JournalOpStatus[] = ['pending', 'done', 'failed'];

/** kind, line item (index), status, attempts, outcome (0 none, 1 true, 2 false), failure (0 none, n: failures[n-1]). */
type Head = [
  kind: number,
  line: number,
  status: number,
  attempts: number,
  outcome: number,
  failure: number,
];
export type StoredLineItemOp = [...Head];
export type StoredResultOp = [
  ...Head,
  student: number,
  id: string,
  score: number,
  scoreStatus: number,
  payload?: ResultToPut,
];
export type StoredDeleteOp = [...Head, student: number, id: string];
export type StoredOp = StoredLineItemOp | StoredResultOp | StoredDeleteOp;

/** A line item the export writes, or writes results under: [courseworkId, lineItemId, payload?]. */
export type StoredLineItem =
  | [courseworkId: string, lineItemId: string]
  | [courseworkId: string, lineItemId: string, payload: LineItemToPut];

export interface StoredJournal extends Omit<ExportJournal, 'ops' | 'operations'> {
  version: 2;
  lineItems: StoredLineItem[];
  /** [Classroom student key, SIS student sourcedId]. */
  students: Array<[string, string]>;
  /** What every result of the export shares (absent: no results). */
  resultFields?: { scoreDate: string; comment?: string };
  failures: ExportFailureInfo[];
  ops: StoredOp[];
}

/** Index of `key` in `table`, adding `value()` when new. */
function indexer<T>(table: T[]) {
  const seen = new Map<string, number>();
  return (key: string, value: () => T) => {
    let index = seen.get(key);
    if (index === undefined) {
      index = table.push(value()) - 1;
      seen.set(key, index);
    }
    return index;
  };
}

type Shared = NonNullable<StoredJournal['resultFields']>;

const outcomeOf = (value: boolean | undefined) => (value === undefined ? 0 : value ? 1 : 2);
const outcomeValue = (code: number) => (code === 0 ? undefined : code === 1);

function rebuildResult(
  op: { id: string; lineItemId: string; sisStudentId: string },
  written: { score: number; scoreStatus: ScoreStatus },
  shared: Shared,
): ResultToPut {
  return {
    sourcedId: op.id,
    lineItem: { sourcedId: op.lineItemId },
    student: { sourcedId: op.sisStudentId },
    scoreStatus: written.scoreStatus,
    score: written.score,
    scoreDate: shared.scoreDate,
    ...(shared.comment === undefined ? {} : { comment: shared.comment }),
  };
}

/** True when rebuilding `result` from its parts gives it back exactly (key order aside). */
function isRebuildable(result: ResultToPut, op: Operation, shared: Shared): boolean {
  if (op.kind !== 'put-result') return false;
  const rebuilt = rebuildResult(
    { id: op.id, lineItemId: op.lineItemId, sisStudentId: result.student.sourcedId },
    result,
    shared,
  );
  return sameJson(result, rebuilt);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((k) =>
      sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

/** The journal in format 2. Throws RangeError if a pending operation has no payload. */
export function encodeJournal(journal: ExportJournal): StoredJournal {
  const { ops, operations, ...header } = journal;
  const payloads = new Map(operations.map((op) => [op.id, op]));
  const lineItems: StoredLineItem[] = [];
  const students: Array<[string, string]> = [];
  const failures: ExportFailureInfo[] = [];
  const line = indexer(lineItems);
  const student = indexer(students);
  const failure = indexer(failures);
  const first = operations.find((op) => op.kind === 'put-result')?.result;
  const shared: Shared | undefined = first && {
    scoreDate: first.scoreDate,
    ...(first.comment === undefined ? {} : { comment: first.comment }),
  };

  const stored = ops.map((op): StoredOp => {
    const payload = op.status === 'pending' ? payloads.get(op.id) : undefined;
    if (op.status === 'pending' && !payload) {
      throw new RangeError(`journal: pending operation ${op.id} has no payload`);
    }
    const lineItemId = op.kind === 'put-line-item' ? op.id : (op.lineItemId ?? '');
    const lineIndex =
      payload?.kind === 'put-line-item'
        ? line(`+${op.id}`, () => [op.courseworkId, lineItemId, payload.lineItem])
        : line(`${op.courseworkId}\u0000${lineItemId}`, () => [op.courseworkId, lineItemId]);
    const { error } = op;
    const head: Head = [
      KINDS.indexOf(op.kind),
      lineIndex,
      STATUSES.indexOf(op.status),
      op.attempts,
      outcomeOf(op.kind === 'delete-result' ? op.deleted : op.created),
      error ? failure(`${error.code}\u0000${error.message}`, () => error) + 1 : 0,
    ];
    if (op.kind === 'put-line-item') return head;
    const key = op.studentKey ?? '';
    const sisId = op.sisStudentId ?? '';
    const studentIndex = student(`${key}\u0000${sisId}`, () => [key, sisId]);
    if (op.kind === 'delete-result') return [...head, studentIndex, op.id];
    if (!op.written) throw new RangeError(`journal: result ${op.id} has no score`);
    const tuple: StoredResultOp = [
      ...head,
      studentIndex,
      op.id,
      op.written.score,
      SCORE_STATUSES.indexOf(op.written.scoreStatus),
    ];
    if (
      payload?.kind === 'put-result' &&
      !(shared && isRebuildable(payload.result, payload, shared))
    ) {
      tuple.push(payload.result);
    }
    return tuple;
  });
  return {
    version: 2,
    ...header,
    lineItems,
    students,
    ...(shared ? { resultFields: shared } : {}),
    failures,
    ops: stored,
  };
}

/** A format-2 journal (already checked by its schema) in memory. Throws RangeError on a bad reference. */
export function decodeJournal(stored: StoredJournal): ExportJournal {
  const {
    version: _,
    lineItems,
    students,
    resultFields,
    failures,
    ops: tuples,
    ...header
  } = stored;
  const at = <T>(table: readonly T[], index: number, what: string): T => {
    const value = table[index];
    if (value === undefined) throw new RangeError(`journal: no ${what} #${index}`);
    return value;
  };
  const ops: JournalOp[] = [];
  const operations: Operation[] = [];
  for (const tuple of tuples) {
    const [kindCode, lineIndex, statusCode, attempts, outcome, failureCode] = tuple;
    const kind = at(KINDS, kindCode, 'operation kind');
    const [courseworkId, lineItemId, lineItem] = at(lineItems, lineIndex, 'line item');
    const status = at(STATUSES, statusCode, 'status');
    const error = failureCode === 0 ? undefined : at(failures, failureCode - 1, 'failure');
    const outcomeField = kind === 'delete-result' ? 'deleted' : 'created';
    const value = outcomeValue(outcome);
    const base: JournalOp = {
      id: lineItemId,
      kind,
      courseworkId,
      status,
      attempts,
      ...(value === undefined ? {} : { [outcomeField]: value }),
      ...(error ? { error: { ...error } } : {}),
    };
    if (kind === 'put-line-item') {
      ops.push(base);
      if (status !== 'pending') continue;
      if (!lineItem)
        throw new RangeError(`journal: pending line item ${lineItemId} has no payload`);
      operations.push({ kind, id: lineItemId, courseworkId, lineItem });
      continue;
    }
    const [, , , , , , studentIndex, id] = tuple as StoredDeleteOp;
    const [studentKey, sisStudentId] = at(students, studentIndex, 'student');
    const grade = { id, courseworkId, studentKey, lineItemId };
    if (kind === 'delete-result') {
      ops.push({ ...base, ...grade });
      if (status === 'pending') operations.push({ kind, ...grade });
      continue;
    }
    const [, , , , , , , , score, statusIndex, payload] = tuple as StoredResultOp;
    const written = { score, scoreStatus: at(SCORE_STATUSES, statusIndex, 'score status') };
    ops.push({ ...base, ...grade, sisStudentId, written });
    if (status !== 'pending') continue;
    if (!payload && !resultFields) throw new RangeError(`journal: result ${id} has no payload`);
    const result =
      payload ?? rebuildResult({ id, lineItemId, sisStudentId }, written, resultFields as Shared);
    operations.push({ kind, ...grade, result });
  }
  return { ...header, ops, operations };
}

/** A format-1 journal (every payload in full) in memory: its records gain what format 2 keeps. */
export function fromFormat1(
  journal: Omit<ExportJournal, 'ops'> & { version: 1; ops: JournalOp[] },
): ExportJournal {
  const { version: _, ops, operations, ...header } = journal;
  return {
    ...header,
    ops: ops.map((record, i) => {
      const op = operations[i];
      if (!op || op.kind === 'put-line-item') return record;
      if (op.kind === 'delete-result') return { ...record, lineItemId: op.lineItemId };
      const { student, score, scoreStatus } = op.result;
      return {
        ...record,
        lineItemId: op.lineItemId,
        sisStudentId: student.sourcedId,
        written: { score, scoreStatus },
      };
    }),
    // A resume sends the pending ones only; finished ones are dropped at the next write.
    operations: operations.filter((_op, i) => ops[i]?.status === 'pending'),
  };
}
