/**
 * The OneRoster entities the product reads and writes, as zod schemas that read both 1.1 and 1.2
 * answers: the building blocks they share, then the rostering entities, then the gradebook
 * entities. Lenient where vendors and versions differ (nulls, relative hrefs, loose dates, `role`
 * vs `roles[]`, flags as strings or booleans), strict where a wrong value would corrupt an export
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

/** One of a 1.2 user's roles (RoleDType): what the user is, at which org. */
const UserRoleSchema = z.object({
  roleType: optional(z.string()),
  role: z.string(),
  org: optional(GuidRefSchema),
  userProfile: optional(z.string()),
});

/**
 * A teacher or student (User.Type in 1.1, UserDType in 1.2). Matching to Classroom uses `email`.
 * 1.1 has one `role` and `orgs[]`; 1.2 has `roles[]` and `primaryOrg` (read both with
 * {@link userRoles}).
 */
export const UserSchema = z.object({
  ...baseFields,
  username: optional(z.string()),
  givenName: optional(z.string()),
  familyName: optional(z.string()),
  middleName: optional(z.string()),
  role: optional(z.string()),
  roles: optional(z.array(UserRoleSchema)),
  primaryOrg: optional(GuidRefSchema),
  identifier: optional(z.string()),
  email: optional(z.string()),
  // Booleans arrive as "true"/"false" strings from some servers (and always in 1.2).
  enabledUser: optional(z.union([z.boolean(), z.string()])),
  userIds: optional(z.array(z.object({ type: optional(z.string()), identifier: z.string() }))),
  orgs: GuidRefListSchema,
  grades: optional(z.array(z.string())),
});
export type User = z.infer<typeof UserSchema>;

/** A user's roles in either version: 1.2's `roles[].role`, else 1.1's single `role`. */
export function userRoles(user: User): string[] {
  if (user.roles && user.roles.length > 0) return [...new Set(user.roles.map((r) => r.role))];
  return user.role ? [user.role] : [];
}

/**
 * The id the user had before the SIS re-keyed its users for 1.2: Infinite Campus keeps it in
 * `metadata.ic.legacysourceId` (oneroster-1.2.md I3); undefined when the SIS gives none.
 */
export function legacySourceId(user: User): string | undefined {
  const ic = user.metadata?.ic;
  if (typeof ic !== 'object' || ic === null) return undefined;
  const id = (ic as Record<string, unknown>).legacysourceId;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

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
// five OneRoster values (or, read from a 1.2 server, an `ext:` extension); everything
// descriptive is lenient.

/** The OneRoster scoreStatus values, spaces included. Classroom "excused" maps to exempt. */
export const SCORE_STATUSES = [
  'exempt',
  'fully graded',
  'not submitted',
  'partially graded',
  'submitted',
] as const;
const ScoreStatusSchema = z.enum(SCORE_STATUSES);
export type ScoreStatus = z.infer<typeof ScoreStatusSchema>;

/** A 1.2 vendor extension of the scoreStatus vocabulary (ResultDType's `(ext:)…` pattern). */
export type ExtensionScoreStatus = `ext:${string}`;
const ExtensionScoreStatusSchema = z.pipe(
  z.string().check(z.regex(/^ext:[a-zA-Z0-9.\-_]+$/, 'Expected a OneRoster scoreStatus')),
  z.transform((value) => value as ExtensionScoreStatus),
);

/**
 * A 1.2 result flag (`late`, `missing`, `inProgress`, `incomplete`): the strings "true"/"false"
 * per the spec, booleans from lenient servers; read as a boolean, anything else as absent.
 */
const FlagSchema = preprocess((value) => {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}, z.optional(z.boolean()));

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
  /** 1.2 only: the class's school. */
  school: optional(GuidRefSchema),
  category: optional(GuidRefSchema),
  gradingPeriod: optional(GuidRefSchema),
  /** 1.2 only: the session the line item belongs to. */
  academicSession: optional(GuidRefSchema),
  resultValueMin: optional(FiniteNumberSchema),
  resultValueMax: optional(FiniteNumberSchema),
});
export type LineItem = z.infer<typeof LineItemSchema>;

/**
 * One student's grade on one line item (Result.Type / 1.2 ResultDType). 1.1 always has a score;
 * 1.2 may leave it out (submitted, not graded) and adds `textScore` and four flags.
 */
export const ResultSchema = z.object({
  ...baseFields,
  lineItem: GuidRefSchema,
  student: GuidRefSchema,
  scoreStatus: z.union([ScoreStatusSchema, ExtensionScoreStatusSchema]),
  score: optional(FiniteNumberSchema),
  textScore: optional(z.string()),
  scoreDate: optional(DateOrDateTimeSchema),
  comment: optional(z.string()),
  late: FlagSchema,
  missing: FlagSchema,
  inProgress: FlagSchema,
  incomplete: FlagSchema,
});
/** A result as read: `score` may be absent (1.2). */
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
