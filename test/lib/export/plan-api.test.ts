/**
 * The planner on snapshots the Classroom API produces (issue #13): assign and due dates, the
 * grading period and category by the API's ids, students by email, and no DELETE on API data
 * the Grades page did not confirm. Snapshots are built by hand and checked by the model's schema,
 * exactly as the API reader's output would be.
 */
import { describe, expect, it } from 'vitest';
import { type CourseSnapshot, CourseSnapshotSchema, type Grade } from '@/lib/classroom/model';
import { matchStudents } from '@/lib/export/match';
import {
  courseworkForPlan,
  gradesForPlan,
  gradingPeriodMatching,
  lineItemIdFor,
  planExport,
  resultIdFor,
} from '@/lib/export/plan';
import type { PlanInput } from '@/lib/export/plan-types';
import type { AcademicSession, LineItem, Result } from '@/lib/oneroster/schemas';

const COURSE = '596177745468';
const NOW = new Date('2025-10-01T09:30:00.000Z');
const LI = lineItemIdFor(COURSE, '101');
const ANN = 'id:111';
const BOB = 'id:222';

type SnapshotCoursework = CourseSnapshot['coursework'][number];

/** An API snapshot (no page laid over) of one coursework and two students, with emails. */
function apiSnapshot(
  over: {
    coursework?: Partial<SnapshotCoursework>;
    grades?: Grade[];
    coverage?: Partial<CourseSnapshot['coverage']>;
    snapshot?: Partial<CourseSnapshot>;
  } = {},
): CourseSnapshot {
  return CourseSnapshotSchema.parse({
    schemaVersion: 1,
    readAt: NOW.toISOString(),
    course: { courseId: COURSE, urlCourseId: 'NTk2MTc3NzQ1NDY4', accountIndex: 0, name: 'Maths' },
    teacherEmail: 'teacher@school.example',
    coverage: { gradebook: true, roster: true, api: true, page: false, ...over.coverage },
    categories: [
      { id: 'cat-a', name: 'Homework' },
      { id: 'cat-b', name: 'Tests' },
    ],
    gradingPeriods: [
      {
        id: 'gp-api-1',
        title: 'Term 1',
        startDate: { year: 2025, month: 8, day: 20 },
        endDate: { year: 2025, month: 12, day: 19 },
      },
    ],
    coursework: [
      {
        id: '101',
        urlId: 'MTAx',
        title: 'Fractions',
        maxPoints: 10,
        dueDate: { year: 2025, month: 9, day: 20 },
        categoryId: 'cat-a',
        source: 'api',
        ...over.coursework,
      },
    ],
    students: [
      { key: ANN, name: 'Ann Smith', email: 'ann@school.example', source: 'api' },
      { key: BOB, name: 'Bob Jones', email: 'bob@school.example', source: 'api' },
    ],
    grades: over.grades ?? [apiGrade(ANN, { state: 'returned', score: 8 })],
    ...over.snapshot,
  });
}

function apiGrade(studentKey: string, over: Partial<Grade>): Grade {
  return {
    courseworkId: '101',
    studentKey,
    state: 'assigned',
    draft: false,
    late: false,
    raw: '',
    source: 'api',
    ...over,
  };
}

const period = (sourcedId: string, title: string, start: string, end: string) =>
  ({
    sourcedId,
    title,
    type: 'gradingPeriod',
    startDate: start,
    endDate: end,
    children: [],
  }) satisfies AcademicSession;

const SIS_PERIODS = [
  period('sis-q1', 'Q1', '2025-08-15', '2025-10-31'),
  period('sis-q2', 'Q2', '2025-11-01', '2026-01-20'),
];

/** The planner's input from a snapshot, as planCourseExport builds it. */
function inputFrom(snapshot: CourseSnapshot, over: Partial<PlanInput> = {}): PlanInput {
  return {
    classroomCourseId: COURSE,
    sisClassId: 'sis-class',
    coursework: courseworkForPlan(snapshot, NOW),
    grades: gradesForPlan(snapshot),
    matches: new Map([
      [ANN, 'sis-ann'],
      [BOB, 'sis-bob'],
    ]),
    rules: { exportDrafts: false, missing: 'skip', titleLimit: null, defaultCategoryId: null },
    choices: { excludedCoursework: [], categories: {} },
    sis: {
      lineItems: [],
      results: [],
      categories: [
        { sourcedId: 'sis-hw', title: 'Homework' },
        { sourcedId: 'sis-tests', title: 'Tests' },
      ],
      gradingPeriods: SIS_PERIODS,
    },
    now: NOW.toISOString(),
    ...over,
  };
}

