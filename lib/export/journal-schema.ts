/**
 * zod schemas of a stored journal, format 2 (journal-codec.ts) and format 1 (the previous
 * version's, still read). Storage is a boundary like any other: an unknown format, a
 * half-written value or a hand edit must not reach the engine as if it were a plan.
 */
import { SCORE_STATUSES } from '../oneroster/schemas';
import { z } from '../zod';
import type { ExportJournal, JournalOp } from './journal';
import type { StoredJournal, StoredOp } from './journal-codec';
import type { Operation } from './operations';
import { EXPORT_FAILURE_CODES, EXPORT_STOP_CODES } from './run-codes';

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
  score: z.number(),
  scoreDate: z.string(),
  comment: z.optional(z.string()),
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

// One tuple shape for every kind (journal-codec.ts): which fields a kind needs is checked when
// decoding, and a union of three shapes took several times as long over 20,000 operations.
const StoredOpSchema: z.ZodMiniType<StoredOp> = z.tuple([
  z.number().check(z.int(), z.gte(0), z.lte(2)), // kind
  ...head,
  z.optional(index), // student
  z.optional(id),
  z.optional(score),
  z.optional(z.number().check(z.int(), z.gte(0), z.lt(SCORE_STATUSES.length))),
  z.optional(ResultToPutSchema),
]);

/** Format 2 (journal-codec.ts); its references into the tables are checked when decoding. */
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
