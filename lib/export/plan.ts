/**
 * The export planner: a pure function from (class snapshot, from the Grades page and/or the
 * Classroom API; link, student matches, admin rules, teacher choices, current SIS state, earlier
 * exports) to the preview the teacher sees and the exact operations the engine will send. Nothing is sent that the preview does not show.
 * Also here: the snapshot → planner-input conversion and the deterministic sourcedIds the
 * operations write to.
 */

import { v5 as uuidv5 } from 'uuid';
import type { CourseSnapshot, DueDate, Grade } from '../classroom/model';
import type {
  AcademicSession,
  Category,
  LineItemToPut,
  ResultToPut,
  ScoreStatus,
} from '../oneroster/schemas';
import { capabilitiesFor } from './capabilities';
import {
  type ClassroomGradingPeriod,
  type CourseworkPlan,
  type CourseworkSkipReason,
  type ExportRules,
  type GradePlan,
  type Operation,
  type Plan,
  type PlanCoursework,
  type PlanGrade,
  type PlanInput,
  type PlanTotals,
  type SisLineItem,
  type SisResult,
  type WireCapabilities,
  type WrittenResult,
  writtenOf,
} from './plan-types';

/** Titles compared loosely: Unicode form, case and runs of spaces do not matter. */
const titleKey = (title: string | undefined) =>
  title?.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase() ?? '';

/**
 * Infinite Campus 1.1's "no category" placeholder: IC 1.2 refuses it (oneroster-1.2.md I2), so
 * where a real category is required it never counts as one.
 */
export const PLACEHOLDER_CATEGORY_ID = '11111111-1111-1111-1111-111111111111';

/** The SIS's categories a line item may be given under `rules` (the picker's list too). */
export function usableCategories<T extends Pick<Category, 'sourcedId'>>(
  categories: readonly T[],
  rules: Pick<ExportRules, 'categoryRequired'>,
): T[] {
  return rules.categoryRequired
    ? categories.filter((c) => c.sourcedId !== PLACEHOLDER_CATEGORY_ID)
    : [...categories];
}

