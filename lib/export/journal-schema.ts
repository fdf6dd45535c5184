/**
 * zod schema of a stored journal. Storage is a boundary like any other: an older format, a
 * half-written value or a hand edit must not reach the engine as if it were a plan.
 */
import { z } from '../zod';
import type { ExportJournal } from './journal';
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

/** A stored journal; its `ops` must match its `operations` one to one, in order. */
export const ExportJournalSchema: z.ZodMiniType<ExportJournal> = z
  .object({
    version: z.literal(1),
    exportId: id,
    courseId: id,
    sisClassId: id,
    startedAt: z.number(),
    updatedAt: z.number(),
    state: z.enum(['running', 'completed', 'completed-with-errors', 'stopped', 'cancelled']),
    stop: z.optional(z.object({ code: z.enum(EXPORT_STOP_CODES), message: z.string() })),
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
