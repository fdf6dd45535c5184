/**
 * The connection's profile (OneRoster version, SIS) through planCourseExport and toPreview: IC
 * 1.2 requires a real category and the preview offers only real ones; 1.2 sends the snapshot's
 * late and turned-in states; 1.1 plans as before; a carried-over link's report goes with the
 * preview.
 */
import { describe, expect, it } from 'vitest';
import { type CourseSnapshot, CourseSnapshotSchema, type Grade } from '@/lib/classroom/model';
import { PLACEHOLDER_CATEGORY_ID } from '@/lib/export/plan';
import { PreviewSchema } from '@/lib/messaging/replies';
import type { ClassLink } from '@/lib/settings/class-links';
import { planCourseExport } from '@/lib/teacher/course-export';
import { toPreview } from '@/lib/teacher/panel-view';
import { DEFAULT_PROFILE, type LinkedClassState, type SisProfile } from '@/lib/teacher/sis-session';

const COURSE = '596177745468';
const NOW = new Date('2025-10-01T09:30:00.000Z');
const ANN = 'id:111';
const BOB = 'id:222';
const LINK: ClassLink = {
  sisClassId: 'sis-class',
  title: 'Maths 7',
  termIds: [],
  termTitles: [],
  teacherSourcedId: 'teacher-1',
  teacherEmail: 'teacher@school.example',
  linkedAt: '2025-09-01T00:00:00.000Z',
  studentMatches: {},
};
const IC_12: SisProfile = { version: '1.2', partner: 'infinite-campus' };

const grade = (studentKey: string, over: Partial<Grade>): Grade => ({
  courseworkId: '101',
  studentKey,
  state: 'assigned',
  draft: false,
  late: false,
  raw: '',
  ...over,
});

const SNAPSHOT: CourseSnapshot = CourseSnapshotSchema.parse({
  schemaVersion: 1,
  readAt: NOW.toISOString(),
  course: { courseId: COURSE, urlCourseId: 'NTk2MTc3NzQ1NDY4', accountIndex: 0, name: 'Maths' },
  coverage: { gradebook: true, roster: true },
  coursework: [
    {
      id: '101',
      urlId: 'MTAx',
      title: 'Fractions',
      maxPoints: 10,
      dueDate: { year: 2025, month: 10, day: 20 },
    },
  ],
  students: [
    { key: ANN, name: 'Ann Smith', email: 'ann@school.example' },
    { key: BOB, name: 'Bob Jones', email: 'bob@school.example' },
  ],
  grades: [
    grade(ANN, { state: 'returned', score: 8, late: true }),
    grade(BOB, { state: 'turned-in', late: true }),
  ],
});

const STATE: LinkedClassState = {
  sis: {
    lineItems: [],
    results: [],
    categories: [
      { sourcedId: PLACEHOLDER_CATEGORY_ID, title: 'None' },
      { sourcedId: 'cat-hw', title: 'Homework' },
    ],
    gradingPeriods: [],
    schoolId: 'school-1',
  },
  students: [
    { sourcedId: 'sis-ann', email: 'ann@school.example', orgs: [] },
    { sourcedId: 'sis-bob', email: 'bob@school.example', orgs: [] },
  ],
};

function planned(profile?: SisProfile, link: ClassLink = LINK, categories = {}) {
  const plan = planCourseExport({
    courseId: COURSE,
    snapshot: SNAPSHOT,
    choices: { excludedCoursework: [], categories },
    link,
    defaults: { categoryId: PLACEHOLDER_CATEGORY_ID, exportDrafts: false, missingWork: 'skip' },
    state: STATE,
    history: { summaries: [], lastExported: {}, previousResults: {} },
    now: NOW,
    profile: profile ?? DEFAULT_PROFILE,
  });
  return { plan, preview: PreviewSchema.parse(toPreview({ ...plan, link }, STATE)) };
}

describe('planCourseExport with the connection’s profile', () => {
  it('IC 1.2: the placeholder is no category; the preview offers only real ones', () => {
    const { plan, preview } = planned(IC_12);
    expect(plan.rules.categoryRequired).toBe(true);
    expect(preview.coursework[0]).toMatchObject({ action: 'skip', reason: 'no-category' });
    expect(preview.categories).toEqual([{ sourcedId: 'cat-hw', title: 'Homework' }]);
  });

  it('IC 1.2 with a picked category: late and turned-in work as 1.2 says them, school on the item', () => {
    const { plan, preview } = planned(IC_12, LINK, { '101': 'cat-hw' });
    const bodies = plan.plan.operations.map((op) =>
      op.kind === 'put-line-item' ? op.lineItem : op.kind === 'put-result' ? op.result : op,
    );
    expect(bodies[0]).toMatchObject({ school: { sourcedId: 'school-1' } });
    expect(bodies.slice(1)).toEqual([
      expect.objectContaining({ scoreStatus: 'fully graded', score: 8, late: true }),
      expect.objectContaining({ scoreStatus: 'submitted', late: true }),
    ]);
    expect(preview.coursework[0]?.grades).toEqual([
      expect.objectContaining({ action: 'create', late: true, scoreStatus: 'fully graded' }),
      expect.objectContaining({ action: 'create', late: true, scoreStatus: 'submitted' }),
    ]);
  });

  it('1.1 (no profile, or IC 1.1): the placeholder counts, no flags, turned-in work waits', () => {
    for (const profile of [undefined, { version: '1.1', partner: 'infinite-campus' } as const]) {
      const { plan, preview } = planned(profile);
      expect(plan.rules.categoryRequired).toBeUndefined();
      expect(preview.categories).toHaveLength(2);
      const results = plan.plan.operations.filter((op) => op.kind === 'put-result');
      expect(results).toHaveLength(1);
      expect(results[0]?.kind === 'put-result' && results[0].result).not.toHaveProperty('late');
      expect(
        plan.plan.operations[0]?.kind === 'put-line-item' && plan.plan.operations[0].lineItem,
      ).not.toHaveProperty('school');
    }
  });

  it('sends a carried-over link’s report with the preview', () => {
    const carriedOver = {
      from: '1.1' as const,
      to: '1.2' as const,
      at: NOW.toISOString(),
      students: { byLegacyId: 1, byEmail: 1, lost: 0 },
      lineItems: 1,
    };
    expect(planned(IC_12, { ...LINK, carriedOver }).preview.carriedOver).toEqual(carriedOver);
    expect(planned(IC_12).preview.carriedOver).toBeUndefined();
  });
});
