/**
 * The one plan under both wires: OneRoster 1.1's capabilities keep every body as before; 1.2's
 * add late/missing flags, score-less submitted work, exempt without a score, the school ref, and
 * IC 1.2's real-category rule. Plus result adoption, which holds in both.
 */
import { describe, expect, it } from 'vitest';
import { capabilitiesFor } from '@/lib/export/capabilities';
import { lineItemIdFor, PLACEHOLDER_CATEGORY_ID, planExport, resultIdFor } from '@/lib/export/plan';
import type { PlanGrade, PlanInput, SisResult } from '@/lib/export/plan-types';

const COURSE = '596177745468';
const NOW = '2025-10-01T09:30:00.000Z';
const V11 = capabilitiesFor('1.1');
const V12 = capabilitiesFor('1.2');
const LI = lineItemIdFor(COURSE, 'cw1');
const ownId = (student: string) => resultIdFor(LI, student);

const cell = (studentKey: string, over: Partial<PlanGrade> = {}): PlanGrade => ({
  courseworkId: 'cw1',
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
        maxPoints: 10,
        dueDate: '2025-09-20T23:59:00Z',
        categoryTitle: 'Homework',
      },
    ],
    grades: [cell('ann', { score: 8 })],
    matches: new Map([['ann', 'sis-ann']]),
    rules: { exportDrafts: false, missing: 'zero', titleLimit: null, defaultCategoryId: null },
    choices: { excludedCoursework: [], categories: {} },
    sis: {
      lineItems: [],
      results: [],
      categories: [{ sourcedId: 'cat-hw', title: 'Homework' }],
      gradingPeriods: [],
      schoolId: 'school-1',
    },
    now: NOW,
    ...over,
  };
}

/** The result body planned for ann (undefined when none is sent). */
const annResult = (plan: ReturnType<typeof planExport>) =>
  plan.operations.find((op) => op.kind === 'put-result' && op.studentKey === 'ann');
const bodyOf = (plan: ReturnType<typeof planExport>) => {
  const op = annResult(plan);
  return op?.kind === 'put-result' ? op.result : undefined;
};

describe('planExport: 1.1 capabilities (the default)', () => {
  it('plans the same bodies with the 1.1 capabilities given or left out', () => {
    const late = input({ grades: [cell('ann', { score: 8, late: true })] });
    expect(planExport({ ...late, capabilities: V11 })).toEqual(planExport(late));
  });

  it('sends no flags, no school, and missing work as fully graded 0', () => {
    const plan = planExport(
      input({
        capabilities: V11,
        grades: [cell('ann', { missing: true, late: true })],
      }),
    );
    expect(bodyOf(plan)).toEqual({
      sourcedId: ownId('sis-ann'),
      lineItem: { sourcedId: LI },
      student: { sourcedId: 'sis-ann' },
      scoreStatus: 'fully graded',
      score: 0,
      scoreDate: NOW,
      comment: '',
    });
    const [lineItem] = plan.operations;
    expect(lineItem?.kind === 'put-line-item' && lineItem.lineItem.school).toBeUndefined();
  });

  it('sends nothing for turned-in work without a grade (1.1 needs a score)', () => {
    const plan = planExport(input({ grades: [cell('ann', { turnedIn: true, late: true })] }));
    expect(annResult(plan)).toBeUndefined();
    expect(plan.coursework[0]?.grades[0]?.action).toBe('none');
  });

  it('sends Excused as exempt with a score of 0', () => {
    const plan = planExport(input({ grades: [cell('ann', { excused: true })] }));
    expect(bodyOf(plan)).toMatchObject({ scoreStatus: 'exempt', score: 0 });
  });
});

