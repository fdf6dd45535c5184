/**
 * The export planner: a pure function from (page snapshot, link, student matches, admin rules,
 * teacher choices, current SIS state, earlier exports) to the preview the teacher sees and the
 * exact operations the engine will send. Nothing is sent that the preview does not show.
 */
import type { Category } from '../oneroster/schemas';
import { lineItemIdFor, resultIdFor } from './ids';
import type { Operation } from './operations';
import { desiredGrade, planGrade } from './plan-grades';
import { desiredLineItem, lineItemUnchanged } from './plan-line-item';
import type {
  CourseworkPlan,
  CourseworkSkipReason,
  Plan,
  PlanCoursework,
  PlanGrade,
  PlanInput,
  PlanTotals,
} from './plan-types';

const titleKey = (title: string | undefined) => title?.trim().toLocaleLowerCase() ?? '';

/** Teacher's pick, else the SIS category with the Classroom category's title, else the default. */
function chooseCategory(coursework: PlanCoursework, input: PlanInput, existing?: string) {
  const known = new Set(input.sis.categories.map((c: Category) => c.sourcedId));
  const picked = input.choices.categories[coursework.id];
  if (picked && known.has(picked)) return { id: picked, source: 'teacher' as const };
  const matched = coursework.categoryTitle
    ? input.sis.categories.find((c) => titleKey(c.title) === titleKey(coursework.categoryTitle))
    : undefined;
  if (matched) return { id: matched.sourcedId, source: 'matched' as const };
  // A category someone chose in the SIS after an earlier export is theirs to keep.
  if (existing && known.has(existing)) return { id: existing, source: 'existing' as const };
  const fallback = input.rules.defaultCategoryId;
  if (fallback && known.has(fallback)) return { id: fallback, source: 'default' as const };
  return undefined;
}

function skipReason(
  coursework: PlanCoursework,
  input: PlanInput,
): CourseworkSkipReason | undefined {
  if (input.choices.excludedCoursework.includes(coursework.id)) return 'excluded';
  if (coursework.unreadable) return 'unreadable';
  if (coursework.maxPoints === null || !(coursework.maxPoints > 0)) return 'ungraded';
  if (input.matches.size === 0) return 'no-matched-students';
  return undefined;
}

export function planExport(input: PlanInput): Plan {
  const existingItems = new Map(input.sis.lineItems.map((item) => [item.sourcedId, item]));
  const sisResults = input.sis.results
    ? new Map(
        input.sis.results.map((r) => [r.sourcedId, { score: r.score, scoreStatus: r.scoreStatus }]),
      )
    : undefined;
  const knownResult = (id: string) =>
    sisResults ? sisResults.get(id) : input.previousResults?.[id];
  const cells = new Map<string, PlanGrade>(
    input.grades.map((g) => [`${g.courseworkId}\u0000${g.studentKey}`, g]),
  );
  const scoreDate = input.now.slice(0, 10);

  const lineItemOps: Operation[] = [];
  const gradeOps: Operation[] = [];
  const coursework: CourseworkPlan[] = input.coursework.map((cw) => {
    const lineItemId = lineItemIdFor(input.classroomCourseId, cw.id);
    const existing = existingItems.get(lineItemId);
    const base = {
      courseworkId: cw.id,
      title: cw.title,
      lineItemId,
      dueDateDefaulted: false,
      titleCut: false,
      grades: [],
    };
    let reason = skipReason(cw, input);
    const category = chooseCategory(cw, input, existing?.category?.sourcedId);
    // OneRoster 1.1 line items need a category when the SIS has any to choose from.
    if (!reason && !category && input.sis.categories.length > 0) reason = 'no-category';
    if (reason || cw.maxPoints === null) return { ...base, action: 'skip', reason };

    const draft = desiredLineItem(
      { ...cw, maxPoints: cw.maxPoints },
      { lineItemId, sisClassId: input.sisClassId, categoryId: category?.id },
      {
        titleLimit: input.rules.titleLimit,
        existing,
        periods: input.sis.gradingPeriods,
        now: input.now,
      },
    );
    const action = !existing
      ? 'create'
      : lineItemUnchanged(draft.lineItem, existing)
        ? 'unchanged'
        : 'update';
    if (action !== 'unchanged') {
      lineItemOps.push({
        kind: 'put-line-item',
        id: lineItemId,
        courseworkId: cw.id,
        lineItem: draft.lineItem,
      });
    }

    const grades = [...input.matches].map(([studentKey, sisStudentId]) => {
      const resultId = resultIdFor(lineItemId, sisStudentId);
      const ids = { studentKey, sisStudentId, resultId, lineItemId };
      const decided = planGrade(
        cells.get(`${cw.id}\u0000${studentKey}`),
        ids,
        input.rules,
        knownResult(resultId),
        scoreDate,
      );
      const common = { id: resultId, courseworkId: cw.id, studentKey, lineItemId };
      if (decided.result) gradeOps.push({ kind: 'put-result', ...common, result: decided.result });
      if (decided.remove) gradeOps.push({ kind: 'delete-result', ...common });
      return decided.plan;
    });
    // Grades of students with no SIS match are listed (never sent), so the teacher sees them.
    for (const cell of input.grades) {
      if (cell.courseworkId !== cw.id || input.matches.has(cell.studentKey)) continue;
      if (desiredGrade(cell, input.rules).kind !== 'send') continue;
      grades.push({ studentKey: cell.studentKey, action: 'skip', reason: 'unmatched' });
    }
    return {
      ...base,
      action,
      categoryId: category?.id,
      categorySource: category?.source,
      gradingPeriodId: draft.lineItem.gradingPeriod?.sourcedId,
      dueDateDefaulted: draft.dueDateDefaulted,
      titleCut: draft.titleCut,
      grades,
    };
  });
  return { coursework, operations: [...lineItemOps, ...gradeOps], totals: totalsOf(coursework) };
}

function totalsOf(coursework: readonly CourseworkPlan[]): PlanTotals {
  const totals: PlanTotals = {
    lineItems: { create: 0, update: 0, unchanged: 0, skip: 0 },
    results: { create: 0, update: 0, delete: 0, unchanged: 0, skip: 0, none: 0 },
  };
  for (const cw of coursework) {
    totals.lineItems[cw.action]++;
    for (const grade of cw.grades) totals.results[grade.action]++;
  }
  return totals;
}
