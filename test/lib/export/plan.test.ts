import fc from 'fast-check';
import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Grade } from '@/lib/classroom/model';
import {
  dueDateToIso,
  gradesForPlan,
  ID_NAMESPACE,
  lineItemIdFor,
  planExport,
  resultIdFor,
} from '@/lib/export/plan';
import type { PlanGrade, PlanInput, SisResult } from '@/lib/export/plan-types';
import type { LineItem } from '@/lib/oneroster/schemas';

const COURSE = '596177745468';
const NOW = '2025-10-01T09:30:00.000Z';
const grade = (
  courseworkId: string,
  studentKey: string,
  over: Partial<PlanGrade> = {},
): PlanGrade => ({
  courseworkId,
  studentKey,
  score: null,
  draft: false,
  missing: false,
  excused: false,
  unreadable: false,
  ...over,
});

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    classroomCourseId: COURSE,
    sisClassId: 'sis-class',
    coursework: [
      {
        id: 'cw1',
        title: 'Fractions',
        maxPoints: 100,
        dueDate: '2025-09-20T23:59:00Z',
        categoryTitle: 'homework',
      },
    ],
    grades: [grade('cw1', 'ann', { score: 85 }), grade('cw1', 'bob', { score: 120 })],
    matches: new Map([
      ['ann', 'sis-ann'],
      ['bob', 'sis-bob'],
    ]),
    rules: {
      exportDrafts: false,
      missing: 'skip',
      titleLimit: null,
      defaultCategoryId: 'cat-other',
    },
    choices: { excludedCoursework: [], categories: {} },
    sis: {
      lineItems: [],
      results: [],
      categories: [
        { sourcedId: 'cat-hw', title: 'Homework' },
        { sourcedId: 'cat-other', title: 'Other' },
      ],
      gradingPeriods: [
        {
          sourcedId: 'gp1',
          type: 'gradingPeriod',
          startDate: '2025-08-15',
          endDate: '2025-10-31',
          children: [],
        },
        {
          sourcedId: 'gp2',
          type: 'gradingPeriod',
          startDate: '2025-11-01',
          endDate: '2026-01-20',
          children: [],
        },
      ],
    },
    now: NOW,
    ...over,
  };
}

/** A Grades-page reading, as every snapshot was before the Classroom API source. */
const PAGE_ONLY = { gradebook: true, roster: false };

const LI = lineItemIdFor(COURSE, 'cw1');
const resultId = (student: string) => resultIdFor(LI, student);

/** The SIS state right after a plan's operations were applied (what a perfect SIS would hold). */
function applied(plan: ReturnType<typeof planExport>, base = input()): PlanInput['sis'] {
  const lineItems = new Map<string, LineItem>(base.sis.lineItems.map((l) => [l.sourcedId, l]));
  const results = new Map<string, SisResult>((base.sis.results ?? []).map((r) => [r.sourcedId, r]));
  for (const op of plan.operations) {
    if (op.kind === 'put-line-item') lineItems.set(op.id, { ...op.lineItem });
    else if (op.kind === 'put-result') results.set(op.id, { ...op.result });
    else results.delete(op.id);
  }
  return { ...base.sis, lineItems: [...lineItems.values()], results: [...results.values()] };
}