describe('planExport: 1.2 capabilities', () => {
  it('marks graded late work late, with its score', () => {
    const plan = planExport(
      input({ capabilities: V12, grades: [cell('ann', { score: 7, late: true })] }),
    );
    // Both flags, every time: a SIS that merges a PUT must not keep a flag that no longer holds.
    expect(bodyOf(plan)).toMatchObject({
      scoreStatus: 'fully graded',
      score: 7,
      late: true,
      missing: false,
    });
    expect(plan.coursework[0]?.grades[0]).toMatchObject({ action: 'create', late: true });
  });

  it('sends missing work under "send as 0" as not submitted, 0, missing', () => {
    const plan = planExport(input({ capabilities: V12, grades: [cell('ann', { missing: true })] }));
    expect(bodyOf(plan)).toMatchObject({ scoreStatus: 'not submitted', score: 0, missing: true });
  });

  it('still skips missing work under the "skip" rule', () => {
    const plan = planExport(
      input({
        capabilities: V12,
        rules: { ...input().rules, missing: 'skip' },
        grades: [cell('ann', { missing: true })],
      }),
    );
    expect(annResult(plan)).toBeUndefined();
    expect(plan.coursework[0]?.grades[0]).toMatchObject({ action: 'skip', reason: 'missing' });
  });

  it('sends turned-in work without a grade as submitted, without a score, late when late', () => {
    const plan = planExport(
      input({ capabilities: V12, grades: [cell('ann', { turnedIn: true, late: true })] }),
    );
    const body = bodyOf(plan);
    expect(body).toMatchObject({ scoreStatus: 'submitted', late: true });
    expect(body && 'score' in body).toBe(false);
  });

  it('sends Excused as exempt without a score', () => {
    const body = bodyOf(
      planExport(input({ capabilities: V12, grades: [cell('ann', { excused: true })] })),
    );
    expect(body?.scoreStatus).toBe('exempt');
    expect(body && 'score' in body).toBe(false);
  });

  it('puts the class’s school on every line item, and skips coursework when there is none', () => {
    const plan = planExport(input({ capabilities: V12 }));
    const [op] = plan.operations;
    expect(op?.kind === 'put-line-item' && op.lineItem.school).toEqual({ sourcedId: 'school-1' });
    const noSchool = planExport(
      input({ capabilities: V12, sis: { ...input().sis, schoolId: undefined } }),
    );
    expect(noSchool.operations).toEqual([]);
    expect(noSchool.coursework[0]).toMatchObject({ action: 'skip', reason: 'no-school' });
  });

  it('counts a re-export as unchanged only when flags and a missing score match too', () => {
    const known = (over: Partial<SisResult>): SisResult => ({
      sourcedId: ownId('sis-ann'),
      lineItem: { sourcedId: LI },
      student: { sourcedId: 'sis-ann' },
      scoreStatus: 'fully graded',
      ...over,
    });
    const plan = (grade: Partial<PlanGrade>, result: SisResult) =>
      planExport(
        input({
          capabilities: V12,
          grades: [cell('ann', grade)],
          sis: { ...input().sis, results: [result] },
        }),
      ).coursework[0]?.grades[0]?.action;
    expect(plan({ score: 7, late: true }, known({ score: 7, late: true }))).toBe('unchanged');
    expect(plan({ score: 7, late: true }, known({ score: 7 }))).toBe('update');
    expect(plan({ score: 7 }, known({ score: 7, late: true }))).toBe('update');
    expect(plan({ turnedIn: true }, known({ scoreStatus: 'submitted' }))).toBe('unchanged');
    expect(plan({ turnedIn: true }, known({ scoreStatus: 'submitted', score: 5 }))).toBe('update');
    expect(plan({ missing: true }, known({ scoreStatus: 'not submitted', score: 0 }))).toBe(
      'update',
    );
    expect(
      plan({ missing: true }, known({ scoreStatus: 'not submitted', score: 0, missing: true })),
    ).toBe('unchanged');
    // A removed grade (no longer turned in, nothing to say) is still a DELETE.
    expect(plan({}, known({ score: 7 }))).toBe('delete');
  });

  it('compares flags against what earlier exports wrote when the SIS cannot list results', () => {
    const base = input({
      capabilities: V12,
      grades: [cell('ann', { score: 7, late: true })],
      sis: { ...input().sis, results: undefined },
    });
    const same = { [ownId('sis-ann')]: { score: 7, scoreStatus: 'fully graded', late: true } };
    expect(planExport({ ...base, previousResults: same }).operations).toHaveLength(1);
    const notLate = { [ownId('sis-ann')]: { score: 7, scoreStatus: 'fully graded' } };
    expect(planExport({ ...base, previousResults: notLate }).operations).toHaveLength(2);
  });
});

