/**
 * The journal of one export of one Classroom course: every operation of the plan, how far it
 * got, and the payloads of those still to send. Persisted in the background's storage while the
 * export runs, so a service worker that Chrome stopped mid-export can resume from here without
 * re-planning. Deleted once a finished export's outcome is in the class's export history
 * (lib/teacher/export-runner.ts).
 *
 * This module is the journal's model: the journal in memory, the codes it records, and the
 * stored format (its zod schemas and codec, format 1 still read). Saving and loading it is
 * journal-store.ts.
 */
import type { AuthErrorCode } from '../auth/authenticator';
import { ONEROSTER_ERROR_CODES } from '../oneroster/errors';
import {
  type LineItemToPut,
  type ResultToPut,
  SCORE_STATUSES,
  type ScoreStatus,
} from '../oneroster/schemas';
import { z } from '../zod';
import { type Operation, type OperationKind, type WrittenResult, writtenOf } from './plan-types';

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
  written?: WrittenScore;
}

/** What a put-result writes, as the journal and the class's history keep it. */
type WrittenScore = WrittenResult<ScoreStatus>;

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
    return { ...record, sisStudentId: op.result.student.sourcedId, written: writtenOf(op.result) };
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

/** True for states a later resume (lib/teacher/export-runner.ts) may continue. */
export function isUnfinished(state: JournalState): boolean {
  return state === 'running' || state === 'stopped' || state === 'cancelled';
}

/*
 * The stable codes an export records: per failed operation, and for a stopped export. They are
 * stored in the journal and sent to the panel, which words them (the stored `message` is the
 * text in the language of the moment of the export).
 */
const AUTH_CODES = [
  'token-rejected',
  'token-endpoint-invalid',
  'token-endpoint-status',
  'token-scope',
  'auth-config-invalid',
] as const satisfies readonly AuthErrorCode[];

/** Why one operation failed. */
export const EXPORT_FAILURE_CODES = [
  ...ONEROSTER_ERROR_CODES, // 'network' included: the auth layer's network code is the same
  ...AUTH_CODES,
  /** A grade not sent because its line item's PUT failed. */
  'line-item-failed',
  /** An error none of the layers typed (a bug): recorded on the item, never swallowed. */
  'unexpected-error',
] as const;
export type ExportFailureCode = (typeof EXPORT_FAILURE_CODES)[number];

/** Why the whole export stopped; its pending operations stay pending and can be resumed. */
export const EXPORT_STOP_CODES = [
  /** 401-class: bad credentials, clock skew, a rejected token, a vendor authorisation. */
  'credentials-rejected',
  /** The SIS is down or overloaded: many operations in a row gave up, or it asked us to come
   * back later than an operation may wait (a long Retry-After). */
  'sis-unavailable',
  /** The extension itself failed mid-export: nothing more was sent. */
  'extension-error',
  /** The admin disconnected the SIS: requests in flight were aborted, nothing more was sent. */
  'disconnected',
  /** The journal did not fit in the browser's storage (a quota error): nothing (more) was sent. */
  'journal-too-large',
  /** The browser no longer lets the extension reach the SIS (its host permission was taken back). */
  'host-permission-missing',
] as const;
export type ExportStopCode = (typeof EXPORT_STOP_CODES)[number];

/**
 * An abort reason that stops the export (recorded as stopped, with this code and text) rather
 * than cancelling it: passed to the run's signal by whoever stops it from outside, e.g. Disconnect.
 */
export class ExportStopRequest extends Error {
  override name = 'ExportStopRequest';
  constructor(
    readonly code: ExportStopCode,
    message: string,
  ) {
    super(message);
  }
}

/** A failure as the journal and summary keep it: a stable code plus user-facing text. */
export interface ExportFailureInfo {
  code: ExportFailureCode;
  message: string;
}

/** Stops that mean the journal could not be saved: the stored copy lags behind what was sent. */
export const JOURNAL_UNSAVED_STOPS: ReadonlySet<ExportStopCode> = new Set([
  'extension-error',
  'journal-too-large',
]);

/*
 * zod schemas of a stored journal, format 2 (below) and format 1 (the previous
 * version's, still read). Storage is a boundary like any other: an unknown format, a
 * half-written value or a hand edit must not reach the engine as if it were a plan.
 */