const lineItemOf = (input: PlanInput) => {
  const op = planExport(input).operations.find((o) => o.kind === 'put-line-item');
  if (op?.kind !== 'put-line-item') throw new Error('no line item planned');
  return op.lineItem;
};

describe('line item dates from the API', () => {
  it('assignDate is the coursework’s assignedAt when the SIS has none', () => {
    const snapshot = apiSnapshot({
      coursework: {
        assignedAt: '2025-09-02T07:00:00.000Z',
        dueDate: { year: 2025, month: 10, day: 20 },
      },
    });
    expect(lineItemOf(inputFrom(snapshot)).assignDate).toBe('2025-09-02T07:00:00.000Z');
  });

  it('the SIS’s existing assignDate wins over assignedAt', () => {
    const snapshot = apiSnapshot({
      coursework: {
        assignedAt: '2025-09-02T07:00:00.000Z',
        dueDate: { year: 2025, month: 10, day: 20 },
        title: 'Fractions (renamed)',
      },
    });
    const existing: LineItem = {
      sourcedId: LI,
      title: 'Fractions',
      assignDate: '2025-09-01T00:00:00.000Z',
      dueDate: '2025-10-20T00:00:00.000Z',
      class: { sourcedId: 'sis-class' },
      resultValueMax: 10,
    } as LineItem;
    const input = inputFrom(snapshot);
    const lineItem = lineItemOf({ ...input, sis: { ...input.sis, lineItems: [existing] } });
    expect(lineItem.assignDate).toBe('2025-09-01T00:00:00.000Z');
  });

  it('never after the due date: the export time (no assignedAt) is clamped to it', () => {
    // Due 20 Sep, exported 1 Oct.
    const lineItem = lineItemOf(inputFrom(apiSnapshot()));
    expect(lineItem.dueDate).toBe('2025-09-20T00:00:00.000Z');
    expect(lineItem.assignDate).toBe('2025-09-20T00:00:00.000Z');
  });

  it('never after the due date: a scheduled time after the due time is clamped too', () => {
    const snapshot = apiSnapshot({
      coursework: {
        assignedAt: '2025-09-21T08:00:00.000Z',
        dueDate: { year: 2025, month: 9, day: 20 },
        dueTime: { hours: 22, minutes: 0 },
      },
    });
    expect(lineItemOf(inputFrom(snapshot)).assignDate).toBe('2025-09-20T22:00:00.000Z');
  });

  it('with a due time the due date is the API’s exact UTC instant', () => {
    const snapshot = apiSnapshot({
      coursework: {
        dueDate: { year: 2025, month: 10, day: 20 },
        dueTime: { hours: 21, minutes: 5 },
      },
    });
    expect(courseworkForPlan(snapshot, NOW)[0]?.dueDate).toBe('2025-10-20T21:05:00.000Z');
    expect(lineItemOf(inputFrom(snapshot)).dueDate).toBe('2025-10-20T21:05:00.000Z');
  });

  it('without a due time the due date keeps today’s rule (the date, midnight UTC)', () => {
    const snapshot = apiSnapshot({ coursework: { dueDate: { year: 2025, month: 10, day: 20 } } });
    expect(lineItemOf(inputFrom(snapshot)).dueDate).toBe('2025-10-20T00:00:00.000Z');
  });
});