describe('planExport: a real category required (IC 1.2)', () => {
  const rules = { ...input().rules, categoryRequired: true };

  it('skips coursework without a category even when the SIS lists none', () => {
    const plan = planExport(input({ rules, sis: { ...input().sis, categories: [] } }));
    expect(plan.coursework[0]).toMatchObject({ action: 'skip', reason: 'no-category' });
    expect(plan.operations).toEqual([]);
    // Without the rule, a 1.1 SIS without categories takes the line item without one.
    const relaxed = planExport(input({ sis: { ...input().sis, categories: [] } }));
    expect(relaxed.coursework[0]?.action).toBe('create');
    // Any 1.2 SIS needs one: its LineItemDType requires a category, so the preview asks first.
    const v12 = planExport(input({ capabilities: V12, sis: { ...input().sis, categories: [] } }));
    expect(v12.coursework[0]).toMatchObject({ action: 'skip', reason: 'no-category' });
    expect(v12.operations).toEqual([]);
  });

  it('never counts the IC placeholder: not as default, pick, or the category already there', () => {
    const categories = [
      { sourcedId: PLACEHOLDER_CATEGORY_ID, title: 'No category' },
      { sourcedId: 'cat-hw', title: 'Homework' },
    ];
    const sis = { ...input().sis, categories };
    // No Classroom category to match by title: only the placeholder is on offer.
    const coursework = input().coursework.map(({ categoryTitle: _, ...cw }) => cw);
    const plan = planExport(
      input({
        coursework,
        rules: { ...rules, defaultCategoryId: PLACEHOLDER_CATEGORY_ID },
        choices: { excludedCoursework: [], categories: { cw1: PLACEHOLDER_CATEGORY_ID } },
        sis: {
          ...sis,
          lineItems: [
            {
              sourcedId: LI,
              title: 'Fractions',
              class: { sourcedId: 'sis-class' },
              category: { sourcedId: PLACEHOLDER_CATEGORY_ID },
            },
          ],
        },
      }),
    );
    expect(plan.coursework[0]).toMatchObject({ action: 'skip', reason: 'no-category' });
    // Without the rule (1.1), the placeholder is a category like any other.
    const v11 = planExport(
      input({
        coursework,
        rules: { ...rules, categoryRequired: false, defaultCategoryId: PLACEHOLDER_CATEGORY_ID },
        sis,
      }),
    );
    expect(v11.coursework[0]).toMatchObject({
      action: 'create',
      categoryId: PLACEHOLDER_CATEGORY_ID,
    });
  });

  it('exports once the teacher picks a real category', () => {
    const plan = planExport(
      input({ rules, choices: { excludedCoursework: [], categories: { cw1: 'cat-hw' } } }),
    );
    expect(plan.coursework[0]).toMatchObject({
      action: 'create',
      categoryId: 'cat-hw',
      categorySource: 'teacher',
    });
  });
});

describe('planExport: result adoption', () => {
  const foreign: SisResult = {
    sourcedId: 'sis-made-result-7',
    lineItem: { sourcedId: LI },
    student: { sourcedId: 'sis-ann' },
    scoreStatus: 'fully graded',
    score: 5,
  };

  it('updates the result the SIS already holds for the student under another id', () => {
    for (const capabilities of [V11, V12]) {
      const plan = planExport(input({ capabilities, sis: { ...input().sis, results: [foreign] } }));
      const op = annResult(plan);
      expect(op).toMatchObject({
        id: 'sis-made-result-7',
        result: { sourcedId: 'sis-made-result-7' },
      });
      expect(plan.coursework[0]?.grades[0]).toMatchObject({
        action: 'update',
        resultId: 'sis-made-result-7',
        adopted: true,
      });
      expect(plan.operations.filter((o) => o.kind === 'put-result')).toHaveLength(1);
    }
  });

  it('deletes an adopted result we wrote when the grade was removed, never one entered in the SIS', () => {
    const sis = { ...input().sis, results: [foreign] };
    // Written by an earlier export (under the id the student had before the SIS re-keyed them).
    const previousResults = { 'sis-made-result-7': { score: 5, scoreStatus: 'fully graded' } };
    const removed = planExport(input({ grades: [cell('ann')], sis, previousResults }));
    expect(removed.operations.filter((op) => op.kind !== 'put-line-item')).toEqual([
      expect.objectContaining({ kind: 'delete-result', id: 'sis-made-result-7' }),
    ]);
    // Not in our history: someone entered it in the SIS; an empty Classroom cell leaves it be.
    const entered = planExport(input({ grades: [cell('ann')], sis }));
    expect(entered.operations.filter((op) => op.kind !== 'put-line-item')).toEqual([]);
    expect(entered.coursework[0]?.grades[0]).toMatchObject({ action: 'none', adopted: true });
    const same = planExport(
      input({ grades: [cell('ann', { score: 5 })], sis: { ...input().sis, results: [foreign] } }),
    );
    expect(annResult(same)).toBeUndefined();
  });

  it('prefers our own id when the SIS holds both', () => {
    const ours = { ...foreign, sourcedId: ownId('sis-ann'), score: 8 };
    const plan = planExport(input({ sis: { ...input().sis, results: [foreign, ours] } }));
    expect(plan.coursework[0]?.grades[0]).toMatchObject({
      action: 'unchanged',
      resultId: ownId('sis-ann'),
    });
    expect(plan.coursework[0]?.grades[0]?.adopted).toBeUndefined();
  });
});
