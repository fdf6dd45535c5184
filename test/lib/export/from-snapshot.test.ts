import { describe, expect, it } from 'vitest';
import type { Grade } from '@/lib/classroom/model';
import { dueDateToIso, gradesForPlan, planExport } from '@/lib/export/plan';

describe('dueDateToIso', () => {
  it.each([
    [{ year: 2024, month: 2, day: 29 }, '2025-10-01', '2024-02-29'],
    [{ month: 10, day: 3 }, '2025-10-01', '2025-10-03'],
    [{ month: 1, day: 10 }, '2025-12-15', '2026-01-10'],
    [{ month: 12, day: 20 }, '2026-01-05', '2025-12-20'],
  ])('%o read on %s is %s', (due, now, expected) => {
    expect(dueDateToIso(due, new Date(`${now}T12:00:00Z`))).toBe(expected);
  });
});

describe('gradesForPlan', () => {
  const cell = (over: Partial<Grade>): Grade => ({
    courseworkId: '1',
    studentKey: 'id:1',
    state: 'empty',
    draft: false,
    late: false,
    raw: '',
    ...over,
  });

  it.each([
    ['returned', cell({ state: 'returned', score: 8 }), { score: 8, draft: false }],
    ['draft', cell({ state: 'draft', score: 7, draft: true }), { score: 7, draft: true }],
    [
      'missing with its default 0',
      cell({ state: 'missing', score: 0, draft: true }),
      { missing: true, score: 0, draft: true },
    ],
    ['excused', cell({ state: 'excused' }), { excused: true, score: null }],
    ['turned in late, no grade', cell({ state: 'turned-in', late: true }), { score: null }],
    ['unreadable', cell({ state: 'unreadable', raw: '??' }), { unreadable: true, score: null }],
  ])('%s', (_name, grade, expected) => {
    expect(gradesForPlan({ grades: [grade] } as never)[0]).toMatchObject(expected);
  });

  it('a Missing cell with a draft 0 follows the admin’s Missing rule, not the draft rule', () => {
    const [grade] = gradesForPlan({
      grades: [cell({ state: 'missing', score: 0, draft: true })],
    } as never);
    const plan = (missing: 'skip' | 'zero') =>
      planExport({
        classroomCourseId: '1',
        sisClassId: 'c',
        coursework: [{ id: '1', title: 'T', maxPoints: 10 }],
        grades: grade ? [grade] : [],
        matches: new Map([['id:1', 's1']]),
        rules: { exportDrafts: false, missing, titleLimit: null, defaultCategoryId: null },
        choices: { excludedCoursework: [], categories: {} },
        sis: { lineItems: [], results: [], categories: [], gradingPeriods: [] },
        now: '2025-10-01T00:00:00.000Z',
      }).coursework[0]?.grades[0];
    expect(plan('skip')).toMatchObject({ action: 'skip', reason: 'missing' });
    expect(plan('zero')).toMatchObject({ action: 'create', score: 0 });
  });
});
