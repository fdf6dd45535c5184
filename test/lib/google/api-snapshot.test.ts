/**
 * The Classroom API's answers as a CourseSnapshot (classroom-evidence.md §3(b)), and the Grades
 * page laid over it: Excused and manual Missing completed, every shown cell cross-checked.
 */
import { describe, expect, it } from 'vitest';
import {
  type CourseSnapshot,
  CourseSnapshotSchema,
  type Grade,
  studentKey,
} from '@/lib/classroom/model';
import { overlayPage, snapshotFromApi } from '@/lib/google/api-snapshot';
import type { ApiCourseWork, ApiSubmission, ClassroomCourseData } from '@/lib/google/classroom-api';

const READ_AT = '2026-09-20T12:00:00.000Z';
const CONTEXT = { readAt: READ_AT, accountIndex: 1, urlCourseId: 'NTk2MTc3NzQ1NDY4' };

const work = (id: string, extra: Partial<ApiCourseWork> = {}): ApiCourseWork => ({
  id,
  title: `Work ${id}`,
  state: 'PUBLISHED',
  maxPoints: 10,
  creationTime: '2026-09-01T08:00:00Z',
  ...extra,
});

const sub = (courseWorkId: string, userId: string, extra: Partial<ApiSubmission> = {}) => ({
  courseWorkId,
  userId,
  state: 'CREATED',
  ...extra,
});

function data(overrides: Partial<ClassroomCourseData> = {}): ClassroomCourseData {
  return {
    course: {
      id: '596177745468',
      name: 'Biology',
      section: '3B',
      gradebookSettings: {
        gradeCategories: [
          { id: 'cat-t', name: 'Tests' },
          { id: 'cat-h', name: 'Homework' },
        ],
      },
    },
    students: [
      {
        userId: '11',
        profile: { name: { fullName: 'Ada Lovelace' }, emailAddress: 'ada@school.example' },
      },
      { userId: '12', profile: { name: { givenName: 'Alan', familyName: 'Turing' } } },
    ],
    courseWork: [work('1001')],
    gradingPeriods: [],
    submissions: [],
    ...overrides,
  };
}

/** The one cell of coursework `id` for student 11 after mapping `submission`. */
function cell(submission: Partial<ApiSubmission>, item: ApiCourseWork = work('1001')): Grade {
  const snapshot = snapshotFromApi(
    data({ courseWork: [item], submissions: [sub(item.id, '11', submission)] }),
    CONTEXT,
  );
  const grade = snapshot.grades[0];
  if (!grade) throw new Error('no cell');
  return grade;
}

const DUE_PAST = {
  dueDate: { year: 2026, month: 9, day: 10 },
  dueTime: { hours: 21, minutes: 59 },
};
const DUE_FUTURE = { dueDate: { year: 2026, month: 10, day: 1 }, dueTime: { hours: 21 } };

