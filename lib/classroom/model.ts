/**
 * The `CourseSnapshot`: what the teacher sees in Classroom, read from the page and validated, for
 * the panel and the export planner (lib/export). Every id is the numeric Classroom (API) id.
 */
import { isoDateTime, z } from '../zod';

/** A numeric Classroom (API) id, as page detection decodes it from the URL. */
export const NumericIdSchema = z.string().check(z.regex(/^\d{1,30}$/));

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
export const DueDateSchema = z.strictObject({
  year: z.optional(z.number().check(z.int(), z.gte(1970), z.lte(2200))),
  month: z.number().check(z.int(), z.gte(1), z.lte(12)),
  day: z.number().check(z.int(), z.gte(1), z.lte(31)),
});
export type DueDate = z.infer<typeof DueDateSchema>;

export const CourseworkSchema = z.strictObject({
  id: NumericIdSchema,
  /** The id as in Classroom links (base64 of `id`), to link back to the item. */
  urlId: z.string().check(z.regex(/^[A-Za-z0-9_-]+$/)),
  title: z.string().check(z.minLength(1)),
  /** Maximum points; null for ungraded coursework (not exported). zod numbers are finite. */
  maxPoints: z.nullable(z.number().check(z.gt(0))),
  dueDate: z.optional(DueDateSchema),
  /** The grade category name, when the page shows one. */
  category: z.optional(z.string().check(z.minLength(1))),
});
export type Coursework = z.infer<typeof CourseworkSchema>;

export const StudentSchema = z.strictObject({
  /** Stable within the course: `id:<student id from the student's work link>`. */
  key: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  /** From the People page, when it shows one; the SIS matches students by email. */
  email: z.optional(z.email()),
});
export type Student = z.infer<typeof StudentSchema>;

/**
 * The per-course student key. Classroom's student links carry the student's id (selectors.ts
 * contract 5), which survives renames and tells apart two students with the same name, so the
 * key is built from it alone.
 */
export function studentKey(studentId: string): string {
  return `id:${studentId}`;
}

export const GradeSchema = z
  .strictObject({
    courseworkId: NumericIdSchema,
    studentKey: z.string().check(z.minLength(1)),
    state: GradeStateSchema,
    /** Points, decimal, ≥ 0 (zod numbers are finite); may exceed maxPoints (extra credit). */
    score: z.optional(z.number().check(z.nonnegative())),
    /** The score is a draft (state `draft`, or a `missing` cell's default grade). */
    draft: z.boolean(),
    late: z.boolean(),
    /** The cell's visible text, for display and diagnosis. */
    raw: z.string(),
  })
  .check(
    z.refine((g) => g.state !== 'returned' || (g.score !== undefined && !g.draft), {
      message: 'a returned grade has a score and is not a draft',
    }),
    z.refine((g) => g.state !== 'draft' || g.draft, { message: 'a draft grade is marked draft' }),
    z.refine(
      (g) => !['unreadable', 'empty', 'assigned'].includes(g.state) || g.score === undefined,
      { message: 'only graded states carry a score' },
    ),
  );
export type Grade = z.infer<typeof GradeSchema>;

export const CourseSnapshotSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    /** When the page was read (ISO 8601). */
    readAt: isoDateTime(),
    course: z.strictObject({
      courseId: NumericIdSchema,
      urlCourseId: z.string().check(z.regex(/^[A-Za-z0-9_-]+$/)),
      /** The `/u/<n>/` account index the page was opened under. */
      accountIndex: z.number().check(z.int(), z.gte(0)),
      name: z.string().check(z.minLength(1)),
      section: z.optional(z.string().check(z.minLength(1))),
    }),
    /** The signed-in account's email: the teacher to find in the SIS. */
    teacherEmail: z.optional(z.email()),
    /**
     * What has been read. `gradebook`: coursework, students and grades come from a Grades page
     * (without it, empty lists mean "not read", not "none"). `roster`: emails from the People page.
     */
    coverage: z.strictObject({ gradebook: z.boolean(), roster: z.boolean() }),
    /** In page (column) order. */
    coursework: z.array(CourseworkSchema),
    /** In page (row) order. */
    students: z.array(StudentSchema),
    /** One per cell present on the page; a cell that was not rendered has no entry. */
    grades: z.array(GradeSchema),
  })
  .check(z.superRefine(checkReferences));
export type CourseSnapshot = z.infer<typeof CourseSnapshotSchema>;

type SnapshotShape = Pick<CourseSnapshot, 'coursework' | 'students' | 'grades'>;

/** Ids are unique and every grade points at a known coursework item and student, once. */
function checkReferences(snapshot: SnapshotShape, ctx: z.core.$RefinementCtx): void {
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