/** Teacher's pick, else the SIS category with the Classroom category's title, else the default. */
function chooseCategory(coursework: PlanCoursework, input: PlanInput, existing?: string) {
  const categories = usableCategories(input.sis.categories, input.rules);
  const known = new Set(categories.map((c) => c.sourcedId));
  const picked = input.choices.categories[coursework.id];
  if (picked && known.has(picked)) return { id: picked, source: 'teacher' as const };
  const matched = coursework.categoryTitle
    ? categories.find((c) => titleKey(c.title) === titleKey(coursework.categoryTitle))
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

/** OneRoster 1.1's wire: what a plan without `capabilities` is made for. */
const V1P1 = capabilitiesFor('1.1');

/*
 * Result adoption: the SIS may already hold a student's result on our line item under another
 * sourcedId (written by another tool, or by us before the SIS re-keyed its users on a switch to
 * 1.2). That result is updated in place, and deleted only when our history wrote it; a second
 * one is never created beside it.
 */
const pairKey = (lineItemId: string, studentId: string) => `${lineItemId}\u0000${studentId}`;

/** The SIS's live results grouped by (line item, student), in listing order. */
function resultsByPair(results: readonly SisResult[]): Map<string, SisResult[]> {
  const byPair = new Map<string, SisResult[]>();
  for (const result of results) {
    const key = pairKey(result.lineItem.sourcedId, result.student.sourcedId);
    const listed = byPair.get(key);
    if (listed) listed.push(result);
    else byPair.set(key, [result]);
  }
  return byPair;
}

export function planExport(input: PlanInput): Plan {
  const capabilities = input.capabilities ?? V1P1;
  const existingItems = new Map(input.sis.lineItems.map((item) => [item.sourcedId, item]));
  const byPair = input.sis.results ? resultsByPair(input.sis.results) : undefined;
  /** The result id to write for the pair and what it holds now (SIS listing, else history). */
  const knownResult = (ownId: string, lineItemId: string, studentId: string) => {
    if (!byPair) return { id: ownId, known: input.previousResults?.[ownId], adopted: false };
    const listed = byPair.get(pairKey(lineItemId, studentId)) ?? [];
    const found = listed.find((r) => r.sourcedId === ownId) ?? listed[0];
    const adopted = found !== undefined && found.sourcedId !== ownId;
    return {
      id: found?.sourcedId ?? ownId,
      known: found && writtenOf(found),
      adopted,
      // Our history names the results we wrote (under the ids users had before a re-keying SIS
      // switched to 1.2); any other listed result was entered in the SIS, and is never deleted.
      ours:
        !adopted || (found !== undefined && input.previousResults?.[found.sourcedId] !== undefined),
    };
  };
  const cells = new Map<string, PlanGrade>(
    input.grades.map((g) => [`${g.courseworkId}\u0000${g.studentKey}`, g]),
  );
  const scoreDate = input.now;
  const schoolId = capabilities.schoolRef ? input.sis.schoolId : undefined;

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
    // Line items need a category when the SIS has any to choose from, and always where the wire
    // (1.2) or the SIS (IC 1.2, a real one) requires it — even when it lists none: the teacher
    // must see why before anything is sent.
    const needsCategory =
      input.sis.categories.length > 0 ||
      capabilities.categoryRef ||
      input.rules.categoryRequired === true;
    if (!reason && !category && needsCategory) reason = 'no-category';
    if (!reason && capabilities.schoolRef && !schoolId) reason = 'no-school';
    if (reason || cw.maxPoints === null) return { ...base, action: 'skip', reason };

    const draft = desiredLineItem(
      { ...cw, maxPoints: cw.maxPoints },
      { lineItemId, sisClassId: input.sisClassId, categoryId: category?.id, schoolId },
      {
        titleLimit: input.rules.titleLimit,
        existing,
        periods: input.sis.gradingPeriods,
        gradingPeriod: cw.gradingPeriod,
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
      const found = knownResult(resultIdFor(lineItemId, sisStudentId), lineItemId, sisStudentId);
      const resultId = found.id;
      const ids = { studentKey, sisStudentId, resultId, lineItemId };
      const cell = cells.get(`${cw.id}\u0000${studentKey}`);
      const decided = planGrade(cell, ids, input.rules, found.known, scoreDate, capabilities);
      if (found.adopted) decided.plan.adopted = true;
      if (decided.remove && found.ours === false) {
        // A grade someone entered in the SIS on our column: an export may update it, not delete it.
        decided.plan.action = 'none';
        decided.remove = undefined;
      }
      const common = { id: resultId, courseworkId: cw.id, studentKey, lineItemId };
      if (decided.result) gradeOps.push({ kind: 'put-result', ...common, result: decided.result });
      if (decided.remove) gradeOps.push({ kind: 'delete-result', ...common });
      return decided.plan;
    });
    // Grades of students with no SIS match are listed (never sent), so the teacher sees them.
    for (const cell of input.grades) {
      if (cell.courseworkId !== cw.id || input.matches.has(cell.studentKey)) continue;
      if (desiredGrade(cell, input.rules, capabilities).kind !== 'send') continue;
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

/*
 * What to do with one student's grade on one line item. Export rules (admin) decide whether a
 * draft or a Missing cell is sent; the wire's capabilities decide what it can say (1.2: flags,
 * results without a score); the SIS's current result decides create / update / unchanged, and a
 * grade the teacher removed becomes a DELETE.
 */
export type KnownResult = WrittenResult;

type Desired =
  | {
      kind: 'send';
      scoreStatus: ScoreStatus;
      /** Absent only where the wire allows a result without one. */
      score?: number;
      late?: true;
      missing?: true;
    }
  | { kind: 'skip'; reason: NonNullable<GradePlan['reason']> }
  | { kind: 'nothing' };

/** Decides from the cell, the rules and the wire alone, before looking at the SIS. */
export function desiredGrade(
  cell: PlanGrade | undefined,
  rules: ExportRules,
  capabilities: WireCapabilities = V1P1,
): Desired {
  if (!cell) return { kind: 'nothing' };
  if (cell.unreadable) return { kind: 'skip', reason: 'unreadable' };
  // Excused work counts for nothing in Classroom; OneRoster's word for that is "exempt".
  if (cell.excused) {
    return capabilities.scorelessResults
      ? { kind: 'send', scoreStatus: 'exempt' }
      : { kind: 'send', score: 0, scoreStatus: 'exempt' };
  }
  const late = capabilities.resultFlags && cell.late ? { late: true as const } : {};
  if (cell.score !== null && !cell.draft) {
    return { kind: 'send', score: cell.score, scoreStatus: 'fully graded', ...late };
  }
  if (cell.missing) {
    if (rules.missing !== 'zero') return { kind: 'skip', reason: 'missing' };
    // 1.2 can say that a 0 stands for work not handed in; 1.1's only word for it is "graded 0".
    return capabilities.resultFlags
      ? { kind: 'send', score: 0, scoreStatus: 'not submitted', missing: true }
      : { kind: 'send', score: 0, scoreStatus: 'fully graded' };
  }
  if (cell.score !== null) {
    return rules.exportDrafts
      ? { kind: 'send', score: cell.score, scoreStatus: 'fully graded', ...late }
      : { kind: 'skip', reason: 'draft' };
  }
  // Turned in, not graded yet: only a wire without a required score can say so.
  if (cell.turnedIn && capabilities.scorelessResults) {
    return { kind: 'send', scoreStatus: 'submitted', ...late };
  }
  return { kind: 'nothing' };
}

const sameScore = (a: number | undefined, b: number | undefined) =>
  a === b || (a !== undefined && b !== undefined && Math.abs(a - b) < 1e-9);

/** True when the SIS's result already says what we would send. */
function sameResult(
  known: KnownResult,
  want: Extract<Desired, { kind: 'send' }>,
  capabilities: WireCapabilities,
): boolean {
  if (known.scoreStatus !== want.scoreStatus) return false;
  // An exempt result's score means nothing; SISs store 0 or keep the old one.
  if (want.scoreStatus !== 'exempt' && !sameScore(known.score, want.score)) return false;
  if (!capabilities.resultFlags) return true;
  return (
    (known.late ?? false) === (want.late ?? false) &&
    (known.missing ?? false) === (want.missing ?? false)
  );
}

export function planGrade(
  cell: PlanGrade | undefined,
  ids: { studentKey: string; sisStudentId: string; resultId: string; lineItemId: string },
  rules: ExportRules,
  known: KnownResult | undefined,
  scoreDate: string,
  capabilities: WireCapabilities = V1P1,
): { plan: GradePlan; result?: ResultToPut; remove?: true } {
  const base = {
    studentKey: ids.studentKey,
    sisStudentId: ids.sisStudentId,
    resultId: ids.resultId,
  };
  // No cell at all is not "no grade": the page did not show it (a row or column Classroom did
  // not render). Only a cell that says there is no grade may delete an exported one.
  if (!cell) return { plan: { ...base, action: 'none' } };
  const want = desiredGrade(cell, rules, capabilities);
  if (want.kind === 'skip') return { plan: { ...base, action: 'skip', reason: want.reason } };
  if (want.kind === 'nothing') {
    if (!known) return { plan: { ...base, action: 'none' } };
    // The API alone cannot tell a removed grade from Excused work: ask instead of deleting.
    if (cell.unconfirmed) return { plan: { ...base, action: 'skip', reason: 'unconfirmed' } };
    // No grade now, but one was exported before: the teacher removed it, so remove it in the SIS.
    return { plan: { ...base, action: 'delete' }, remove: true };
  }
  const same = known !== undefined && sameResult(known, want, capabilities);
  const { kind: _, ...sent } = want;
  const plan: GradePlan = {
    ...base,
    action: same ? 'unchanged' : known ? 'update' : 'create',
    ...sent,
  };
  if (same) return { plan };
  return {
    plan,
    result: {
      sourcedId: ids.resultId,
      lineItem: { sourcedId: ids.lineItemId },
      student: { sourcedId: ids.sisStudentId },
      scoreStatus: want.scoreStatus,
      ...(want.score === undefined ? {} : { score: want.score }),
      scoreDate,
      comment: '',
      // Both flags every time: a SIS that merges a PUT would otherwise keep a flag that no
      // longer holds (missing work graded since).
      ...(capabilities.resultFlags
        ? { late: want.late ?? false, missing: want.missing ?? false }
        : {}),
    },
  };
}

/*
 * The line item the SIS should hold for one coursework, and whether it already does.
 * Field choices follow Google's export (research §A): title, description, assignDate, dueDate,
 * class, category, optional gradingPeriod, resultValueMin 0, resultValueMax = points.
 */
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

/**
 * The SIS grading period for Classroom's own (API) grading period: the one with the same title,
 * else the one whose dates overlap it most; undefined when neither fits.
 */
export function gradingPeriodMatching(
  classroom: ClassroomGradingPeriod,
  periods: readonly AcademicSession[],
): string | undefined {
  const byTitle = periods.filter((p) => titleKey(p.title) === titleKey(classroom.title));
  if (byTitle.length === 1) return byTitle[0]?.sourcedId;
  const { startDate, endDate } = classroom;
  if (!startDate || !endDate) return undefined;
  const start = day(startDate);
  const end = day(endDate);
  let best: { id: string; days: number } | undefined;
  for (const p of periods) {
    if (!p.startDate || !p.endDate) continue;
    const from = Math.max(Date.parse(start), Date.parse(day(p.startDate)));
    const to = Math.min(Date.parse(end), Date.parse(day(p.endDate)));
    if (Number.isNaN(from) || Number.isNaN(to) || from > to) continue;
    const days = (to - from) / 86_400_000;
    if (!best || days > best.days) best = { id: p.sourcedId, days };
  }
  return best?.id;
}

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
  ids: { lineItemId: string; sisClassId: string; categoryId?: string; schoolId?: string },
  context: {
    titleLimit: number | null;
    existing?: SisLineItem;
    periods: readonly AcademicSession[];
    /** Classroom's grading period of the coursework (API), tried before the due date. */
    gradingPeriod?: ClassroomGradingPeriod;
    now: string;
  },
): LineItemDraft {
  const { existing, now } = context;
  const title = cutTitle(coursework.title, context.titleLimit);
  // Without a due date on the page keep what the SIS has, so re-exports don't move it daily.
  const dueDate = coursework.dueDate
    ? new Date(coursework.dueDate).toISOString()
    : (existing?.dueDate ?? now);
  const gradingPeriodId =
    (context.gradingPeriod && gradingPeriodMatching(context.gradingPeriod, context.periods)) ??
    gradingPeriodFor(dueDate, context.periods);
  const assigned = existing?.assignDate ?? coursework.assignedAt ?? now;
  // A strict SIS refuses an item assigned after it is due (an export after the due date did that).
  const assignDate = Date.parse(assigned) > Date.parse(dueDate) ? dueDate : assigned;
  return {
    lineItem: {
      sourcedId: ids.lineItemId,
      title: title.title,
      description: coursework.title.trim(),
      assignDate,
      dueDate,
      class: { sourcedId: ids.sisClassId },
      ...(ids.schoolId ? { school: { sourcedId: ids.schoolId } } : {}),
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
export function lineItemUnchanged(want: LineItemToPut, have: SisLineItem): boolean {
  return (
    sameTitle(have.title, want.title) &&
    (have.description ?? '') === (want.description ?? '') &&
    sameInstant(have.assignDate, want.assignDate) &&
    sameInstant(have.dueDate, want.dueDate) &&
    have.class.sourcedId === want.class.sourcedId &&
    // A SIS that does not echo the school it was given is taken to hold it.
    (have.school === undefined || have.school.sourcedId === want.school?.sourcedId) &&
    have.category?.sourcedId === want.category?.sourcedId &&
    have.gradingPeriod?.sourcedId === want.gradingPeriod?.sourcedId &&
    (have.resultValueMin ?? 0) === want.resultValueMin &&
    have.resultValueMax === want.resultValueMax
  );
}

/*
 * Deterministic OneRoster sourcedIds. A line item's id depends only on the Classroom course and
 * coursework, a result's only on its line item and the SIS student, so every export — a retry,
 * a resumed export, an export after unlink/relink or disconnect/reconnect — addresses the same
 * SIS resources. That is what makes duplicates impossible (Google's own export warns that
 * reconnecting may duplicate assignments; ours must not).
 */
/**
 * The product's fixed UUIDv5 namespace. NEVER change it: every id ever exported derives from it,
 * and a new namespace would make the next export create a second copy of everything.
 */
export const ID_NAMESPACE = '6f0b3f8e-4c1a-5d2b-9a7e-3c5d1e2f4a60';

/** sourcedId of the line item for one Classroom coursework. */
export function lineItemIdFor(classroomCourseId: string, courseworkId: string): string {
  return uuidv5(`classroom-course:${classroomCourseId}/coursework:${courseworkId}`, ID_NAMESPACE);
}

/** sourcedId of one student's result on one line item. */
export function resultIdFor(lineItemId: string, sisStudentId: string): string {
  return uuidv5(`line-item:${lineItemId}/student:${sisStudentId}`, ID_NAMESPACE);
}

/*
 * Turns a class snapshot (lib/classroom/model, from the page or the API) into the planner's
 * normalised input. Kept apart
 * from both, so the planner never learns about Classroom's cell vocabulary and the readers never
 * learn about export rules.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Classroom leaves the year out of due dates in the current year ("Due 3 Oct"). Pick the year
 * that puts the date nearest to the export time, so a December export of a "Due 10 Jan" item
 * lands in January of the next year.
 */
export function dueDateToIso(due: DueDate, now: Date): string {
  const nowYear = now.getUTCFullYear();
  const candidates = due.year !== undefined ? [due.year] : [nowYear - 1, nowYear, nowYear + 1];
  const distance = (year: number) =>
    Math.abs(Date.UTC(year, due.month - 1, due.day) - now.getTime());
  const year = candidates.reduce((best, y) => (distance(y) < distance(best) ? y : best));
  return `${year}-${pad(due.month)}-${pad(due.day)}`;
}

type SnapshotCoursework = CourseSnapshot['coursework'][number];

/** The due date as ISO: with the API's due time the exact UTC instant, else the date alone. */
function dueIso(item: SnapshotCoursework, now: Date): string | undefined {
  if (!item.dueDate) return undefined;
  const date = dueDateToIso(item.dueDate, now);
  const time = item.dueTime;
  return time ? `${date}T${pad(time.hours)}:${pad(time.minutes)}:00.000Z` : date;
}

const isoDay = (date: DueDate | undefined) =>
  date?.year === undefined ? undefined : `${date.year}-${pad(date.month)}-${pad(date.day)}`;

export function courseworkForPlan(snapshot: CourseSnapshot, now: Date): PlanCoursework[] {
  const categories = new Map((snapshot.categories ?? []).map((c) => [c.id, c.name]));
  const periods = new Map((snapshot.gradingPeriods ?? []).map((p) => [p.id, p]));
  return snapshot.coursework.map((item) => {
    const dueDate = dueIso(item, now);
    // The API's category (by id) names it exactly; the page's text is the fallback.
    const categoryTitle =
      (item.categoryId ? categories.get(item.categoryId)?.trim() : undefined) || item.category;
    const period = item.gradingPeriodId ? periods.get(item.gradingPeriodId) : undefined;
    const startDate = isoDay(period?.startDate);
    const endDate = isoDay(period?.endDate);
    return {
      id: item.id,
      title: item.title,
      maxPoints: item.maxPoints,
      ...(dueDate ? { dueDate } : {}),
      ...(item.assignedAt ? { assignedAt: item.assignedAt } : {}),
      ...(categoryTitle ? { categoryTitle } : {}),
      ...(period
        ? {
            gradingPeriod: {
              title: period.title,
              ...(startDate ? { startDate } : {}),
              ...(endDate ? { endDate } : {}),
            },
          }
        : {}),
    };
  });
}

/**
 * Whether the snapshot's "no grade" cells may not delete: API data the Grades page did not
 * confirm. Without the page, every API cell; with it, the cells the page did not show (a row it
 * had not rendered), which the merge leaves marked `api`.
 */
function unconfirmedCell(snapshot: CourseSnapshot, grade: Grade): boolean {
  if (!snapshot.coverage.api) return false;
  return !snapshot.coverage.page || grade.source === 'api';
}

function gradeForPlan(grade: Grade, unconfirmed: boolean): PlanGrade {
  const base = { courseworkId: grade.courseworkId, studentKey: grade.studentKey };
  return {
    ...base,
    score: grade.score ?? null,
    draft: grade.draft,
    missing: grade.state === 'missing',
    excused: grade.state === 'excused',
    unreadable: grade.state === 'unreadable',
    ...(grade.late ? { late: true } : {}),
    ...(grade.state === 'turned-in' ? { turnedIn: true } : {}),
    ...(unconfirmed ? { unconfirmed: true } : {}),
  };
}

export function gradesForPlan(snapshot: CourseSnapshot): PlanGrade[] {
  return snapshot.grades.map((grade) => gradeForPlan(grade, unconfirmedCell(snapshot, grade)));
}
