/**
 * The `CourseSnapshot`: one class as Classroom holds it, validated, for the panel and the export
 * planner (lib/export). Every id is the numeric Classroom (API) id. Two sources fill it: the page
 * the teacher has open (lib/classroom/read-page.ts) and, where the admin set it up, the Classroom
 * API read by the background (lib/google). Each coursework item, student and grade says where it
 * came from (`source`), so the preview can say what the page confirmed and what it could not.
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

/**
 * Where a value came from: the page the teacher has open, the Classroom API, or both (the API's
 * value, confirmed or completed by the page, e.g. Excused). Absent: the page (snapshots read
 * before the API source existed).
 */
export const SourceSchema = z.enum(['page', 'api', 'api+page']);
export type Source = z.infer<typeof SourceSchema>;

const ApiId = z.string().check(z.minLength(1), z.maxLength(256));

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
  /** The API's grade category id (`gradeCategory.id`), one of the snapshot's `categories`. */
  categoryId: z.optional(ApiId),
  /** Due time of day in UTC (API `dueTime`); with `dueDate` (then UTC too) it is exact. */
  dueTime: z.optional(
    z.strictObject({
      hours: z.number().check(z.int(), z.gte(0), z.lte(23)),
      minutes: z.number().check(z.int(), z.gte(0), z.lte(59)),
    }),
  ),
  /** When it was assigned: the API's `scheduledTime ?? creationTime` (ISO 8601). */
  assignedAt: z.optional(isoDateTime()),
  /** The API's grading period id, one of the snapshot's `gradingPeriods`. */
  gradingPeriodId: z.optional(ApiId),
  source: z.optional(SourceSchema),
});
export type Coursework = z.infer<typeof CourseworkSchema>;

export const StudentSchema = z.strictObject({
  /**
   * Stable within the course: `id:<student id from the student's work link>` (`studentKey`), or
   * `name:<name>` when the page showed no link (`nameKey`).
   */
  key: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  /** From the People page, when it shows one; the SIS matches students by email. */
  email: z.optional(z.email()),
  source: z.optional(SourceSchema),
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

/**
 * The key of a student whose Grades row carried no student link (the real grid's links are
 * unverified, evidence §3(a)): `name:<name>`, `name:<name>#2` for a second row with the same name
 * in page order. Stable only while names and order are; the SIS match is by name anyway.
 */
export function nameKey(name: string, occurrence = 1): string {
  return occurrence > 1 ? `name:${name}#${occurrence}` : `name:${name}`;
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
    /** The cell's visible text, for display and diagnosis (from the API: a summary of it). */
    raw: z.string(),
    source: z.optional(SourceSchema),
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
     * What has been read. `gradebook`: coursework, students and grades are known (from a Grades
     * page or the API; without it, empty lists mean "not read", not "none"). `roster`: students'
     * emails are known (People page or API). `api`: the Classroom API was read. `page`: a Grades
     * page was laid over it, so Excused and manual Missing marks are known too.
     */
    coverage: z.strictObject({
      gradebook: z.boolean(),
      roster: z.boolean(),
      api: z.optional(z.boolean()),
      page: z.optional(z.boolean()),
    }),
    /**
     * Students the Grades page rendered rows for (the People page's rows when no Grades page was
     * read), out of how many the class has (when the API or a count on the page says): a lazily
     * rendered grid must not pass for the whole class. `withoutId`: rows that carried no student
     * link, so their students are keyed by name (`nameKey`), not by id.
     */
    rendered: z.optional(
      z.strictObject({
        students: z.number().check(z.int(), z.gte(0)),
        of: z.optional(z.number().check(z.int(), z.gte(0))),
        withoutId: z.optional(z.number().check(z.int(), z.gte(0))),
      }),
    ),
    /** The API's grade categories (course `gradebookSettings.gradeCategories`). */
    categories: z.optional(z.array(z.strictObject({ id: ApiId, name: z.string() }))),
    /** The API's grading periods (UTC dates, inclusive), oldest first. */
    gradingPeriods: z.optional(
      z.array(
        z.strictObject({
          id: ApiId,
          title: z.string(),
          startDate: z.optional(DueDateSchema),
          endDate: z.optional(DueDateSchema),
        }),
      ),
    ),
    /**
     * Cells where the page and the API disagree (both read): shown in the panel and in Copy
     * diagnostics, which is how a page reader that misreads real pages is found.
     */
    disagreements: z.optional(
      z.array(
        z.strictObject({
          courseworkId: NumericIdSchema,
          studentKey: z.string().check(z.minLength(1)),
          /** What the page showed (its cell text) and what the API holds, summarised. */
          page: z.string(),
          api: z.string(),
        }),
      ),
    ),
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
