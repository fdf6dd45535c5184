/**
 * The `CourseSnapshot`: what the teacher sees in Classroom, read from the page and validated, for
 * the panel and the export planner (lib/export). Every id is the numeric Classroom (API) id.
 */
import { z } from 'zod';

const NumericId = z.string().regex(/^\d{1,30}$/);

/** The state of one Grades-page cell; exactly one per cell. */
export const GradeStateSchema = z.enum([
  /** A returned (assigned) grade: the score the student sees. */
  'returned',
  /** A draft grade, not yet returned; `score` when the cell shows one. */
  'draft',
  /** Marked missing; may carry a (usually draft, default 0) score. */
  'missing',
  /** Excused by the teacher; counts for nothing (OneRoster "exempt"). */
  'excused',
  /** Turned in / done (possibly late, see `late`), no grade yet. */
  'turned-in',
  /** Assigned, not turned in, no grade. */
  'assigned',
  /** The cell shows nothing. */
  'empty',
  /** Text the parser does not understand: shown to the teacher with `raw`, never exported. */
  'unreadable',
]);
export type GradeState = z.infer<typeof GradeStateSchema>;

/** A due date as the page shows it; the year is absent when the page leaves it out. */
export const DueDateSchema = z
  .object({
    year: z.number().int().min(1970).max(2200).optional(),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  })
  .strict();
export type DueDate = z.infer<typeof DueDateSchema>;

export const CourseworkSchema = z
  .object({
    id: NumericId,
    /** The id as in Classroom links (base64 of `id`), to link back to the item. */
    urlId: z.string().regex(/^[A-Za-z0-9_-]+$/),
    title: z.string().min(1),
    /** Maximum points; null for ungraded coursework (not exported). */
    maxPoints: z.number().positive().finite().nullable(),
    dueDate: DueDateSchema.optional(),
    /** The grade category name, when the page shows one. */
    category: z.string().min(1).optional(),
  })
  .strict();
export type Coursework = z.infer<typeof CourseworkSchema>;

export const StudentSchema = z
  .object({
    /** Stable within the course: `id:<student id from the student's work link>`. */
    key: z.string().min(1),
    name: z.string().min(1),
    /** From the People page, when it shows one; the SIS matches students by email. */
    email: z.email().optional(),
  })
  .strict();
export type Student = z.infer<typeof StudentSchema>;

export const GradeSchema = z
  .object({
    courseworkId: NumericId,
    studentKey: z.string().min(1),
    state: GradeStateSchema,
    /** Points, decimal, ≥ 0; may exceed maxPoints (extra credit). */
    score: z.number().nonnegative().finite().optional(),
    /** The score is a draft (state `draft`, or a `missing` cell's default grade). */
    draft: z.boolean(),
    late: z.boolean(),
    /** The cell's visible text, for display and diagnosis. */
    raw: z.string(),
  })
  .strict()
  .refine((g) => g.state !== 'returned' || (g.score !== undefined && !g.draft), {
    message: 'a returned grade has a score and is not a draft',
  })
  .refine((g) => g.state !== 'draft' || g.draft, { message: 'a draft grade is marked draft' })
  .refine((g) => !['unreadable', 'empty', 'assigned'].includes(g.state) || g.score === undefined, {
    message: 'only graded states carry a score',
  });
export type Grade = z.infer<typeof GradeSchema>;

export const CourseSnapshotSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** When the page was read (ISO 8601). */
    readAt: z.iso.datetime(),
    course: z
      .object({
        courseId: NumericId,
        urlCourseId: z.string().regex(/^[A-Za-z0-9_-]+$/),
        /** The `/u/<n>/` account index the page was opened under. */
        accountIndex: z.number().int().min(0),
        name: z.string().min(1),
        section: z.string().min(1).optional(),
      })
      .strict(),
    /** The signed-in account's email: the teacher to find in the SIS. */
    teacherEmail: z.email().optional(),
    /**
     * What has been read. `gradebook`: coursework, students and grades come from a Grades page
     * (without it, empty lists mean "not read", not "none"). `roster`: emails from the People page.
     */
    coverage: z.object({ gradebook: z.boolean(), roster: z.boolean() }).strict(),
    /** In page (column) order. */
    coursework: z.array(CourseworkSchema),
    /** In page (row) order. */
    students: z.array(StudentSchema),
    /** One per cell present on the page; a cell that was not rendered has no entry. */
    grades: z.array(GradeSchema),
  })
  .strict()
  .superRefine(checkReferences);
export type CourseSnapshot = z.infer<typeof CourseSnapshotSchema>;

type SnapshotShape = Pick<CourseSnapshot, 'coursework' | 'students' | 'grades'>;

/** Ids are unique and every grade points at a known coursework item and student, once. */
function checkReferences(snapshot: SnapshotShape, ctx: z.RefinementCtx): void {
  const coursework = new Set(snapshot.coursework.map((item) => item.id));
  const students = new Set(snapshot.students.map((student) => student.key));
  if (coursework.size !== snapshot.coursework.length) {
    ctx.addIssue({ code: 'custom', path: ['coursework'], message: 'duplicate coursework id' });
  }
  if (students.size !== snapshot.students.length) {
    ctx.addIssue({ code: 'custom', path: ['students'], message: 'duplicate student key' });
  }
  const cells = new Set<string>();
  snapshot.grades.forEach((grade, index) => {
    const cell = `${grade.courseworkId}\u0000${grade.studentKey}`;
    if (!coursework.has(grade.courseworkId) || !students.has(grade.studentKey) || cells.has(cell)) {
      ctx.addIssue({
        code: 'custom',
        path: ['grades', index],
        message: 'unknown or repeated cell',
      });
    }
    cells.add(cell);
  });
}
