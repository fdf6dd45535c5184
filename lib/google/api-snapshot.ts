/**
 * The Classroom API's answers as the `CourseSnapshot` the page reader also produces, so planning
 * and export stay one code path (mapping: shared/reference/classroom-evidence.md §3(b)); and the
 * Grades page laid over it for what only the page shows (Excused, a teacher's manual Missing,
 * §2.2), with every cell the page shows cross-checked against the API.
 */
import {
  type CourseSnapshot,
  CourseSnapshotSchema,
  type Coursework,
  type DueDate,
  type Grade,
  type Student,
  studentKey,
} from '../classroom/model';
import { z } from '../zod';
import type {
  ApiCourseWork,
  ApiStudent,
  ApiSubmission,
  ClassroomCourseData,
  GoogleDate,
} from './classroom-api';
import { ClassroomApiError } from './errors';

export interface SnapshotContext {
  /** When the API was read (ISO 8601); also the "now" that decides whether work is past due. */
  readAt: string;
  accountIndex: number;
  urlCourseId: string;
  teacherEmail?: string;
}

const NUMERIC = /^\d{1,30}$/;
const Email = z.email();

/** The API's answers as a snapshot; throws ClassroomApiError('bad-response') if it is not valid. */
export function snapshotFromApi(
  data: ClassroomCourseData,
  context: SnapshotContext,
): CourseSnapshot {
  const readAtMs = Date.parse(context.readAt);
  const categories = (data.course.gradebookSettings?.gradeCategories ?? []).map((category) => ({
    id: category.id,
    name: category.name ?? '',
  }));
  const categoryNames = new Map(categories.map((category) => [category.id, category.name]));

  const coursework: Coursework[] = [];
  const dueAt = new Map<string, number | undefined>();
  for (const item of data.courseWork) {
    if (!NUMERIC.test(item.id) || dueAt.has(item.id)) continue;
    coursework.push(courseworkOf(item, categoryNames));
    dueAt.set(item.id, dueInstant(item));
  }

  const students: Student[] = [];
  const keys = new Set<string>();
  for (const student of data.students) {
    const mapped = studentOf(student);
    if (keys.has(mapped.key)) continue;
    keys.add(mapped.key);
    students.push(mapped);
  }

  const grades: Grade[] = [];
  const cells = new Set<string>();
  for (const submission of data.submissions) {
    const key = studentKey(submission.userId);
    const cell = `${submission.courseWorkId}\u0000${key}`;
    if (!dueAt.has(submission.courseWorkId) || !keys.has(key) || cells.has(cell)) continue;
    cells.add(cell);
    grades.push(gradeOf(submission, key, dueAt.get(submission.courseWorkId), readAtMs));
  }

  const snapshot = {
    schemaVersion: 1 as const,
    readAt: context.readAt,
    course: {
      courseId: data.course.id,
      urlCourseId: context.urlCourseId,
      accountIndex: context.accountIndex,
      name: data.course.name?.trim() || data.course.id,
      ...(data.course.section?.trim() ? { section: data.course.section.trim() } : {}),
    },
    ...(context.teacherEmail ? { teacherEmail: context.teacherEmail } : {}),
    coverage: { gradebook: true, roster: true, api: true, page: false },
    categories,
    gradingPeriods: data.gradingPeriods.map((period) => {
      const startDate = dateOf(period.startDate);
      const endDate = dateOf(period.endDate);
      return {
        id: period.id,
        title: period.title ?? '',
        ...(startDate ? { startDate } : {}),
        ...(endDate ? { endDate } : {}),
      };
    }),
    coursework,
    students,
    grades,
  };
  return validated(snapshot);
}

