/**
 * What to do with one student's grade on one line item. Export rules (admin) decide whether a
 * draft or a Missing cell is sent; the SIS's current result (same deterministic id) decides
 * create / update / unchanged, and a grade the teacher removed becomes a DELETE.
 */
import type { ResultToPut } from '../oneroster/schemas';
import type { ExportRules, GradePlan, PlanGrade } from './plan-types';

export interface KnownResult {
  score: number;
  scoreStatus: string;
}

type Desired =
  | { kind: 'send'; score: number; scoreStatus: 'fully graded' | 'exempt' }
  | { kind: 'skip'; reason: NonNullable<GradePlan['reason']> }
  | { kind: 'nothing' };

/** Decides from the cell and the rules alone, before looking at the SIS. */
export function desiredGrade(cell: PlanGrade | undefined, rules: ExportRules): Desired {
  if (!cell) return { kind: 'nothing' };
  if (cell.unreadable) return { kind: 'skip', reason: 'unreadable' };
  // Excused work counts for nothing in Classroom; OneRoster's word for that is "exempt".
  if (cell.excused) return { kind: 'send', score: 0, scoreStatus: 'exempt' };
  if (cell.score !== null && !cell.draft) {
    return { kind: 'send', score: cell.score, scoreStatus: 'fully graded' };
  }
  if (cell.missing) {
    return rules.missing === 'zero'
      ? { kind: 'send', score: 0, scoreStatus: 'fully graded' }
      : { kind: 'skip', reason: 'missing' };
  }
  if (cell.score !== null) {
    return rules.exportDrafts
      ? { kind: 'send', score: cell.score, scoreStatus: 'fully graded' }
      : { kind: 'skip', reason: 'draft' };
  }
  return { kind: 'nothing' };
}

export function planGrade(
  cell: PlanGrade | undefined,
  ids: { studentKey: string; sisStudentId: string; resultId: string; lineItemId: string },
  rules: ExportRules,
  known: KnownResult | undefined,
  scoreDate: string,
): { plan: GradePlan; result?: ResultToPut; remove?: true } {
  const base = {
    studentKey: ids.studentKey,
    sisStudentId: ids.sisStudentId,
    resultId: ids.resultId,
  };
  // No cell at all is not "no grade": the page did not show it (a row or column Classroom did
  // not render). Only a cell that says there is no grade may delete an exported one.
  if (!cell) return { plan: { ...base, action: 'none' } };
  const want = desiredGrade(cell, rules);
  if (want.kind === 'skip') return { plan: { ...base, action: 'skip', reason: want.reason } };
  if (want.kind === 'nothing') {
    // No grade now, but one was exported before: the teacher removed it, so remove it in the SIS.
    return known
      ? { plan: { ...base, action: 'delete' }, remove: true }
      : { plan: { ...base, action: 'none' } };
  }
  const same =
    known !== undefined &&
    known.scoreStatus === want.scoreStatus &&
    // An exempt result's score means nothing; SISs store 0 or keep the old one.
    (want.scoreStatus === 'exempt' || Math.abs(known.score - want.score) < 1e-9);
  const plan: GradePlan = {
    ...base,
    action: same ? 'unchanged' : known ? 'update' : 'create',
    score: want.score,
    scoreStatus: want.scoreStatus,
  };
  if (same) return { plan };
  return {
    plan,
    result: {
      sourcedId: ids.resultId,
      lineItem: { sourcedId: ids.lineItemId },
      student: { sourcedId: ids.sisStudentId },
      scoreStatus: want.scoreStatus,
      score: want.score,
      scoreDate,
      comment: '',
    },
  };
}
