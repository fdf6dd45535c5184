/**
 * The journal as it is stored (format 2), and back. It holds only what a resume needs and what
 * proves the export exact, ~66 bytes per operation (`npm run bench`, journal), so a
 * 200-student × 100-coursework class (20,100 operations) takes 1.3 MB; storing every payload
 * beside its record (format 1) took ~0.6 KB per operation:
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
 * A format-1 journal is still read, and resumed; it is saved in format 2 at its next write.
 */
import {
  type LineItemToPut,
  type ResultToPut,
  SCORE_STATUSES,
  type ScoreStatus,
} from '../oneroster/schemas';
import type { ExportJournal, JournalOp, JournalOpStatus } from './journal';
import type { Operation } from './operations';
import type { ExportFailureInfo } from './run-codes';

const KINDS = ['put-line-item', 'put-result', 'delete-result'] as const;
const STATUSES: readonly JournalOpStatus[] = ['pending', 'done', 'failed'];

/**
 * One operation: kind (0 put-line-item, 1 put-result, 2 delete-result), line item (index),
 * status (0 pending, 1 done, 2 failed), attempts, outcome (0 unknown, 1 true, 2 false: created
 * for a PUT, deleted for a DELETE), failure (0 none, n: failures[n - 1]); then for a result its
 * student (index) and id, and for a put-result its score, score status (index into
 * SCORE_STATUSES) and, only when the shared fields cannot rebuild it, its whole payload. One
 * tuple shape for every kind: a schema without a union checks 20,000 of them quickly.
 */
export type StoredOp = [
  kind: number,
  line: number,
  status: number,
  attempts: number,
  outcome: number,
  failure: number,
  student?: number,
  id?: string,
  score?: number,
  scoreStatus?: number,
  payload?: ResultToPut,
];

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

/**
 * Index of the entry keyed (a, b) in `table`, adding `value()` when new. Two map levels rather
 * than one joined key: the ids are strings V8 has already hashed, a joined one it must hash anew
 * for each of 20,000 operations at every save.
 */
function indexer<T>(table: T[]) {
  const seen = new Map<string, Map<string, number>>();
  return (a: string, b: string, value: () => T) => {
    let inner = seen.get(a);
    if (!inner) {
      inner = new Map();
      seen.set(a, inner);
    }
    let index = inner.get(b);
    if (index === undefined) {
      index = table.push(value()) - 1;
      inner.set(b, index);
    }
    return index;
  };
}

type Shared = NonNullable<StoredJournal['resultFields']>;

const outcomeOf = (value: boolean | undefined) => (value === undefined ? 0 : value ? 1 : 2);

function rebuildResult(
  id: string,
  lineItemId: string,
  sisStudentId: string,
  written: { score: number; scoreStatus: ScoreStatus },
  shared: Shared,
): ResultToPut {
  const result: ResultToPut = {
    sourcedId: id,
    lineItem: { sourcedId: lineItemId },
    student: { sourcedId: sisStudentId },
    scoreStatus: written.scoreStatus,
    score: written.score,
    scoreDate: shared.scoreDate,
  };
  if (shared.comment !== undefined) result.comment = shared.comment;
  return result;
}

const definedKeys = (value: object) =>
  Object.values(value).filter((field) => field !== undefined).length;

// Payloads never change once planned, and a running export is saved every second: remember
// the answer, for the shared fields it was given for.
const rebuildable = new WeakMap<ResultToPut, { shared: Shared; ok: boolean }>();

/** True when rebuildResult gives `result` back exactly: no field it would not set or set otherwise. */
function isRebuildable(
  result: ResultToPut,
  op: { id: string; lineItemId: string },
  shared: Shared,
): boolean {
  const known = rebuildable.get(result);
  if (known?.shared.scoreDate === shared.scoreDate && known.shared.comment === shared.comment) {
    return known.ok;
  }
  const ok = checkRebuildable(result, op, shared);
  rebuildable.set(result, { shared, ok });
  return ok;
}