const id = z.string().check(z.minLength(1));
const ref = z.object({ sourcedId: id });
const status = z.optional(z.enum(['active', 'tobedeleted']));

const LineItemToPutSchema = z.object({
  sourcedId: id,
  title: z.string(),
  description: z.optional(z.string()),
  assignDate: z.string(),
  dueDate: z.string(),
  class: ref,
  school: z.optional(ref),
  category: z.optional(ref),
  gradingPeriod: z.optional(ref),
  resultValueMin: z.number(),
  resultValueMax: z.number(),
  status,
});

const ResultToPutSchema = z.object({
  sourcedId: id,
  lineItem: ref,
  student: ref,
  scoreStatus: z.enum(['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted']),
  score: z.optional(z.number()),
  scoreDate: z.string(),
  comment: z.optional(z.string()),
  late: z.optional(z.boolean()),
  missing: z.optional(z.boolean()),
  status,
});

const OperationSchema: z.ZodMiniType<Operation> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('put-line-item'),
    id,
    courseworkId: z.string(),
    lineItem: LineItemToPutSchema,
  }),
  z.object({
    kind: z.literal('put-result'),
    id,
    courseworkId: z.string(),
    studentKey: z.string(),
    lineItemId: id,
    result: ResultToPutSchema,
  }),
  z.object({
    kind: z.literal('delete-result'),
    id,
    courseworkId: z.string(),
    studentKey: z.string(),
    lineItemId: id,
  }),
]);

const FailureSchema = z.object({ code: z.enum(EXPORT_FAILURE_CODES), message: z.string() });

const JournalOpSchema = z.object({
  id,
  kind: z.enum(['put-line-item', 'put-result', 'delete-result']),
  courseworkId: z.string(),
  studentKey: z.optional(z.string()),
  status: z.enum(['pending', 'done', 'failed']),
  attempts: z.number().check(z.int(), z.nonnegative()),
  created: z.optional(z.boolean()),
  deleted: z.optional(z.boolean()),
  error: z.optional(FailureSchema),
});

const header = {
  exportId: id,
  courseId: id,
  sisClassId: id,
  startedAt: z.number(),
  updatedAt: z.number(),
  state: z.enum(['running', 'completed', 'completed-with-errors', 'stopped', 'cancelled']),
  stop: z.optional(z.object({ code: z.enum(EXPORT_STOP_CODES), message: z.string() })),
};

/** Enough of either format to say what state the export is in. */
export const JournalHeaderSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  state: header.state,
});

/** Format 1: its `ops` must match its `operations` one to one, in order. */
export const Format1JournalSchema: z.ZodMiniType<
  Omit<ExportJournal, 'ops'> & { version: 1; ops: JournalOp[] }
> = z
  .object({
    version: z.literal(1),
    ...header,
    ops: z.array(JournalOpSchema),
    operations: z.array(OperationSchema),
  })
  .check(
    z.refine(
      ({ ops, operations }) =>
        ops.length === operations.length &&
        ops.every((op, i) => op.id === operations[i]?.id && op.kind === operations[i]?.kind),
      { message: 'ops and operations do not match', path: ['ops'] },
    ),
  );

const index = z.number().check(z.int(), z.nonnegative());
const head = [
  index, // line item
  z.number().check(z.int(), z.gte(0), z.lte(2)), // status
  index, // attempts
  z.number().check(z.int(), z.gte(0), z.lte(2)), // outcome
  index, // failure
] as const;
const score = z.number().check(z.refine(Number.isFinite, 'expected a finite number'));

// One tuple shape for every kind (StoredOp): which fields a kind needs is checked when
// decoding, and a union of three shapes took several times as long over 20,000 operations.
const StoredOpSchema: z.ZodMiniType<StoredOp> = z.tuple([
  z.number().check(z.int(), z.gte(0), z.lte(2)), // kind
  ...head,
  z.optional(index), // student
  z.optional(id),
  z.optional(z.nullable(score)),
  z.optional(z.number().check(z.int(), z.gte(0), z.lt(SCORE_STATUSES.length * 4))),
  z.optional(ResultToPutSchema),
]);