describe('planExport', () => {
  it('a new coursework: one line item with Google’s fields, then one result per graded student', () => {
    const plan = planExport(input());
    expect(plan.operations.map((op) => op.kind)).toEqual([
      'put-line-item',
      'put-result',
      'put-result',
    ]);
    expect(plan.operations[0]).toEqual({
      kind: 'put-line-item',
      id: LI,
      courseworkId: 'cw1',
      lineItem: {
        sourcedId: LI,
        title: 'Fractions',
        description: 'Fractions',
        // Exported after the due date: the assign date (the export time) is clamped to it.
        assignDate: '2025-09-20T23:59:00.000Z',
        dueDate: '2025-09-20T23:59:00.000Z',
        class: { sourcedId: 'sis-class' },
        category: { sourcedId: 'cat-hw' },
        gradingPeriod: { sourcedId: 'gp1' },
        resultValueMin: 0,
        resultValueMax: 100,
      },
    });
    expect(plan.operations[2]).toMatchObject({
      kind: 'put-result',
      id: resultId('sis-bob'),
      result: {
        sourcedId: resultId('sis-bob'),
        lineItem: { sourcedId: LI },
        student: { sourcedId: 'sis-bob' },
        score: 120, // extra credit above resultValueMax is sent as is
        scoreStatus: 'fully graded',
        scoreDate: NOW, // the export's instant; the version's codec writes the wire format
        comment: '',
      },
    });
    expect(plan.coursework[0]).toMatchObject({
      action: 'create',
      categorySource: 'matched',
      gradingPeriodId: 'gp1',
    });
    expect(plan.totals.results).toMatchObject({ create: 2 });
  });

  it('re-planning against the SIS it produced sends nothing: everything unchanged', () => {
    const first = planExport(input());
    const again = planExport(input({ sis: applied(first), now: '2025-10-02T08:00:00.000Z' }));
    expect(again.operations).toEqual([]);
    expect(again.totals.lineItems.unchanged).toBe(1);
    expect(again.totals.results.unchanged).toBe(2);
  });

  it('a changed score is one update; a removed grade is one delete; excused becomes exempt', () => {
    const sis = applied(planExport(input()));
    const plan = planExport(
      input({
        sis,
        grades: [grade('cw1', 'ann', { score: 90 }), grade('cw1', 'bob', { excused: true })],
        coursework: [...input().coursework, { id: 'cw2', title: 'Quiz', maxPoints: 10 }],
      }),
    );
    const cw1 = plan.operations.filter((op) => op.courseworkId === 'cw1');
    expect(cw1).toEqual([
      expect.objectContaining({
        kind: 'put-result',
        id: resultId('sis-ann'),
        result: expect.objectContaining({ score: 90 }),
      }),
      expect.objectContaining({
        kind: 'put-result',
        id: resultId('sis-bob'),
        result: expect.objectContaining({ scoreStatus: 'exempt', score: 0 }),
      }),
    ]);
    // Bob's cell now says "No grade" (an empty cell on the page).
    const removed = planExport(
      input({ sis, grades: [grade('cw1', 'ann', { score: 85 }), grade('cw1', 'bob')] }),
    );
    expect(removed.operations).toEqual([
      {
        kind: 'delete-result',
        id: resultId('sis-bob'),
        courseworkId: 'cw1',
        studentKey: 'bob',
        lineItemId: LI,
      },
    ]);
  });

  it.each([
    [
      'a draft with drafts off',
      { score: 70, draft: true },
      { exportDrafts: false },
      'skip',
      'draft',
    ],
    [
      'a draft with drafts on',
      { score: 70, draft: true },
      { exportDrafts: true },
      'create',
      undefined,
    ],
    ['missing work set to skip', { missing: true }, { missing: 'skip' }, 'skip', 'missing'],
    ['missing work set to zero', { missing: true }, { missing: 'zero' }, 'create', undefined],
    [
      'missing with a returned grade',
      { missing: true, score: 4 },
      { missing: 'skip' },
      'create',
      undefined,
    ],
    ['an unreadable cell', { unreadable: true, score: 3 }, {}, 'skip', 'unreadable'],
    ['no grade yet', {}, {}, 'none', undefined],
  ] as const)('%s', (_name, cell, rules, action, reason) => {
    const plan = planExport(
      input({ grades: [grade('cw1', 'ann', cell)], rules: { ...input().rules, ...rules } }),
    );
    const ann = plan.coursework[0]?.grades.find((g) => g.studentKey === 'ann');
    expect(ann?.action).toBe(action);
    expect(ann?.reason).toBe(reason);
    const sent = plan.operations.filter((op) => op.kind === 'put-result');
    expect(sent).toHaveLength(action === 'create' ? 1 : 0);
  });

  it('missing set to zero sends a zero', () => {
    const plan = planExport(
      input({
        grades: [grade('cw1', 'ann', { missing: true })],
        rules: { ...input().rules, missing: 'zero' },
      }),
    );
    expect(plan.operations[1]).toMatchObject({ result: { score: 0, scoreStatus: 'fully graded' } });
  });

  it('a cell the page did not show never deletes a grade exported earlier', () => {
    const sis = applied(planExport(input()));
    const unseen = planExport(input({ sis, grades: [] }));
    expect(unseen.operations).toEqual([]);
    expect(unseen.coursework[0]?.grades.map((g) => g.action)).toEqual(['none', 'none']);
  });

  it('a draft or missing cell never deletes a grade exported earlier', () => {
    const sis = applied(planExport(input()));
    const plan = planExport(
      input({
        sis,
        grades: [
          grade('cw1', 'ann', { score: 10, draft: true }),
          grade('cw1', 'bob', { missing: true }),
        ],
      }),
    );
    expect(plan.operations).toEqual([]);
  });

  it.each([
    ['ungraded (no points)', { maxPoints: null }, {}, 'ungraded'],
    ['zero points', { maxPoints: 0 }, {}, 'ungraded'],
    ['unreadable column', { unreadable: true }, {}, 'unreadable'],
    [
      'excluded by the teacher',
      {},
      { choices: { excludedCoursework: ['cw1'], categories: {} } },
      'excluded',
    ],
    ['no matched students', {}, { matches: new Map() }, 'no-matched-students'],
  ] as const)('skips coursework that is %s, sending nothing', (_name, cw, over, reason) => {
    const plan = planExport(
      input({
        coursework: [{ ...input().coursework[0], id: 'cw1', title: 'T', ...cw } as never],
        ...over,
      }),
    );
    expect(plan.coursework[0]).toMatchObject({ action: 'skip', reason });
    expect(plan.operations).toEqual([]);
  });

  it('lists the grades of unmatched students as skipped, never sent', () => {
    const plan = planExport(input({ matches: new Map([['ann', 'sis-ann']]) }));
    expect(plan.coursework[0]?.grades).toContainEqual({
      studentKey: 'bob',
      action: 'skip',
      reason: 'unmatched',
    });
    expect(plan.operations.filter((op) => op.kind === 'put-result')).toHaveLength(1);
  });

  it('category: teacher’s pick, else same title, else the admin default; none available → skip', () => {
    const pick = planExport(
      input({ choices: { excludedCoursework: [], categories: { cw1: 'cat-other' } } }),
    );
    expect(pick.coursework[0]).toMatchObject({
      categoryId: 'cat-other',
      categorySource: 'teacher',
    });
    const fallback = planExport(input({ coursework: [{ id: 'cw1', title: 'T', maxPoints: 5 }] }));
    expect(fallback.coursework[0]).toMatchObject({
      categoryId: 'cat-other',
      categorySource: 'default',
    });
    const none = planExport(
      input({
        coursework: [{ id: 'cw1', title: 'T', maxPoints: 5 }],
        rules: { ...input().rules, defaultCategoryId: null },
      }),
    );
    expect(none.coursework[0]).toMatchObject({ action: 'skip', reason: 'no-category' });
    const noCategoriesInSis = planExport(
      input({
        sis: { ...input().sis, categories: [] },
        rules: { ...input().rules, defaultCategoryId: null },
      }),
    );
    expect(noCategoriesInSis.coursework[0]?.action).toBe('create');
    expect(noCategoriesInSis.operations[0]).not.toHaveProperty('lineItem.category');
  });

  it('grading period from the due date; without a due date the export time is used and flagged', () => {
    const later = planExport(
      input({ coursework: [{ id: 'cw1', title: 'T', maxPoints: 5, dueDate: '2025-12-01' }] }),
    );
    expect(later.coursework[0]?.gradingPeriodId).toBe('gp2');
    const undated = planExport(input({ coursework: [{ id: 'cw1', title: 'T', maxPoints: 5 }] }));
    expect(undated.coursework[0]).toMatchObject({ dueDateDefaulted: true, gradingPeriodId: 'gp1' });
    expect(undated.operations[0]).toMatchObject({ lineItem: { dueDate: NOW } });
    // …and a re-export keeps the date the SIS already has instead of moving it.
    const again = planExport(
      input({
        coursework: [{ id: 'cw1', title: 'T', maxPoints: 5 }],
        sis: applied(undated),
        now: '2025-12-24T00:00:00.000Z',
      }),
    );
    expect(again.operations.filter((op) => op.kind === 'put-line-item')).toEqual([]);
  });

  it('cuts a long title to the SIS limit, keeping the full title in the description', () => {
    const title = 'Chapter 7 review: ratios, rates and proportional relationships';
    const plan = planExport(
      input({
        coursework: [{ id: 'cw1', title, maxPoints: 20 }],
        rules: { ...input().rules, titleLimit: 30 },
      }),
    );
    const op = plan.operations[0];
    if (op?.kind !== 'put-line-item') throw new Error('expected a line item');
    expect([...op.lineItem.title]).toHaveLength(30);
    expect(op.lineItem.title).toBe('Chapter 7 review: ratios, rat…');
    expect(op.lineItem.description).toBe(title);
    expect(plan.coursework[0]?.titleCut).toBe(true);
  });

  it('a changed max points or title updates the line item only', () => {
    const sis = applied(planExport(input()));
    const plan = planExport(
      input({
        sis,
        coursework: [{ ...input().coursework[0], id: 'cw1', title: 'Fractions', maxPoints: 50 }],
      }),
    );
    expect(plan.operations).toEqual([
      expect.objectContaining({
        kind: 'put-line-item',
        lineItem: expect.objectContaining({ resultValueMax: 50 }),
      }),
    ]);
    expect(plan.coursework[0]?.action).toBe('update');
  });

  it('uses earlier exports when the SIS cannot list results', () => {
    const first = planExport(input());
    const sis = { ...applied(first), results: undefined };
    const previousResults = Object.fromEntries(
      first.operations.flatMap((op) =>
        op.kind === 'put-result'
          ? [[op.id, { score: op.result.score, scoreStatus: op.result.scoreStatus }]]
          : [],
      ),
    );
    expect(planExport(input({ sis, previousResults })).operations).toEqual([]);
  });
});

