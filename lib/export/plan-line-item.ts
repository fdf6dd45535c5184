/**
 * The line item the SIS should hold for one coursework, and whether it already does.
 * Field choices follow Google's export (research §A): title, description, assignDate, dueDate,
 * class, category, optional gradingPeriod, resultValueMin 0, resultValueMax = points.
 */

import type { AcademicSession, LineItem, LineItemToPut } from '../oneroster/schemas';
import type { PlanCoursework } from './plan-types';

/** Cuts a title to the SIS's limit with an ellipsis; the full title goes in the description. */
export function cutTitle(title: string, limit: number | null): { title: string; cut: boolean } {
  const chars = [...title.trim()];
  if (limit === null || chars.length <= limit) return { title: chars.join(''), cut: false };
  return {
    title: `${chars
      .slice(0, Math.max(1, limit - 1))
      .join('')
      .trimEnd()}…`,
    cut: true,
  };
}

const day = (iso: string) => iso.slice(0, 10);

/** The grading period of the class's term whose dates contain the due date. */
export function gradingPeriodFor(
  dueDate: string,
  periods: readonly AcademicSession[],
): string | undefined {
  const due = day(dueDate);
  return periods.find(
    (p) => p.startDate && p.endDate && day(p.startDate) <= due && due <= day(p.endDate),
  )?.sourcedId;
}

export interface LineItemDraft {
  lineItem: LineItemToPut;
  dueDateDefaulted: boolean;
  titleCut: boolean;
}

export function desiredLineItem(
  coursework: PlanCoursework & { maxPoints: number },
  ids: { lineItemId: string; sisClassId: string; categoryId?: string },
  context: {
    titleLimit: number | null;
    existing?: LineItem;
    periods: readonly AcademicSession[];
    now: string;
  },
): LineItemDraft {
  const { existing, now } = context;
  const title = cutTitle(coursework.title, context.titleLimit);
  // Without a due date on the page keep what the SIS has, so re-exports don't move it daily.
  const dueDate = coursework.dueDate
    ? new Date(coursework.dueDate).toISOString()
    : (existing?.dueDate ?? now);
  const gradingPeriodId = gradingPeriodFor(dueDate, context.periods);
  return {
    lineItem: {
      sourcedId: ids.lineItemId,
      title: title.title,
      description: coursework.title.trim(),
      assignDate: existing?.assignDate ?? now,
      dueDate,
      class: { sourcedId: ids.sisClassId },
      ...(ids.categoryId ? { category: { sourcedId: ids.categoryId } } : {}),
      ...(gradingPeriodId ? { gradingPeriod: { sourcedId: gradingPeriodId } } : {}),
      resultValueMin: 0,
      resultValueMax: coursework.maxPoints,
    },
    dueDateDefaulted: !coursework.dueDate,
    titleCut: title.cut,
  };
}

const sameInstant = (a?: string, b?: string) =>
  a === b || (a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b));

/**
 * Some SISs cut long titles themselves (Google's suite measures exactly that), so a stored title
 * that is a non-empty prefix of ours counts as the same: otherwise every re-export would rewrite it.
 */
const sameTitle = (have: string | undefined, want: string) =>
  have === want || (!!have && want.startsWith(have.replace(/…$/, '')));

/** True when the SIS's line item already says what we would send (dates compared as instants). */
export function lineItemUnchanged(want: LineItemToPut, have: LineItem): boolean {
  return (
    sameTitle(have.title, want.title) &&
    (have.description ?? '') === (want.description ?? '') &&
    sameInstant(have.assignDate, want.assignDate) &&
    sameInstant(have.dueDate, want.dueDate) &&
    have.class.sourcedId === want.class.sourcedId &&
    have.category?.sourcedId === want.category?.sourcedId &&
    have.gradingPeriod?.sourcedId === want.gradingPeriod?.sourcedId &&
    (have.resultValueMin ?? 0) === want.resultValueMin &&
    have.resultValueMax === want.resultValueMax
  );
}
