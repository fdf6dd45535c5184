/**
 * Reads one class page into a validated `CourseSnapshot`. Pages: every class page; Grades adds
 * coursework, students and grades, People adds students with emails. Pure: the document and the
 * page detection in, a value out; the content script decides when to call it.
 */
import { type CourseSnapshot, CourseSnapshotSchema } from './model';
import type { PageInfo } from './page';
import { readCourseHeader } from './read-course-header';
import { findGradesGrid, type GradesGrid, readGradesGrid } from './read-grades-grid';
import { readPeopleRoster } from './read-people';
import { readTeacherEmail } from './read-teacher-email';

/** A page that belongs to one class (see page.ts `isClassPage`). */
export type ClassPageInfo = Extract<PageInfo, { courseId: string }>;

/** Why a page could not be read; the panel explains each and offers diagnostics. */
export type ReadFailureCode =
  | 'no-course-name'
  | 'no-grid'
  | 'no-students'
  | 'no-grade-cells'
  | 'invalid-snapshot';
export interface ReadFailure {
  code: ReadFailureCode;
  /** For `invalid-snapshot`: which fields failed (paths and rules only, never values). */
  detail?: string;
}
export type ReadResult =
  | { ok: true; snapshot: CourseSnapshot }
  | { ok: false; failure: ReadFailure };

const EMPTY_GRID: GradesGrid = { coursework: [], students: [], grades: [], otherRows: 0 };

/** Reads `doc` as the class page `page` describes, at time `readAt`. Never throws on markup. */
export function readCourseSnapshot(
  doc: Document,
  page: ClassPageInfo,
  readAt: Date = new Date(),
): ReadResult {
  let gradebook: GradesGrid | null = null;
  if (page.kind === 'grades') {
    const grid = findGradesGrid(doc);
    if (!grid) return { ok: false, failure: { code: 'no-grid' } };
    gradebook = readGradesGrid(grid, page.courseId);
    // Columns and students but not one cell matched to them: the cells no longer line up with
    // the contract. Showing "8 coursework, 28 students" with no grades would hide that.
    const { coursework, students, grades, otherRows } = gradebook;
    if (coursework.length && students.length && !grades.length) {
      return { ok: false, failure: { code: 'no-grade-cells' } };
    }
    // Several named rows but no student link in any: the rows no longer follow the contract
    // (one such row alone is the class average of an empty class).
    if (!students.length && otherRows > 1) return { ok: false, failure: { code: 'no-students' } };
  }
  const header = readCourseHeader(doc, page.courseId);
  if (!header) return { ok: false, failure: { code: 'no-course-name' } };
  const roster = page.kind === 'people' ? readPeopleRoster(doc, page.courseId) : [];
  const teacherEmail = readTeacherEmail(doc);
  const grid = gradebook ?? EMPTY_GRID;
  const parsed = CourseSnapshotSchema.safeParse({
    schemaVersion: 1,
    readAt: readAt.toISOString(),
    course: {
      courseId: page.courseId,
      urlCourseId: page.urlCourseId,
      accountIndex: page.accountIndex,
      ...header,
    },
    ...(teacherEmail ? { teacherEmail } : {}),
    coverage: { gradebook: gradebook !== null, roster: roster.length > 0 },
    coursework: grid.coursework,
    students: gradebook ? grid.students : roster,
    grades: grid.grades,
  });
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  const detail = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    .join('; ');
  return { ok: false, failure: { code: 'invalid-snapshot', detail } };
}