describe('grading period from the API', () => {
  // Due 20 Nov lies in SIS Q2 by date: the API's own period must win over that.
  const dueInQ2 = { dueDate: { year: 2025, month: 11, day: 20 } };

  it('by the API period’s title, normalised (case, spaces)', () => {
    const snapshot = apiSnapshot({
      coursework: { ...dueInQ2, gradingPeriodId: 'gp-api-1' },
      snapshot: {
        gradingPeriods: [{ id: 'gp-api-1', title: '  q1 ' }],
      },
    });
    expect(lineItemOf(inputFrom(snapshot)).gradingPeriod).toEqual({ sourcedId: 'sis-q1' });
  });

  it('by date overlap when no SIS period has its title (the largest overlap)', () => {
    const snapshot = apiSnapshot({
      coursework: { ...dueInQ2, gradingPeriodId: 'gp-api-1' },
      snapshot: {
        gradingPeriods: [
          {
            id: 'gp-api-1',
            title: 'Autumn',
            startDate: { year: 2025, month: 9, day: 1 },
            endDate: { year: 2025, month: 11, day: 3 },
          },
        ],
      },
    });
    expect(lineItemOf(inputFrom(snapshot)).gradingPeriod).toEqual({ sourcedId: 'sis-q1' });
  });

  it('falls back to the due date when the period matches nothing or is unknown', () => {
    const unmatched = apiSnapshot({
      coursework: { ...dueInQ2, gradingPeriodId: 'gp-api-1' },
      snapshot: {
        gradingPeriods: [
          {
            id: 'gp-api-1',
            title: 'Summer',
            startDate: { year: 2026, month: 6, day: 1 },
            endDate: { year: 2026, month: 8, day: 1 },
          },
        ],
      },
    });
    expect(lineItemOf(inputFrom(unmatched)).gradingPeriod).toEqual({ sourcedId: 'sis-q2' });
    const unknown = apiSnapshot({ coursework: { ...dueInQ2, gradingPeriodId: 'gp-gone' } });
    expect(lineItemOf(inputFrom(unknown)).gradingPeriod).toEqual({ sourcedId: 'sis-q2' });
  });

  it('gradingPeriodMatching: one title match wins; without dates nothing overlaps', () => {
    expect(gradingPeriodMatching({ title: 'Q2' }, SIS_PERIODS)).toBe('sis-q2');
    expect(gradingPeriodMatching({ title: 'Term' }, SIS_PERIODS)).toBeUndefined();
  });
});

describe('category from the API', () => {
  it('the categoryId’s name picks the SIS category, over the page’s text', () => {
    const snapshot = apiSnapshot({ coursework: { categoryId: 'cat-b', category: 'Homework' } });
    const plan = planExport(inputFrom(snapshot));
    expect(plan.coursework[0]).toMatchObject({
      categoryId: 'sis-tests',
      categorySource: 'matched',
    });
  });

  it('an unknown categoryId falls back to the page’s category title', () => {
    const snapshot = apiSnapshot({ coursework: { categoryId: 'cat-x', category: 'Homework' } });
    expect(planExport(inputFrom(snapshot)).coursework[0]?.categoryId).toBe('sis-hw');
  });

  it('the teacher’s pick still wins', () => {
    const snapshot = apiSnapshot({ coursework: { categoryId: 'cat-b' } });
    const plan = planExport(
      inputFrom(snapshot, {
        choices: { excludedCoursework: [], categories: { '101': 'sis-hw' } },
      }),
    );
    expect(plan.coursework[0]).toMatchObject({ categoryId: 'sis-hw', categorySource: 'teacher' });
  });
});

describe('students of an API snapshot', () => {
  it('are matched by email, even when the SIS spells the names differently or twice', () => {
    const snapshot = apiSnapshot();
    const report = matchStudents(snapshot.students, [
      // Same name twice in the SIS: a name match would be ambiguous; the emails decide.
      { sourcedId: 'sis-b', givenName: 'Ann', familyName: 'Smith', email: 'BOB@school.example' },
      { sourcedId: 'sis-a', givenName: 'Ann', familyName: 'Smith', email: 'ann@school.example' },
    ]);
    expect(report.matched).toEqual([
      { key: ANN, sisStudentId: 'sis-a', by: 'email' },
      { key: BOB, sisStudentId: 'sis-b', by: 'email' },
    ]);
  });

  it('fall back to the name only when the SIS has no matching email', () => {
    const report = matchStudents(apiSnapshot().students, [
      { sourcedId: 'sis-a', givenName: 'Ann', familyName: 'Smith' },
    ]);
    expect(report.matched).toEqual([{ key: ANN, sisStudentId: 'sis-a', by: 'name' }]);
  });
});

