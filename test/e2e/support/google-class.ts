/**
 * The Classroom API's view of a class the e2e Grades-page fixture shows (sandbox-class.ts), for the
 * fake Google: same course id, students (Classroom ids from the page's rows, emails from the SIS),
 * coursework and grades, so a run that reads the API and a run that reads the page must agree.
 * What the API cannot say it does not say: an Excused cell is a submission without a grade
 * (classroom-evidence.md §2.2), a Missing one is late work with Google's automatic draft of 0.
 */
import {
  buildFakeCourse,
  type FakeCourse,
  type FakeCourseWorkInput,
  type FakeGradeCategory,
  type FakeStudent,
  type FakeSubmissionInput,
} from '../../../sandbox/google/index.ts';
import type { PageCell } from '../../fixtures/classroom/sandbox-class';
import type { ClassFixture } from './sandbox-class';

export interface GoogleClassOptions {
  /**
   * The school year's end year (2027 for 2026–27); page dates from July on fall in the year
   * before it. Default: the school year of today, as the sandbox SIS chooses it.
   */
  schoolYear?: number;
  /** Teachers' emails; default: the fake's signed-in teacher. */
  teachers?: string[];
  /** Classroom's names per row when they are not the page's (default: read from the page). */
  names?: string[];
  /**
   * Students the API lists but the page does not render (a lazily loaded row): on the roster after
   * the page's rows, with placeholder submissions only (grade them with updateSubmission).
   */
  extraStudents?: Array<{ userId: string; name: string; email: string }>;
}

const b64 = (id: string) => btoa(id).replace(/=+$/, '');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The name a row's student-profile link (/c/<course>/sp/<b64 user id>/…) shows on the page. */
function pageName(html: string, userId: string): string | undefined {
  const link = new RegExp(`href="[^"]*/sp/${escapeRegExp(b64(userId))}/[^"]*"[^>]*>([^<]+)<`);
  const text = link.exec(html)?.[1];
  return text === undefined ? undefined : unescapeHtml(text).trim();
}

function currentSchoolYear(now: Date): number {
  return now.getUTCMonth() >= 6 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
}

/** A page cell as the API stores it (null: the cell is empty and Google keeps only a placeholder). */
function submissionOf(cell: PageCell): Omit<FakeSubmissionInput, 'courseWorkId' | 'userId'> {
  switch (cell.kind) {
    case 'returned':
    case 'extra-credit':
      return { state: 'RETURNED', assignedGrade: cell.score, draftGrade: cell.score };
    case 'draft':
      return { state: 'TURNED_IN', draftGrade: cell.score };
    case 'missing':
      // "missing work automatically gets a draftGrade (default 0)" (classroom-evidence.md §2.2).
      return { state: 'CREATED', late: true, draftGrade: 0 };
    case 'turned-in':
      return { state: 'TURNED_IN' };
    case 'turned-in-late':
      return { state: 'TURNED_IN', late: true };
    case 'excused':
      // The API has no Excused: the submission is there, without any grade.
      return { state: 'CREATED' };
    case 'assigned':
      return { state: 'CREATED' };
    case 'empty':
      return { state: 'NEW' };
  }
}

export function fakeCourseFromClassFixture(
  fixture: ClassFixture,
  options: GoogleClassOptions = {},
): FakeCourse {
  const schoolYear = options.schoolYear ?? currentSchoolYear(new Date());
  const { page } = fixture;
  const categoryNames = [
    ...new Set(page.coursework.flatMap((cw) => (cw.category ? [cw.category] : []))),
  ];
  const gradeCategories: FakeGradeCategory[] = categoryNames.map((name, i) => ({
    id: String(610000000001 + i),
    name,
  }));
  const userIds = page.studentKeys.map((key) => key.replace(/^id:/, ''));
  const students: FakeStudent[] = userIds.map((userId, i) => {
    const sis = fixture.rows[i];
    const name =
      options.names?.[i] ??
      pageName(page.html, userId) ??
      (sis ? `${sis.givenName} ${sis.familyName}` : `Student ${i + 1}`);
    return {
      userId,
      name,
      email: sis?.email ?? `visitor${i + 1}@students.example.org`,
      ...(sis && name === `${sis.givenName} ${sis.familyName}`
        ? { givenName: sis.givenName, familyName: sis.familyName }
        : {}),
    };
  });
  students.push(...(options.extraStudents ?? []));
  const coursework: FakeCourseWorkInput[] = page.coursework.map((cw) => {
    const year = cw.due && cw.due.month >= 7 ? schoolYear - 1 : schoolYear;
    const created = cw.due
      ? new Date(Date.UTC(year, cw.due.month - 1, cw.due.day - 7, 9))
      : new Date(Date.UTC(schoolYear - 1, 8, 1, 9));
    return {
      id: cw.id,
      title: cw.title,
      ...(cw.maxPoints !== null && { maxPoints: cw.maxPoints }),
      // UTC date and time; 12:00 keeps the date the same in every time zone the page may use.
      ...(cw.due && {
        dueDate: { year, month: cw.due.month, day: cw.due.day },
        dueTime: { hours: 12, minutes: 0 },
      }),
      ...(cw.category && {
        gradeCategoryId: gradeCategories.find((c) => c.name === cw.category)?.id,
      }),
      creationTime: created.toISOString(),
    };
  });
  const submissions: FakeSubmissionInput[] = page.coursework.flatMap((cw, j) =>
    userIds.map((userId, i) => ({
      courseWorkId: cw.id,
      userId,
      ...submissionOf(page.cell(j, i)),
    })),
  );
  return buildFakeCourse({
    id: fixture.courseId,
    name: fixture.klass.title,
    section: fixture.klass.classCode,
    ...(options.teachers && { teachers: options.teachers }),
    students,
    coursework,
    submissions,
    gradeCategories,
  });
}
