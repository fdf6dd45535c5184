/**
 * Requests and replies of the teacher panel's messages (see PROTOCOL in protocol.ts). The panel
 * sends only ids, the page snapshot and the teacher's choices; the background re-reads from the
 * SIS everything it acts on (class titles, students, line items) and re-plans every export itself,
 * so nothing the page says is trusted beyond what the zod schemas and the sender check allow.
 */
import { CourseSnapshotSchema, NumericIdSchema } from '../classroom/model';
import { z } from '../zod';

const SourcedId = z.string().check(z.trim(), z.minLength(1), z.maxLength(256));
/** A whole number ≥ 0 (counts); `Positive` is ≥ 1. */
const Count = z.number().check(z.int(), z.gte(0));
const Positive = z.number().check(z.int(), z.gte(1));
const Email = z.email().check(z.maxLength(320));

export const CourseRequestSchema = z.strictObject({ courseId: NumericIdSchema });

/** Why a teacher cannot link or export, when they cannot. */
export const PanelAccessSchema = z.object({
  connected: z.boolean(),
  exportAllowed: z.boolean(),
  /** The SIS product's display name, e.g. "Infinite Campus". */
  partnerName: z.optional(z.string()),
  /**
   * What this browser still has to do before teachers can work, done by Authorize on the options
   * page (which anyone may open): 'authorize' — the district policy sets the whole connection,
   * but it was not authorized on this browser yet or has changed since; 'host-access' —
   * connected, but the browser's access to the SIS's address was taken back (Chrome's site
   * access menu). Absent when nothing is to do here.
   */
  setup: z.optional(z.enum(['authorize', 'host-access'])),
  /** Present (true) when the admin lets teachers choose another SIS teacher than themselves. */
  teacherOverrideAllowed: z.optional(z.boolean()),
});
export type PanelAccess = z.infer<typeof PanelAccessSchema>;

/** What the teacher decided in the preview; stored with the link so it sticks. */
export const ExportChoicesSchema = z.strictObject({
  excludedCoursework: z.array(NumericIdSchema).check(z.maxLength(2000)),
  /** courseworkId → SIS category sourcedId. */
  categories: z.record(NumericIdSchema, SourcedId),
});

export type ExportChoices = z.infer<typeof ExportChoicesSchema>;

/** A Classroom class's link to one SIS class (what the panel shows). */
export const ClassLinkViewSchema = z.object({
  sisClassId: SourcedId,
  title: z.string(),
  classCode: z.optional(z.string()),
  termTitles: z.array(z.string()),
  teacherEmail: z.string(),
  linkedAt: z.string(),
  /** The choices of the last preview, to start the next one from. */
  choices: z.optional(ExportChoicesSchema),
});
export type ClassLinkView = z.infer<typeof ClassLinkViewSchema>;

export const ExportProgressSchema = z.object({
  phase: z.enum(['line-items', 'grades']),
  done: Count,
  total: Count,
  failed: Count,
  retrying: Count,
  concurrency: Positive,
});

export const ExportFailureViewSchema = z.object({
  kind: z.enum(['put-line-item', 'put-result', 'delete-result']),
  courseworkId: z.string(),
  studentKey: z.optional(z.string()),
  code: z.string(),
  message: z.string(),
});

/** An export for another SIS teacher than the signed-in account (lib/teacher/teacher-identity.ts). */
export const TeacherOverrideSchema = z.object({
  /** The signed-in account; empty when the page did not show it. */
  account: z.string().check(z.maxLength(320)),
  sisTeacher: z.string().check(z.maxLength(320)),
});

export const ExportSummaryViewSchema = z.object({
  exportId: z.string(),
  state: z.enum(['completed', 'completed-with-errors', 'stopped', 'cancelled']),
  finishedAt: z.string(),
  created: Count,
  updated: Count,
  deleted: Count,
  unchanged: Count,
  /** At most the first 100 failures are kept; `failedCount` says how many there were. */
  failed: z.array(ExportFailureViewSchema),
  failedCount: z.optional(Count),
  pending: Count,
  stopMessage: z.optional(z.string()),
  /** Made for an SIS teacher other than the signed-in account (the admin allows it). */
  override: z.optional(TeacherOverrideSchema),
});
export type ExportSummaryView = z.infer<typeof ExportSummaryViewSchema>;

export const PanelStateSchema = z.object({
  access: PanelAccessSchema,
  link: z.nullable(ClassLinkViewSchema),
  export: z.object({
    running: z.boolean(),
    /** An unfinished export in storage, not running here: stopped, cancelled or cut off. */
    resumable: z.boolean(),
    /**
     * Of those, one a stopped service worker cut off that this worker is about to resume (its
     * start-up resume has not decided yet): the panel shows it as resuming and keeps asking. Once
     * decided it is running, or (not linked to that SIS class, or exporting not allowed) it
     * waits for the teacher like a stopped or cancelled one.
     */
    resuming: z.boolean(),
    progress: z.optional(ExportProgressSchema),
  }),
  /** Newest first, at most 20. */
  history: z.array(ExportSummaryViewSchema),
  /** Per coursework: when it was last exported successfully. */
  lastExported: z.record(z.string(), z.string()),
});
export type PanelState = z.infer<typeof PanelStateSchema>;

