/**
 * Requests and replies of the teacher panel's messages (see PROTOCOL in protocol.ts). The panel
 * sends only ids, the page snapshot and the teacher's choices; the background re-reads from the
 * SIS everything it acts on (class titles, students, line items) and re-plans every export itself,
 * so nothing the page says is trusted beyond what the zod schemas and the sender check allow.
 */
import { z } from 'zod';
import { CourseSnapshotSchema } from '../classroom/model';

const NumericId = z.string().regex(/^\d{1,30}$/);
const SourcedId = z.string().trim().min(1).max(256);

export const CourseRequestSchema = z.object({ courseId: NumericId }).strict();

/** Why a teacher cannot link or export, when they cannot. */
export const PanelAccessSchema = z.object({
  connected: z.boolean(),
  exportAllowed: z.boolean(),
  /** The SIS product's display name, e.g. "Infinite Campus". */
  partnerName: z.string().optional(),
});

/** What the teacher decided in the preview; stored with the link so it sticks. */
export const ExportChoicesSchema = z
  .object({
    excludedCoursework: z.array(NumericId).max(2000),
    /** courseworkId → SIS category sourcedId. */
    categories: z.record(NumericId, SourcedId),
  })
  .strict();

export type ExportChoices = z.infer<typeof ExportChoicesSchema>;

/** A Classroom class's link to one SIS class (what the panel shows). */
export const ClassLinkViewSchema = z.object({
  sisClassId: SourcedId,
  title: z.string(),
  classCode: z.string().optional(),
  termTitles: z.array(z.string()),
  teacherEmail: z.string(),
  linkedAt: z.string(),
  /** The choices of the last preview, to start the next one from. */
  choices: ExportChoicesSchema.optional(),
});
export type ClassLinkView = z.infer<typeof ClassLinkViewSchema>;

export const ExportProgressSchema = z.object({
  phase: z.enum(['line-items', 'grades']),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  failed: z.number().int().min(0),
  retrying: z.number().int().min(0),
  concurrency: z.number().int().min(1),
});

export const ExportFailureViewSchema = z.object({
  kind: z.enum(['put-line-item', 'put-result', 'delete-result']),
  courseworkId: z.string(),
  studentKey: z.string().optional(),
  code: z.string(),
  message: z.string(),
});

export const ExportSummaryViewSchema = z.object({
  exportId: z.string(),
  state: z.enum(['completed', 'completed-with-errors', 'stopped', 'cancelled']),
  finishedAt: z.string(),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  deleted: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  /** At most the first 100 failures are kept; `failedCount` says how many there were. */
  failed: z.array(ExportFailureViewSchema),
  failedCount: z.number().int().min(0).optional(),
  pending: z.number().int().min(0),
  stopMessage: z.string().optional(),
});
export type ExportSummaryView = z.infer<typeof ExportSummaryViewSchema>;

export const PanelStateSchema = z.object({
  access: PanelAccessSchema,
  link: ClassLinkViewSchema.nullable(),
  export: z.object({
    running: z.boolean(),
    /** A journal left by a stopped worker or credentials failure: "resuming" / "resume". */
    resumable: z.boolean(),
    progress: ExportProgressSchema.optional(),
  }),
  /** Newest first, at most 20. */
  history: z.array(ExportSummaryViewSchema),
  /** Per coursework: when it was last exported successfully. */
  lastExported: z.record(z.string(), z.string()),
});
export type PanelState = z.infer<typeof PanelStateSchema>;

export const FindTeacherClassesRequestSchema = z
  .object({ courseId: NumericId, email: z.email().max(320) })
  .strict();

export const SisClassOptionSchema = z.object({
  sourcedId: SourcedId,
  title: z.string(),
  classCode: z.string().optional(),
  termTitles: z.array(z.string()),
});

export type SisClassOption = z.infer<typeof SisClassOptionSchema>;

export const TeacherClassesSchema = z.object({
  teacher: z.object({ sourcedId: SourcedId, name: z.string(), email: z.string() }),
  classes: z.array(SisClassOptionSchema),
});

export const LinkClassRequestSchema = z
  .object({
    courseId: NumericId,
    sisClassId: SourcedId,
    teacherSourcedId: SourcedId,
    teacherEmail: z.email().max(320),
  })
  .strict();

export const SnapshotRequestSchema = z
  .object({
    courseId: NumericId,
    snapshot: CourseSnapshotSchema,
    choices: ExportChoicesSchema,
  })
  .strict()
  .refine((r) => r.snapshot.course.courseId === r.courseId, {
    message: 'the snapshot is of another class',
    path: ['snapshot', 'course', 'courseId'],
  });

export type SnapshotRequest = z.infer<typeof SnapshotRequestSchema>;

export const StudentMatchRequestSchema = z
  .object({
    courseId: NumericId,
    studentKey: z.string().min(1).max(200),
    /** null: "this student has no SIS record" (never exported). */
    sisStudentId: SourcedId.nullable(),
  })
  .strict();

/** The link's manual matches after the change: student key → SIS student id, or null. */
export const StudentMatchesReplySchema = z.object({
  matches: z.record(z.string(), SourcedId.nullable()),
});

const GradePlanViewSchema = z.object({
  studentKey: z.string(),
  action: z.enum(['create', 'update', 'delete', 'unchanged', 'skip', 'none']),
  reason: z.enum(['draft', 'missing', 'unreadable', 'unmatched']).optional(),
  score: z.number().optional(),
  scoreStatus: z.enum(['fully graded', 'exempt']).optional(),
});

export const PreviewSchema = z.object({
  coursework: z.array(
    z.object({
      courseworkId: z.string(),
      title: z.string(),
      action: z.enum(['create', 'update', 'unchanged', 'skip']),
      reason: z
        .enum(['excluded', 'ungraded', 'unreadable', 'no-matched-students', 'no-category'])
        .optional(),
      categoryId: z.string().optional(),
      categorySource: z.enum(['teacher', 'matched', 'default', 'existing']).optional(),
      gradingPeriodTitle: z.string().optional(),
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
  operations: z.number().int().min(0),
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
      z.object({ sourcedId: z.string(), name: z.string(), email: z.string().optional() }),
    ),
  }),
});
export type Preview = z.infer<typeof PreviewSchema>;

export const StartExportReplySchema = z.object({
  exportId: z.string(),
  operations: z.number().int().min(0),
});

/** `cancelled: false` when no export of the class was running. */
export const CancelExportReplySchema = z.object({ cancelled: z.boolean() });