describe('a grade exported before that the API no longer has', () => {
  const exported = (studentId: string, over: Partial<Result> = {}): Result => ({
    sourcedId: resultIdFor(LI, studentId),
    lineItem: { sourcedId: LI },
    student: { sourcedId: studentId },
    scoreStatus: 'fully graded',
    score: 7,
    ...over,
  });
  const withResults = (snapshot: CourseSnapshot, results: Result[]) => {
    const input = inputFrom(snapshot);
    return { ...input, sis: { ...input.sis, results } };
  };
  const bobNow = (over: Partial<Grade>) =>
    apiSnapshot({ grades: [apiGrade(ANN, { state: 'returned', score: 8 }), apiGrade(BOB, over)] });

  it('API only: is skipped as unconfirmed, never deleted (it may be Excused on the page)', () => {
    for (const bob of [{ state: 'assigned' }, { state: 'turned-in' }] as const) {
      const plan = planExport(withResults(bobNow(bob), [exported('sis-bob')]));
      expect(plan.operations.some((op) => op.kind === 'delete-result')).toBe(false);
      expect(plan.coursework[0]?.grades.find((g) => g.studentKey === BOB)).toMatchObject({
        action: 'skip',
        reason: 'unconfirmed',
      });
      expect(plan.totals.results).toMatchObject({ delete: 0, skip: 1 });
    }
  });

  it('API only: also when only the export history knows the earlier result', () => {
    const input = inputFrom(bobNow({ state: 'assigned' }));
    const plan = planExport({
      ...input,
      sis: { ...input.sis, results: undefined },
      previousResults: {
        [resultIdFor(LI, 'sis-bob')]: { score: 7, scoreStatus: 'fully graded' },
      },
    });
    expect(plan.operations.filter((op) => op.kind === 'delete-result')).toEqual([]);
    expect(plan.coursework[0]?.grades.find((g) => g.studentKey === BOB)?.reason).toBe(
      'unconfirmed',
    );
  });

  it('API only: nothing exported before is simply nothing to do', () => {
    const plan = planExport(inputFrom(bobNow({ state: 'assigned' })));
    expect(plan.coursework[0]?.grades.find((g) => g.studentKey === BOB)?.action).toBe('none');
  });

  it('page laid over: a removed grade is deleted and Excused becomes exempt, as before', () => {
    const overlaid = (bob: Partial<Grade>) =>
      apiSnapshot({
        coverage: { page: true },
        grades: [
          apiGrade(ANN, { state: 'returned', score: 8, source: 'api+page' }),
          apiGrade(BOB, { source: 'api+page', ...bob }),
        ],
      });
    const removed = planExport(withResults(overlaid({ state: 'empty' }), [exported('sis-bob')]));
    expect(removed.operations).toContainEqual(
      expect.objectContaining({ kind: 'delete-result', id: resultIdFor(LI, 'sis-bob') }),
    );
    const excused = planExport(withResults(overlaid({ state: 'excused' }), [exported('sis-bob')]));
    expect(excused.operations).toContainEqual(
      expect.objectContaining({
        kind: 'put-result',
        id: resultIdFor(LI, 'sis-bob'),
        result: expect.objectContaining({ scoreStatus: 'exempt' }),
      }),
    );
  });

  it('page laid over, but the page did not render this row: still not deleted', () => {
    const snapshot = apiSnapshot({
      coverage: { page: true },
      snapshot: { rendered: { students: 1, of: 2 } },
      grades: [
        apiGrade(ANN, { state: 'returned', score: 8, source: 'api+page' }),
        apiGrade(BOB, { state: 'assigned', source: 'api' }),
      ],
    });
    const plan = planExport(withResults(snapshot, [exported('sis-bob')]));
    expect(plan.operations.some((op) => op.kind === 'delete-result')).toBe(false);
    expect(plan.coursework[0]?.grades.find((g) => g.studentKey === BOB)?.reason).toBe(
      'unconfirmed',
    );
  });

  it('a page-only snapshot (no API) deletes a removed grade, as before', () => {
    const snapshot = apiSnapshot({
      coverage: { api: false, page: true },
      grades: [apiGrade(BOB, { state: 'empty', source: 'page' })],
    });
    const plan = planExport(withResults(snapshot, [exported('sis-bob')]));
    expect(plan.operations.map((op) => op.kind)).toContain('delete-result');
  });
});