/** `accountEmail`: the signed-in account as the page shows it, when it does. */
export const FindTeacherClassesRequestSchema = z.strictObject({
  courseId: NumericIdSchema,
  email: Email,
  accountEmail: z.optional(Email),
});

export const SisClassOptionSchema = z.object({
  sourcedId: SourcedId,
  title: z.string(),
  classCode: z.optional(z.string()),
  termTitles: z.array(z.string()),
});

export type SisClassOption = z.infer<typeof SisClassOptionSchema>;

export const TeacherClassesSchema = z.object({
  teacher: z.object({ sourcedId: SourcedId, name: z.string(), email: z.string() }),
  classes: z.array(SisClassOptionSchema),
});

export const LinkClassRequestSchema = z.strictObject({
  courseId: NumericIdSchema,
  sisClassId: SourcedId,
  teacherSourcedId: SourcedId,
  teacherEmail: Email,
  accountEmail: z.optional(Email),
});

export const SnapshotRequestSchema = z
  .strictObject({
    courseId: NumericIdSchema,
    snapshot: CourseSnapshotSchema,
    choices: ExportChoicesSchema,
  })
  .check(
    z.refine((r) => r.snapshot.course.courseId === r.courseId, {
      message: 'the snapshot is of another class',
      path: ['snapshot', 'course', 'courseId'],
    }),
  );

export type SnapshotRequest = z.infer<typeof SnapshotRequestSchema>;

const StudentKey = z.string().check(z.minLength(1), z.maxLength(200));

export const StudentMatchRequestSchema = z.strictObject({
  courseId: NumericIdSchema,
  studentKey: StudentKey,
  /** null: "this student has no SIS record" (never exported). */
  sisStudentId: z.nullable(SourcedId),
  accountEmail: z.optional(Email),
});

export const StudentKeyRequestSchema = z.strictObject({
  courseId: NumericIdSchema,
  studentKey: StudentKey,
  accountEmail: z.optional(Email),
});

/** The link's manual matches after the change: student key → SIS student id, or null. */
export const StudentMatchesReplySchema = z.object({
  matches: z.record(z.string(), z.nullable(SourcedId)),
});

const GradePlanViewSchema = z.object({
  studentKey: z.string(),
  action: z.enum(['create', 'update', 'delete', 'unchanged', 'skip', 'none']),
  reason: z.optional(z.enum(['draft', 'missing', 'unreadable', 'unmatched'])),
  score: z.optional(z.number()),
  scoreStatus: z.optional(z.enum(['fully graded', 'exempt'])),
});

export const PreviewSchema = z.object({
  coursework: z.array(
    z.object({
      courseworkId: z.string(),
      title: z.string(),
      action: z.enum(['create', 'update', 'unchanged', 'skip']),
      reason: z.optional(
        z.enum(['excluded', 'ungraded', 'unreadable', 'no-matched-students', 'no-category']),
      ),
      categoryId: z.optional(z.string()),
      categorySource: z.optional(z.enum(['teacher', 'matched', 'default', 'existing'])),
      gradingPeriodTitle: z.optional(z.string()),
      dueDateDefaulted: z.boolean(),
      titleCut: z.boolean(),
      grades: z.array(GradePlanViewSchema),
    }),
  ),
  totals: z.object({
    lineItems: z.record(z.string(), z.number()),
    results: z.record(z.string(), z.number()),
  }),
  /** Writes the export would send. */
  operations: Count,
  categories: z.array(z.object({ sourcedId: z.string(), title: z.string() })),
  students: z.object({
    matched: z.array(
      z.object({
        key: z.string(),
        sisStudentId: z.string(),
        by: z.enum(['manual', 'email', 'name']),
      }),
    ),
    unmatched: z.array(
      z.object({
        key: z.string(),
        reason: z.enum(['no-match', 'ambiguous', 'excluded']),
        candidates: z.array(z.string()),
      }),
    ),
    /** The linked SIS class's students, for picking a match by hand. */
    sisStudents: z.array(
      z.object({ sourcedId: z.string(), name: z.string(), email: z.optional(z.string()) }),
    ),
  }),
});
export type Preview = z.infer<typeof PreviewSchema>;

export const StartExportReplySchema = z.object({
  exportId: z.string(),
  operations: Count,
});

/** Opening the options page has nothing to report. */
export const OpenSettingsReplySchema = z.object({});

/** `cancelled: false` when no export of the class was running. */
export const CancelExportReplySchema = z.object({ cancelled: z.boolean() });