/** Format 2 (StoredJournal); its references into the tables are checked when decoding. */
export const StoredJournalSchema: z.ZodMiniType<StoredJournal> = z.object({
  version: z.literal(2),
  ...header,
  lineItems: z.array(
    z.union([z.tuple([z.string(), id]), z.tuple([z.string(), id, LineItemToPutSchema])]),
  ),
  students: z.array(z.tuple([z.string(), z.string()])),
  resultFields: z.optional(z.object({ scoreDate: z.string(), comment: z.optional(z.string()) })),
  failures: z.array(FailureSchema),
  ops: z.array(StoredOpSchema),
});

/*
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
 * export itself has changed by then. Why not IndexedDB: see journal-store.ts.
 *
 * A format-1 journal is still read, and resumed; it is saved in format 2 at its next write.
 */
const KINDS = ['put-line-item', 'put-result', 'delete-result'] as const;
const STATUSES: readonly JournalOpStatus[] = ['pending', 'done', 'failed'];

/**
 * One operation: kind (0 put-line-item, 1 put-result, 2 delete-result), line item (index),
 * status (0 pending, 1 done, 2 failed), attempts, outcome (0 unknown, 1 true, 2 false: created
 * for a PUT, deleted for a DELETE), failure (0 none, n: failures[n - 1]); then for a result its
 * student (index) and id, and for a put-result its score (null: none, 1.2's submitted work),
 * score status with flags (index into SCORE_STATUSES, plus SCORE_STATUSES.length × (1 late + 2
 * missing): a journal from before the flags reads as flagless) and, only when the shared fields
 * cannot rebuild it, its whole payload. One tuple shape for every kind: a schema without a union
 * checks 20,000 of them quickly.
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
  score?: number | null,
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
  written: WrittenScore,
  shared: Shared,
): ResultToPut {
  const result: ResultToPut = {
    sourcedId: id,
    lineItem: { sourcedId: lineItemId },
    student: { sourcedId: sisStudentId },
    scoreStatus: written.scoreStatus,
    scoreDate: shared.scoreDate,
  };
  if (written.score !== undefined) result.score = written.score;
  if (shared.comment !== undefined) result.comment = shared.comment;
  if (written.late) result.late = true;
  if (written.missing) result.missing = true;
  return result;
}

/** The score-status slot: the status's index plus its flags (StoredOp). */
const statusCode = (written: WrittenScore) =>
  SCORE_STATUSES.indexOf(written.scoreStatus) +
  SCORE_STATUSES.length * ((written.late ? 1 : 0) + (written.missing ? 2 : 0));

function writtenFrom(score: number | null, code: number): WrittenScore {
  const flags = Math.floor(code / SCORE_STATUSES.length);
  const scoreStatus = SCORE_STATUSES[code % SCORE_STATUSES.length];
  if (scoreStatus === undefined) throw new RangeError(`journal: no score status #${code}`);
  return {
    ...(score === null ? {} : { score }),
    scoreStatus,
    ...(flags & 1 ? { late: true } : {}),
    ...(flags & 2 ? { missing: true } : {}),
  };
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
  // The fields rebuildResult sets besides the shared ones: the score and flags, when present.
  const own =
    (result.score === undefined ? 0 : 1) +
    (result.late === undefined ? 0 : 1) +
    (result.missing === undefined ? 0 : 1);
  return (
    definedKeys(result) === (shared.comment === undefined ? 5 : 6) + own &&
    (result.late === undefined || result.late) &&
    (result.missing === undefined || result.missing) &&
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
    tuple.push(op.written.score ?? null, statusCode(op.written));
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
    if (score === undefined || statusIndex === undefined) {
      throw new RangeError(`journal: result ${id} has no score`);
    }
    const written = writtenFrom(score, statusIndex);
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
      return {
        ...record,
        lineItemId: op.lineItemId,
        sisStudentId: op.result.student.sourcedId,
        written: writtenOf(op.result),
      };
    }),
    // A resume sends the pending ones only; finished ones are dropped at the next write.
    operations: operations.filter((_op, i) => ops[i]?.status === 'pending'),
  };
}
