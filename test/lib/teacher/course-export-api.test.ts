/**
 * A Classroom API snapshot through planCourseExport and toPreview (issue #13): accepted as a
 * gradebook reading, and the preview says where the data came from, which grades it kept
 * because the API alone cannot confirm them, how many rows the page showed and where the page
 * and the API disagree.
 */
import { describe, expect, it } from 'vitest';
import { type CourseSnapshot, CourseSnapshotSchema, type Grade } from '@/lib/classroom/model';
import { lineItemIdFor, resultIdFor } from '@/lib/export/plan';
import { PreviewSchema } from '@/lib/messaging/replies';
import type { Result } from '@/lib/oneroster/schemas';
import type { ClassLink } from '@/lib/settings/class-links';
import { assertGradebookRead, planCourseExport } from '@/lib/teacher/course-export';
import { toPreview } from '@/lib/teacher/panel-view';
import { DEFAULT_PROFILE, type LinkedClassState } from '@/lib/teacher/sis-session';

const COURSE = '596177745468';
const NOW = new Date('2025-10-01T09:30:00.000Z');
const LI = lineItemIdFor(COURSE, '101');
const ANN = 'id:111';
const BOB = 'id:222';

const LINK: ClassLink = {
  sisClassId: 'sis-class',
  title: 'Maths 7',
  termIds: ['t-1'],
  termTitles: ['Fall 2025'],
  teacherSourcedId: 'teacher-1',
  teacherEmail: 'teacher@school.example',
  linkedAt: '2025-09-01T00:00:00.000Z',
  studentMatches: {},
};

const grade = (studentKey: string, over: Partial<Grade>): Grade => ({
  courseworkId: '101',
  studentKey,
  state: 'assigned',
  draft: false,
  late: false,
  raw: '',
  source: 'api',
  ...over,
});

function snapshot(over: Partial<CourseSnapshot> = {}): CourseSnapshot {
  return CourseSnapshotSchema.parse({
    schemaVersion: 1,
    readAt: NOW.toISOString(),
    course: { courseId: COURSE, urlCourseId: 'NTk2MTc3NzQ1NDY4', accountIndex: 0, name: 'Maths' },
    coverage: { gradebook: true, roster: true, api: true, page: false },
    coursework: [
      {
        id: '101',
        urlId: 'MTAx',
        title: 'Fractions',
        maxPoints: 10,
        dueDate: { year: 2025, month: 10, day: 20 },
        source: 'api',
      },
    ],
    // The SIS spells Ann differently: only the email can match her.
    students: [
      { key: ANN, name: 'Ann Smith', email: 'ann@school.example', source: 'api' },
      { key: BOB, name: 'Bob Jones', email: 'bob@school.example', source: 'api' },
    ],
    grades: [grade(ANN, { state: 'returned', score: 8 }), grade(BOB, { state: 'turned-in' })],
    ...over,
  });
}

function state(results: Result[] = []): LinkedClassState {
  return {
    sis: { lineItems: [], results, categories: [], gradingPeriods: [] },
    students: [
      {
        sourcedId: 'sis-ann',
        givenName: 'Annie',
        familyName: 'Smyth',
        email: 'ANN@school.example',
      },
      { sourcedId: 'sis-bob', givenName: 'Bob', familyName: 'Jones', email: 'bob@school.example' },
    ] as LinkedClassState['students'],
  };
}

const bobExported: Result = {
  sourcedId: resultIdFor(LI, 'sis-bob'),
  lineItem: { sourcedId: LI },
  student: { sourcedId: 'sis-bob' },
  scoreStatus: 'exempt',
  score: 0,
};

function planned(snap: CourseSnapshot, sis = state()) {
  const plan = planCourseExport({
    courseId: COURSE,
    snapshot: snap,
    choices: { excludedCoursework: [], categories: {} },
    link: LINK,
    defaults: { categoryId: null, exportDrafts: false, missingWork: 'skip' },
    state: sis,
    history: { summaries: [], lastExported: {}, previousResults: {} },
    now: NOW,
    profile: DEFAULT_PROFILE,
  });
  return { plan, preview: PreviewSchema.parse(toPreview(plan, sis)) };
}

describe('planCourseExport with an API snapshot', () => {
  it('accepts it as a gradebook reading (coverage.gradebook), without a Grades page', () => {
    expect(() => assertGradebookRead(snapshot())).not.toThrow();
    const { plan } = planned(snapshot());
    expect(plan.plan.totals.results.create).toBe(1);
    expect(plan.report.matched).toEqual([
      { key: ANN, sisStudentId: 'sis-ann', by: 'email' },
      { key: BOB, sisStudentId: 'sis-bob', by: 'email' },
    ]);
  });

  it('still refuses a snapshot whose gradebook was not read', () => {
    const notRead = snapshot({ coverage: { gradebook: false, roster: true, api: false } });
    expect(() => assertGradebookRead(notRead)).toThrow(
      expect.objectContaining({ code: 'gradebook-not-read' }),
    );
  });
});

describe('toPreview: where the data came from and what it could not see', () => {
  it('API only: says so, asks to open the Grades tab, lists the kept grade by name', () => {
    const { plan, preview } = planned(snapshot(), state([bobExported]));
    expect(plan.plan.operations.map((op) => op.kind)).toEqual(['put-line-item', 'put-result']);
    expect(preview.sources).toEqual({
      api: true,
      page: false,
      unconfirmed: [
        {
          courseworkId: '101',
          studentKey: BOB,
          courseworkTitle: 'Fractions',
          studentName: 'Bob Jones',
        },
      ],
      disagreements: [],
    });
    expect(preview.coursework[0]?.grades).toContainEqual({
      studentKey: BOB,
      action: 'skip',
      reason: 'unconfirmed',
    });
  });

  it('both sources: unrendered rows counted, disagreements named', () => {
    const both = snapshot({
      coverage: { gradebook: true, roster: true, api: true, page: true },
      rendered: { students: 1, of: 2 },
      disagreements: [{ courseworkId: '101', studentKey: ANN, page: '9/10', api: 'returned 8' }],
      grades: [grade(ANN, { state: 'returned', score: 8, source: 'api+page' })],
    });
    expect(planned(both).preview.sources).toEqual({
      api: true,
      page: true,
      unconfirmed: [],
      rendered: { students: 1, of: 2 },
      disagreements: [
        {
          courseworkId: '101',
          studentKey: ANN,
          courseworkTitle: 'Fractions',
          studentName: 'Ann Smith',
          page: '9/10',
          api: 'returned 8',
        },
      ],
    });
  });

  it('a page reading from before the API source: page only, no notices; a whole grid is not "N of M"', () => {
    const page = snapshot({
      coverage: { gradebook: true, roster: false },
      rendered: { students: 2, of: 2 },
      grades: [grade(ANN, { state: 'returned', score: 8, source: 'page' })],
    });
    expect(planned(page).preview.sources).toEqual({
      api: false,
      page: true,
      unconfirmed: [],
      disagreements: [],
    });
  });
});
