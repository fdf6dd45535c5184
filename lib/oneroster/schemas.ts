/**
 * The OneRoster 1.1 entities the product reads and writes, as zod schemas: the building blocks
 * they share, then the rostering entities, then the gradebook entities. Lenient where vendors
 * differ (nulls, relative hrefs, loose dates), strict where a wrong value would corrupt an export
 * (ids, numbers).
 */
import { z } from '../zod';

/**
 * An optional field that also accepts `null`, read as absent. Aeries returns `null` for unset
 * `identifier`, `parent` and `metadata` instead of leaving them out (research §G).
 */
export function optional<T extends z.ZodMiniType>(schema: T) {
  return preprocess((value) => (value === null ? undefined : value), z.optional(schema));
}

/** Classic zod's `z.preprocess`: `fn` rewrites the raw input before `schema` checks it. */
function preprocess<T extends z.ZodMiniType>(fn: (value: unknown) => unknown, schema: T) {
  return z.pipe(z.transform<unknown, unknown>(fn), schema);
}

/** The identity of every entity; empty ids would address collections instead of entities. */
const SourcedIdSchema = z.string().check(z.trim(), z.minLength(1));

/**
 * A reference to another entity. The IMS schema requires href and type, but Google's own client
 * sends `{sourcedId}` only and Aeries sends relative `~/ims/oneroster/v1p1/...` hrefs, so only
 * the sourcedId is required and href is any string.
 */
export const GuidRefSchema = z.object({
  sourcedId: SourcedIdSchema,
  href: optional(z.string()),
  type: optional(z.string()),
});

/** A list of references; a missing or null list reads as empty. */
const GuidRefListSchema = preprocess((value) => value ?? [], z.array(GuidRefSchema));

// `YYYY-MM-DD`, optionally followed by a time (T or space) and zone; precise enough to reject
// garbage, loose enough for every vendor's date-time flavour.
const DATE_OR_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** A date or date-time string (`scoreDate`: the spec says date, Google sends date-time). */
const DateOrDateTimeSchema = z.string().check(z.regex(DATE_OR_DATE_TIME, 'Expected a date'));

/** A finite number; NaN and Infinity cannot be graded. */
// zod 4 numbers already reject NaN and ±Infinity.
const FiniteNumberSchema = z.number();

/**
 * Fields every entity has (Base.Type). Only sourcedId is enforced: `status` and
 * `dateLastModified` are informational here and vary by vendor; `metadata` is free-form.
 */
const baseFields = {
  sourcedId: SourcedIdSchema,
  status: optional(z.string()),
  dateLastModified: optional(z.string()),
  metadata: optional(z.record(z.string(), z.unknown())),
};

// Rostering entities the product reads: users (teachers, students), classes, academic sessions
// (terms, grading periods, school years) and orgs. Unknown extra fields are stripped, not failed.

/** A teacher or student (User.Type). Matching to Classroom uses `email`. */
export const UserSchema = z.object({
  ...baseFields,
  username: optional(z.string()),
  givenName: optional(z.string()),
  familyName: optional(z.string()),
  middleName: optional(z.string()),
  role: optional(z.string()),
  identifier: optional(z.string()),
  email: optional(z.string()),
  // Booleans arrive as "true"/"false" strings from some servers.
  enabledUser: optional(z.union([z.boolean(), z.string()])),
  userIds: optional(z.array(z.object({ type: optional(z.string()), identifier: z.string() }))),
  orgs: GuidRefListSchema,
  grades: optional(z.array(z.string())),
});
export type User = z.infer<typeof UserSchema>;

/** A class (section) a teacher teaches; `terms` leads to its grading periods. */
export const ClassSchema = z.object({
  ...baseFields,
  title: optional(z.string()),
  classCode: optional(z.string()),
  classType: optional(z.string()),
  location: optional(z.string()),
  grades: optional(z.array(z.string())),
  subjects: optional(z.array(z.string())),
  course: optional(GuidRefSchema),
  school: optional(GuidRefSchema),
  terms: GuidRefListSchema,
  // The IMS schema says string; several servers send an array of period names.
  periods: optional(z.union([z.string(), z.array(z.string())])),
});
export type OneRosterClass = z.infer<typeof ClassSchema>;