describe('snapshotFromApi: course, students, coursework', () => {
  it('maps the class and its roster with emails, as a valid snapshot', () => {
    const snapshot = snapshotFromApi(data(), {
      ...CONTEXT,
      teacherEmail: 'teacher@school.example',
    });
    expect(() => CourseSnapshotSchema.parse(snapshot)).not.toThrow();
    expect(snapshot.course).toEqual({
      courseId: '596177745468',
      urlCourseId: 'NTk2MTc3NzQ1NDY4',
      accountIndex: 1,
      name: 'Biology',
      section: '3B',
    });
    expect(snapshot.teacherEmail).toBe('teacher@school.example');
    expect(snapshot.coverage).toEqual({ gradebook: true, roster: true, api: true, page: false });
    expect(snapshot.students).toEqual([
      { key: studentKey('11'), name: 'Ada Lovelace', email: 'ada@school.example', source: 'api' },
      { key: studentKey('12'), name: 'Alan Turing', source: 'api' },
    ]);
  });

  it('coursework: points, due date and UTC time, category, period, assign time, link id', () => {
    const snapshot = snapshotFromApi(
      data({
        courseWork: [
          work('596177745468', {
            ...DUE_PAST,
            gradeCategory: { id: 'cat-t', name: 'Tests' },
            gradingPeriodId: 'gp-1',
            scheduledTime: '2026-09-02T07:30:00.123456789Z',
          }),
        ],
      }),
      CONTEXT,
    );
    expect(snapshot.coursework).toEqual([
      {
        id: '596177745468',
        urlId: 'NTk2MTc3NzQ1NDY4',
        title: 'Work 596177745468',
        maxPoints: 10,
        dueDate: { year: 2026, month: 9, day: 10 },
        dueTime: { hours: 21, minutes: 59 },
        category: 'Tests',
        categoryId: 'cat-t',
        gradingPeriodId: 'gp-1',
        assignedAt: '2026-09-02T07:30:00.123Z',
        source: 'api',
      },
    ]);
  });

  it('assignedAt falls back to the creation time; a midnight due time is 00:00', () => {
    const [item] = snapshotFromApi(
      data({ courseWork: [work('1', { dueDate: { year: 2026, month: 1, day: 5 }, dueTime: {} })] }),
      CONTEXT,
    ).coursework;
    expect(item?.assignedAt).toBe('2026-09-01T08:00:00.000Z');
    expect(item?.dueTime).toEqual({ hours: 0, minutes: 0 });
  });

  it('no due date: neither date nor time, and unsubmitted work is not missing', () => {
    const snapshot = snapshotFromApi(
      data({ courseWork: [work('1')], submissions: [sub('1', '11', { state: 'NEW' })] }),
      CONTEXT,
    );
    expect(snapshot.coursework[0]).not.toHaveProperty('dueDate');
    expect(snapshot.coursework[0]).not.toHaveProperty('dueTime');
    expect(snapshot.grades[0]?.state).toBe('assigned');
  });

  it('ungraded coursework (no points, or 0) has maxPoints null', () => {
    const snapshot = snapshotFromApi(
      data({ courseWork: [work('1', { maxPoints: undefined }), work('2', { maxPoints: 0 })] }),
      CONTEXT,
    );
    expect(snapshot.coursework.map((item) => item.maxPoints)).toEqual([null, null]);
  });

  it('categories from the gradebook settings; a category id alone takes its name from there', () => {
    const snapshot = snapshotFromApi(
      data({ courseWork: [work('1', { gradeCategory: { id: 'cat-h' } })] }),
      CONTEXT,
    );
    expect(snapshot.categories).toEqual([
      { id: 'cat-t', name: 'Tests' },
      { id: 'cat-h', name: 'Homework' },
    ]);
    expect(snapshot.coursework[0]).toMatchObject({ category: 'Homework', categoryId: 'cat-h' });
  });

  it('grading periods with their dates; "" as a period id means none', () => {
    const snapshot = snapshotFromApi(
      data({
        courseWork: [work('1', { gradingPeriodId: '' })],
        gradingPeriods: [
          {
            id: 'gp-1',
            title: 'Term 1',
            startDate: { year: 2026, month: 8, day: 20 },
            endDate: { year: 2026, month: 12, day: 18 },
          },
          { id: 'gp-2', title: 'Term 2' },
        ],
      }),
      CONTEXT,
    );
    expect(snapshot.gradingPeriods).toEqual([
      {
        id: 'gp-1',
        title: 'Term 1',
        startDate: { year: 2026, month: 8, day: 20 },
        endDate: { year: 2026, month: 12, day: 18 },
      },
      { id: 'gp-2', title: 'Term 2' },
    ]);
    expect(snapshot.coursework[0]).not.toHaveProperty('gradingPeriodId');
  });

  it('drops submissions of coursework or students it did not read, and repeated cells', () => {
    const snapshot = snapshotFromApi(
      data({
        submissions: [
          sub('1001', '11', { assignedGrade: 5 }),
          sub('1001', '11', { assignedGrade: 6 }),
          sub('9999', '11', { assignedGrade: 7 }),
          sub('1001', '99', { assignedGrade: 8 }),
        ],
      }),
      CONTEXT,
    );
    expect(snapshot.grades.map((grade) => grade.score)).toEqual([5]);
  });
});