describe('deterministic ids', () => {
  it('are frozen: these exact ids were exported before and must never change', () => {
    // If this fails, the namespace or the name scheme changed and every re-export would
    // duplicate all line items and results in every school's SIS. (Values cross-checked with
    // Python's uuid.uuid5.)
    expect(ID_NAMESPACE).toBe('6f0b3f8e-4c1a-5d2b-9a7e-3c5d1e2f4a60');
    expect(lineItemIdFor('596177745468', '150647407422')).toBe(
      '137c4650-6510-5f5e-907d-e706d1365bb9',
    );
    expect(resultIdFor('5b0e6a36-2f2c-5c39-8a9f-1b7a0f4a1d3e', 'stu-1')).toBe(
      'b73c015d-86e0-54e7-b8df-ae193397a82a',
    );
  });

  it('are UUIDv5, stable, and distinct for distinct inputs', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (course, cw, student) => {
        const id = lineItemIdFor(course, cw);
        expect(validate(id) && version(id)).toBe(5);
        expect(lineItemIdFor(course, cw)).toBe(id);
        expect(resultIdFor(id, student)).toBe(resultIdFor(id, student));
      }),
    );
    expect(lineItemIdFor('1', '23')).not.toBe(lineItemIdFor('12', '3'));
    expect(lineItemIdFor('1', '2')).not.toBe(lineItemIdFor('2', '1'));
    const item = lineItemIdFor('1', '2');
    expect(resultIdFor(item, 'a')).not.toBe(resultIdFor(item, 'b'));
    expect(resultIdFor(item, 'a')).not.toBe(resultIdFor(lineItemIdFor('1', '3'), 'a'));
  });
});

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
    expect(gradesForPlan({ grades: [grade], coverage: PAGE_ONLY } as never)[0]).toMatchObject(
      expected,
    );
  });

  it('a Missing cell with a draft 0 follows the admin’s Missing rule, not the draft rule', () => {
    const [grade] = gradesForPlan({
      grades: [cell({ state: 'missing', score: 0, draft: true })],
      coverage: PAGE_ONLY,
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