function checkRebuildable(
  result: ResultToPut,
  op: { id: string; lineItemId: string },
  shared: Shared,
): boolean {
  return (
    definedKeys(result) === (shared.comment === undefined ? 6 : 7) &&
    result.sourcedId === op.id &&
    definedKeys(result.lineItem) === 1 &&
    result.lineItem.sourcedId === op.lineItemId &&
    definedKeys(result.student) === 1 &&
    typeof result.student.sourcedId === 'string' &&
    result.scoreDate === shared.scoreDate &&
    result.comment === shared.comment
  );
}

/**
 * The journal in format 2. `operations` must hold, in the order of `ops`, at least the payload of
 * every pending operation (as every journal does); throws RangeError otherwise.
 */
export function encodeJournal(journal: ExportJournal): StoredJournal {
  const { ops, operations, ...header } = journal;
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

  let next = 0; // `operations` is `ops`' payloads in the same order, some left out
  const stored = ops.map((op): StoredOp => {
    let payload: Operation | undefined;
    if (operations[next]?.id === op.id) payload = operations[next++];
    if (op.status === 'pending' && !payload) {
      throw new RangeError(`journal: pending operation ${op.id} has no payload`);
    }
    if (op.status !== 'pending') payload = undefined; // never sent again: not stored
    const lineItemId = op.kind === 'put-line-item' ? op.id : (op.lineItemId ?? '');
    // A pending line item's entry carries its payload: keyed apart from the plain one.
    const lineIndex =
      payload?.kind === 'put-line-item'
        ? line(lineItemId, `+${op.courseworkId}`, () => [
            op.courseworkId,
            lineItemId,
            payload.lineItem,
          ])
        : line(lineItemId, op.courseworkId, () => [op.courseworkId, lineItemId]);
    const { error } = op;
    const tuple: StoredOp = [
      KINDS.indexOf(op.kind),
      lineIndex,
      STATUSES.indexOf(op.status),
      op.attempts,
      outcomeOf(op.kind === 'delete-result' ? op.deleted : op.created),
      error ? failure(error.code, error.message, () => error) + 1 : 0,
    ];
    if (op.kind === 'put-line-item') return tuple;
    const key = op.studentKey ?? '';
    const sisId = op.sisStudentId ?? '';
    tuple.push(
      student(key, sisId, () => [key, sisId]),
      op.id,
    );
    if (op.kind === 'delete-result') return tuple;
    if (!op.written) throw new RangeError(`journal: result ${op.id} has no score`);
    tuple.push(op.written.score, SCORE_STATUSES.indexOf(op.written.scoreStatus));
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
  const at = <T>(table: readonly T[], index: number | undefined, what: string): T => {
    const value = index === undefined ? undefined : table[index];
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
    const op: JournalOp = { id: lineItemId, kind, courseworkId, status, attempts };
    if (outcome !== 0) op[kind === 'delete-result' ? 'deleted' : 'created'] = outcome === 1;
    if (failureCode !== 0) op.error = { ...at(failures, failureCode - 1, 'failure') };
    ops.push(op);
    const pending = status === 'pending';
    if (kind === 'put-line-item') {
      if (!pending) continue;
      if (!lineItem)
        throw new RangeError(`journal: pending line item ${lineItemId} has no payload`);
      operations.push({ kind, id: lineItemId, courseworkId, lineItem });
      continue;
    }
    const [, , , , , , studentIndex, id, score, statusIndex, payload] = tuple;
    const [studentKey, sisStudentId] = at(students, studentIndex, 'student');
    if (id === undefined) throw new RangeError(`journal: a ${kind} has no id`);
    Object.assign(op, { id, studentKey, lineItemId });
    if (kind === 'delete-result') {
      if (pending) operations.push({ kind, id, courseworkId, studentKey, lineItemId });
      continue;
    }
    if (score === undefined) throw new RangeError(`journal: result ${id} has no score`);
    const written = { score, scoreStatus: at(SCORE_STATUSES, statusIndex, 'score status') };
    Object.assign(op, { sisStudentId, written });
    if (!pending) continue;
    if (!payload && !resultFields) throw new RangeError(`journal: result ${id} has no payload`);
    const result =
      payload ?? rebuildResult(id, lineItemId, sisStudentId, written, resultFields as Shared);
    operations.push({ kind, id, courseworkId, studentKey, lineItemId, result });
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