describe('snapshotFromApi: each state', () => {
  it('assignedGrade → returned with that score', () => {
    expect(cell({ state: 'RETURNED', assignedGrade: 8, draftGrade: 8 })).toEqual({
      courseworkId: '1001',
      studentKey: 'id:11',
      state: 'returned',
      score: 8,
      draft: false,
      late: false,
      raw: 'RETURNED · grade 8 · draft 8',
      source: 'api',
    });
  });

  it('extra credit above the maximum is kept', () => {
    expect(cell({ state: 'RETURNED', assignedGrade: 12.5 })).toMatchObject({
      state: 'returned',
      score: 12.5,
    });
  });

  it('draftGrade only → draft', () => {
    expect(cell({ state: 'TURNED_IN', draftGrade: 7 })).toMatchObject({
      state: 'draft',
      score: 7,
      draft: true,
    });
  });

  it.each(['TURNED_IN', 'RETURNED'])('%s without a grade → turned-in', (state) => {
    expect(cell({ state })).toMatchObject({ state: 'turned-in', draft: false });
    expect(cell({ state }).score).toBeUndefined();
  });

  it.each(['NEW', 'CREATED', 'RECLAIMED_BY_STUDENT'])(
    '%s past due without a grade → missing (derived), no score',
    (state) => {
      const grade = cell({ state }, work('1001', DUE_PAST));
      expect(grade).toMatchObject({ state: 'missing', draft: false });
      expect(grade.score).toBeUndefined();
    },
  );

  it('not handed in and late → missing, with the late flag', () => {
    expect(cell({ state: 'CREATED', late: true })).toMatchObject({ state: 'missing', late: true });
  });

  it('missing work keeps the default draft grade Classroom gives it', () => {
    expect(cell({ state: 'CREATED', draftGrade: 0 }, work('1001', DUE_PAST))).toMatchObject({
      state: 'missing',
      score: 0,
      draft: true,
    });
  });

  it('not handed in, not yet due → assigned', () => {
    expect(cell({ state: 'CREATED' }, work('1001', DUE_FUTURE))).toMatchObject({
      state: 'assigned',
    });
  });

  it('the due time decides, in UTC: a minute before it is not missing, after it is', () => {
    const due = work('1001', DUE_PAST); // 2026-09-10 21:59 UTC
    const at = (readAt: string) =>
      snapshotFromApi(data({ courseWork: [due], submissions: [sub('1001', '11')] }), {
        ...CONTEXT,
        readAt,
      }).grades[0]?.state;
    expect(at('2026-09-10T21:58:00.000Z')).toBe('assigned');
    expect(at('2026-09-10T22:00:00.000Z')).toBe('missing');
  });

  it('a turned-in late submission is turned-in and late', () => {
    expect(cell({ state: 'TURNED_IN', late: true }, work('1001', DUE_PAST))).toMatchObject({
      state: 'turned-in',
      late: true,
    });
  });
});

/* The Grades page over the API. */

const API = snapshotFromApi(
  data({
    courseWork: [work('1001', DUE_FUTURE), work('1002', DUE_FUTURE)],
    submissions: [
      sub('1001', '11', { state: 'RETURNED', assignedGrade: 9 }),
      sub('1001', '12', { state: 'CREATED' }),
      sub('1002', '11', { state: 'CREATED' }),
      sub('1002', '12', { state: 'TURNED_IN' }),
    ],
  }),
  CONTEXT,
);

function page(
  grades: Array<Partial<Grade> & Pick<Grade, 'courseworkId' | 'studentKey' | 'state'>>,
  rows = ['11'],
): CourseSnapshot {
  return {
    schemaVersion: 1,
    readAt: READ_AT,
    course: {
      courseId: '596177745468',
      urlCourseId: 'NTk2MTc3NzQ1NDY4',
      accountIndex: 1,
      name: 'Biology',
    },
    coverage: { gradebook: true, roster: false },
    coursework: [
      { id: '1001', urlId: 'MTAwMQ', title: 'Work 1001', maxPoints: 10 },
      { id: '1002', urlId: 'MTAwMg', title: 'Work 1002', maxPoints: 10 },
    ],
    students: rows.map((id) => ({ key: studentKey(id), name: `Student ${id}` })),
    grades: grades.map((grade) => ({ draft: false, late: false, raw: grade.state, ...grade })),
  };
}

const find = (snapshot: CourseSnapshot, courseworkId: string, id: string) =>
  snapshot.grades.find(
    (grade) => grade.courseworkId === courseworkId && grade.studentKey === studentKey(id),
  );