function validated(snapshot: unknown): CourseSnapshot {
  const result = CourseSnapshotSchema.safeParse(snapshot);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ClassroomApiError(
    'bad-response',
    `snapshot: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
  );
}

function courseworkOf(item: ApiCourseWork, categoryNames: Map<string, string>): Coursework {
  const dueDate = dateOf(item.dueDate);
  const assigned = isoOf(item.scheduledTime) ?? isoOf(item.creationTime);
  const categoryId = item.gradeCategory?.id;
  const category =
    item.gradeCategory?.name || (categoryId ? categoryNames.get(categoryId) : undefined);
  return {
    id: item.id,
    urlId: urlIdOf(item.id),
    title: item.title?.trim() || item.id,
    // Absent or 0 points: ungraded coursework (not exported).
    maxPoints: item.maxPoints !== undefined && item.maxPoints > 0 ? item.maxPoints : null,
    ...(dueDate ? { dueDate } : {}),
    ...(dueDate && item.dueTime
      ? { dueTime: { hours: item.dueTime.hours ?? 0, minutes: item.dueTime.minutes ?? 0 } }
      : {}),
    ...(category ? { category } : {}),
    ...(categoryId ? { categoryId } : {}),
    ...(assigned ? { assignedAt: assigned } : {}),
    // "" means "no grading period" in the API.
    ...(item.gradingPeriodId ? { gradingPeriodId: item.gradingPeriodId } : {}),
    source: 'api',
  };
}

/** The id as Classroom writes it in links: base64 of the decimal id, without padding. */
function urlIdOf(id: string): string {
  return btoa(id).replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
}

function studentOf(student: ApiStudent): Student {
  const profile = student.profile;
  const name = profile?.name;
  const email = profile?.emailAddress?.trim();
  const fullName =
    name?.fullName?.trim() ||
    [name?.givenName, name?.familyName].filter(Boolean).join(' ').trim() ||
    email ||
    student.userId;
  return {
    key: studentKey(student.userId),
    name: fullName,
    ...(email && Email.safeParse(email).success ? { email } : {}),
    source: 'api',
  };
}

/** The moment work is due (UTC); a due date without a time is due at the end of that day. */
function dueInstant(item: ApiCourseWork): number | undefined {
  const date = dateOf(item.dueDate);
  if (!date?.year) return undefined;
  if (!item.dueTime) return Date.UTC(date.year, date.month - 1, date.day + 1);
  return Date.UTC(
    date.year,
    date.month - 1,
    date.day,
    item.dueTime.hours ?? 0,
    item.dueTime.minutes ?? 0,
  );
}

const HANDED_IN = new Set(['TURNED_IN', 'RETURNED']);

/**
 * One submission as a cell. `assignedGrade` is the returned score; a `draftGrade` alone is a draft
 * (or, on work that is missing, the default grade Classroom gives missing work, §2.2); work handed
 * in without a grade is turned in; work not handed in that is late or past due is missing
 * (derived: a teacher's manual Missing or Complete is invisible to the API).
 */
function gradeOf(
  submission: ApiSubmission,
  key: string,
  dueAt: number | undefined,
  readAtMs: number,
): Grade {
  const state = submission.state ?? 'NEW';
  const late = submission.late === true;
  const handedIn = HANDED_IN.has(state);
  const missing = !handedIn && (late || (dueAt !== undefined && dueAt <= readAtMs));
  const base = {
    courseworkId: submission.courseWorkId,
    studentKey: key,
    late,
    raw: summaryOf(submission),
    source: 'api' as const,
  };
  const { assignedGrade, draftGrade } = submission;
  if (assignedGrade !== undefined) {
    return assignedGrade >= 0
      ? { ...base, state: 'returned', score: assignedGrade, draft: false }
      : { ...base, state: 'unreadable', draft: false };
  }
  if (draftGrade !== undefined) {
    if (draftGrade < 0) return { ...base, state: 'unreadable', draft: false };
    return { ...base, state: missing ? 'missing' : 'draft', score: draftGrade, draft: true };
  }
  if (handedIn) return { ...base, state: 'turned-in', draft: false };
  return { ...base, state: missing ? 'missing' : 'assigned', draft: false };
}

/** A short readable account of what the API holds, e.g. `RETURNED · grade 8 · late`. */
function summaryOf(submission: ApiSubmission): string {
  const parts = [submission.state ?? 'NEW'];
  if (submission.assignedGrade !== undefined) parts.push(`grade ${submission.assignedGrade}`);
  if (submission.draftGrade !== undefined) parts.push(`draft ${submission.draftGrade}`);
  if (submission.late) parts.push('late');
  return parts.join(' · ');
}

function dateOf(date: GoogleDate | undefined): DueDate | undefined {
  if (!date?.month || !date.day) return undefined;
  return date.year
    ? { year: date.year, month: date.month, day: date.day }
    : { month: date.month, day: date.day };
}

/** Google's RFC 3339 timestamps (nanoseconds, offsets) as `Date#toISOString` writes them. */
function isoOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/* The Grades page laid over the API. */

/**
 * `api` with what the Grades page `page` shows laid over it, when `page` is a Grades reading of the
 * same class: its Excused and manual Missing marks complete the API's cells (matched by coursework
 * id and student key; source `api+page`), every other cell it shows is compared with the API's
 * (state and score) and each disagreement listed, and `rendered` says how many of the class's
 * students it had rows for. The API's order and values stay; otherwise `api` is returned as is.
 */
export function overlayPage(api: CourseSnapshot, page: CourseSnapshot | undefined): CourseSnapshot {
  if (!page?.coverage.gradebook || page.course.courseId !== api.course.courseId) return api;
  const shown = new Map(page.grades.map((grade) => [cellOf(grade), grade]));
  const disagreements: NonNullable<CourseSnapshot['disagreements']> = [];
  const grades = api.grades.map((grade): Grade => {
    const cell = shown.get(cellOf(grade));
    if (!cell) return grade;
    const verdict = compare(cell, grade);
    if (verdict === 'disagree') {
      disagreements.push({
        courseworkId: grade.courseworkId,
        studentKey: grade.studentKey,
        page: cell.raw || cell.state,
        api: grade.raw,
      });
      return grade;
    }
    if (verdict === 'excused') {
      return {
        courseworkId: grade.courseworkId,
        studentKey: grade.studentKey,
        state: 'excused',
        draft: false,
        late: grade.late,
        raw: `${grade.raw} · page: ${cell.raw}`,
        source: 'api+page',
      };
    }
    if (verdict === 'not-missing') {
      // The API's Missing was only derived from the due date; the page shows what the teacher
      // sees (not marked Missing), so Send-missing-as-0 never turns it into a zero.
      return {
        ...grade,
        state: 'assigned',
        raw: `${grade.raw} · page: ${cell.raw || cell.state}`,
        source: 'api+page',
      };
    }
    if (verdict === 'missing') {
      return {
        ...grade,
        state: 'missing',
        raw: `${grade.raw} · page: ${cell.raw}`,
        source: 'api+page',
      };
    }
    return { ...grade, source: 'api+page' };
  });
  const teacherEmail = api.teacherEmail ?? page.teacherEmail;
  return validated({
    ...api,
    ...(teacherEmail ? { teacherEmail } : {}),
    coverage: { ...api.coverage, page: true },
    rendered: { students: page.students.length, of: api.students.length },
    disagreements,
    grades,
  });
}

const cellOf = (grade: Pick<Grade, 'courseworkId' | 'studentKey'>) =>
  `${grade.courseworkId}\u0000${grade.studentKey}`;

const sameScore = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? a === b : Math.abs(a - b) < 1e-6;

/** How a page cell relates to the API's cell: it confirms it, completes it, or disagrees. */
function compare(
  page: Grade,
  api: Grade,
): 'agree' | 'excused' | 'missing' | 'not-missing' | 'disagree' {
  switch (page.state) {
    // The API cannot see Excused: never a disagreement.
    case 'excused':
      return 'excused';
    case 'missing':
      // A teacher's manual Missing on work not handed in; a score it shows must be the API's.
      if (!['assigned', 'missing', 'draft'].includes(api.state)) return 'disagree';
      if (page.score !== undefined && !sameScore(page.score, api.score)) return 'disagree';
      return api.state === 'missing' ? 'agree' : 'missing';
    case 'returned':
    case 'draft':
      return api.state === page.state && sameScore(page.score, api.score) ? 'agree' : 'disagree';
    case 'turned-in':
      return api.state === 'turned-in' ? 'agree' : 'disagree';
    // An empty cell and "Assigned" both mean nothing handed in and no grade.
    case 'assigned':
    case 'empty':
      if (api.state === 'assigned') return 'agree';
      // Past due, not handed in, no grade: the API's Missing is our guess from the due date
      // (not Google's late flag), not a value the page contradicts.
      return api.state === 'missing' && !api.late && api.score === undefined
        ? 'not-missing'
        : 'disagree';
    case 'unreadable':
      return 'disagree';
  }
}