/** A term, semester, school year or grading period (AcademicSession.Type). */
export const AcademicSessionSchema = z.object({
  ...baseFields,
  title: optional(z.string()),
  type: optional(z.string()),
  startDate: optional(z.string()),
  endDate: optional(z.string()),
  parent: optional(GuidRefSchema),
  children: GuidRefListSchema,
  // "2024" per spec; some servers send the number.
  schoolYear: optional(z.pipe(z.union([z.string(), z.number()]), z.transform(String))),
});
export type AcademicSession = z.infer<typeof AcademicSessionSchema>;

/** A district, school or other organisation (Org.Type). */
export const OrgSchema = z.object({
  ...baseFields,
  name: optional(z.string()),
  type: optional(z.string()),
  identifier: optional(z.string()),
  parent: optional(GuidRefSchema),
  children: GuidRefListSchema,
});
export type Org = z.infer<typeof OrgSchema>;

// Gradebook entities: categories, line items (coursework columns) and results (grades).
// Strict on what an export depends on: scores are finite numbers and scoreStatus is one of the
// five OneRoster 1.1 values (IMS OpenAPI Result.Type); everything descriptive is lenient.

/** The OneRoster 1.1 scoreStatus values, spaces included. Classroom "excused" maps to exempt. */
export const SCORE_STATUSES = [
  'exempt',
  'fully graded',
  'not submitted',
  'partially graded',
  'submitted',
] as const;
const ScoreStatusSchema = z.enum(SCORE_STATUSES);
export type ScoreStatus = z.infer<typeof ScoreStatusSchema>;

/** A grading category (Category.Type); `metadata.classId` marks a class-specific one (Canvas). */
export const CategorySchema = z.object({
  ...baseFields,
  title: optional(z.string()),
});
export type Category = z.infer<typeof CategorySchema>;

/** A gradebook column (LineItem.Type). */
export const LineItemSchema = z.object({
  ...baseFields,
  title: optional(z.string()),
  description: optional(z.string()),
  assignDate: optional(z.string()),
  dueDate: optional(z.string()),
  class: GuidRefSchema,
  category: optional(GuidRefSchema),
  gradingPeriod: optional(GuidRefSchema),
  resultValueMin: optional(FiniteNumberSchema),
  resultValueMax: optional(FiniteNumberSchema),
});
export type LineItem = z.infer<typeof LineItemSchema>;

/** One student's grade on one line item (Result.Type). */
export const ResultSchema = z.object({
  ...baseFields,
  lineItem: GuidRefSchema,
  student: GuidRefSchema,
  scoreStatus: ScoreStatusSchema,
  score: FiniteNumberSchema,
  scoreDate: optional(DateOrDateTimeSchema),
  comment: optional(z.string()),
});
export type Result = z.infer<typeof ResultSchema>;

/** A reference as the planner gives it; the version's codec (codec.ts) decides its wire form. */
export interface RefToSend {
  sourcedId: string;
}

/**
 * A line item to PUT, version-neutral: the planner's output, turned into a 1.1 or 1.2 body by the
 * connection's codec. Dates are full ISO-8601 UTC with milliseconds (`Date#toISOString`).
 * `sourcedId` is chosen by the client and becomes the URL id.
 */
export interface LineItemToPut {
  sourcedId: string;
  title: string;
  description?: string;
  assignDate: string;
  dueDate: string;
  class: RefToSend;
  /** The class's school (rostering `class.school`): required by 1.2, not sent by 1.1. */
  school?: RefToSend;
  category?: RefToSend;
  gradingPeriod?: RefToSend;
  resultValueMin: number;
  resultValueMax: number;
  status?: 'active' | 'tobedeleted';
}

/**
 * A result to PUT, version-neutral. A score above resultValueMax (extra credit) is sent as is.
 * `score` may be absent only where the version allows it (1.2: submitted, not yet graded work);
 * `late`/`missing` become 1.2's string flags and are not sent to 1.1. `scoreDate` is the export's
 * instant (ISO date-time); the codec writes it as the version and connection want.
 */
export interface ResultToPut {
  sourcedId: string;
  lineItem: RefToSend;
  student: RefToSend;
  scoreStatus: ScoreStatus;
  score?: number;
  scoreDate: string;
  comment?: string;
  late?: boolean;
  missing?: boolean;
  status?: 'active' | 'tobedeleted';
}