describe('overlayPage', () => {
  it('lays Excused over the API’s cell, never as a disagreement', () => {
    const merged = overlayPage(
      API,
      page([{ courseworkId: '1002', studentKey: 'id:11', state: 'excused', raw: 'Excused' }]),
    );
    expect(find(merged, '1002', '11')).toMatchObject({ state: 'excused', source: 'api+page' });
    expect(find(merged, '1002', '11')?.score).toBeUndefined();
    expect(merged.disagreements).toEqual([]);
    expect(merged.coverage.page).toBe(true);
    expect(() => CourseSnapshotSchema.parse(merged)).not.toThrow();
  });

  it('lays a teacher’s manual Missing over work the API sees as assigned', () => {
    const merged = overlayPage(
      API,
      page(
        [{ courseworkId: '1001', studentKey: 'id:12', state: 'missing', raw: 'Missing' }],
        ['11', '12'],
      ),
    );
    expect(find(merged, '1001', '12')).toMatchObject({ state: 'missing', source: 'api+page' });
    expect(merged.disagreements).toEqual([]);
  });

  it('takes the page’s Assigned or empty cell over a Missing the API only derives from the due date', () => {
    const past = snapshotFromApi(
      data({
        courseWork: [work('1001', DUE_PAST), work('1002', DUE_PAST)],
        submissions: [
          sub('1001', '11', { state: 'CREATED' }),
          sub('1001', '12', { state: 'NEW' }),
          sub('1002', '11', { state: 'CREATED', late: true }),
        ],
      }),
      CONTEXT,
    );
    expect(past.grades.map((grade) => grade.state)).toEqual(['missing', 'missing', 'missing']);
    const merged = overlayPage(
      past,
      page(
        [
          { courseworkId: '1001', studentKey: 'id:11', state: 'assigned', raw: 'Assigned' },
          { courseworkId: '1001', studentKey: 'id:12', state: 'empty', raw: '' },
          { courseworkId: '1002', studentKey: 'id:11', state: 'assigned', raw: 'Assigned' },
        ],
        ['11', '12'],
      ),
    );
    expect(find(merged, '1001', '11')).toMatchObject({ state: 'assigned', source: 'api+page' });
    expect(find(merged, '1001', '12')).toMatchObject({ state: 'assigned', source: 'api+page' });
    // Google's own late flag on work not handed in is Missing: the page contradicts it.
    expect(merged.disagreements).toEqual([
      { courseworkId: '1002', studentKey: 'id:11', page: 'Assigned', api: 'CREATED · late' },
    ]);
    expect(find(merged, '1002', '11')).toMatchObject({ state: 'missing', source: 'api' });
  });

  it('counts the rows the page rendered out of the API’s students', () => {
    expect(overlayPage(API, page([], ['11'])).rendered).toEqual({ students: 1, of: 2 });
  });

  it('marks cells the page confirms, and lists every cell where page and API disagree', () => {
    const merged = overlayPage(
      API,
      page(
        [
          { courseworkId: '1001', studentKey: 'id:11', state: 'returned', score: 8, raw: '8/10' },
          { courseworkId: '1002', studentKey: 'id:12', state: 'turned-in', raw: 'Turned in' },
          { courseworkId: '1002', studentKey: 'id:11', state: 'turned-in', raw: 'Turned in' },
          {
            courseworkId: '1001',
            studentKey: 'id:12',
            state: 'missing',
            score: 0,
            raw: 'Missing 0/10',
          },
        ],
        ['11', '12'],
      ),
    );
    // In the API's cell order.
    expect(merged.disagreements).toEqual([
      { courseworkId: '1001', studentKey: 'id:11', page: '8/10', api: 'RETURNED · grade 9' },
      { courseworkId: '1001', studentKey: 'id:12', page: 'Missing 0/10', api: 'CREATED' },
      { courseworkId: '1002', studentKey: 'id:11', page: 'Turned in', api: 'CREATED' },
    ]);
    // The API's value stands where they disagree; a confirmed cell says both sources.
    expect(find(merged, '1001', '11')).toMatchObject({
      state: 'returned',
      score: 9,
      source: 'api',
    });
    expect(find(merged, '1002', '12')).toMatchObject({ state: 'turned-in', source: 'api+page' });
  });

  it('keeps the API’s order of coursework, students and cells', () => {
    const merged = overlayPage(
      API,
      page([{ courseworkId: '1002', studentKey: 'id:12', state: 'turned-in' }], ['12', '11']),
    );
    expect(merged.coursework.map((item) => item.id)).toEqual(['1001', '1002']);
    expect(merged.students.map((student) => student.key)).toEqual(['id:11', 'id:12']);
    expect(merged.grades.map((grade) => `${grade.courseworkId}/${grade.studentKey}`)).toEqual(
      API.grades.map((grade) => `${grade.courseworkId}/${grade.studentKey}`),
    );
  });

  it('ignores another course’s page, a page without a Grades reading, and no page', () => {
    const other = page([{ courseworkId: '1002', studentKey: 'id:11', state: 'excused' }]);
    other.course = { ...other.course, courseId: '777' };
    expect(overlayPage(API, other)).toBe(API);
    const noGrades = page([{ courseworkId: '1002', studentKey: 'id:11', state: 'excused' }]);
    noGrades.coverage = { gradebook: false, roster: true };
    expect(overlayPage(API, noGrades)).toBe(API);
    expect(overlayPage(API, undefined)).toBe(API);
  });
});
