/**
 * One plan for both the preview and the export: the page snapshot (validated by zod, and only
 * used when it holds a Grades-page reading), the stored link and manual matches, the admin's
 * rules, the teacher's choices, the SIS as read right now, and what earlier exports wrote.
 * startExport re-plans with this same function instead of trusting a plan from the page.
 */

import type { CourseSnapshot } from '../classroom/model';
import { RequestError } from '../errors';
import { type MatchReport, matchStudents } from '../export/match';
import { courseworkForPlan, gradesForPlan, planExport } from '../export/plan';
import type { ExportRules, Plan, TeacherChoices } from '../export/plan-types';
import { t } from '../i18n/t';
import type { ClassLink } from '../settings/class-links';
import type { CourseHistory } from '../settings/export-history';
import type { ExportDefaults } from '../sis/settings-shapes';
import type { LinkedClassState } from './read-sis-state';

export interface CoursePlanInput {
  courseId: string;
  snapshot: CourseSnapshot;
  choices: TeacherChoices;
  link: ClassLink;
  /** The admin's rules in force (titleLimit already resolved: null means no limit). */
  defaults: ExportDefaults;
  state: LinkedClassState;
  history: CourseHistory;
  now: Date;
}

export interface CoursePlan {
  plan: Plan;
  report: MatchReport;
}

/** The planner's rules from the admin's export defaults. */
export function rulesFrom(defaults: ExportDefaults): ExportRules {
  return {
    exportDrafts: defaults.exportDrafts,
    missing: defaults.missingWork,
    titleLimit: defaults.titleLimit ?? null,
    defaultCategoryId: defaults.categoryId,
  };
}

/**
 * Throws 'gradebook-not-read' for a snapshot without a Grades-page reading: its empty grade
 * list means "not read", and planning from it would delete every grade exported before.
 */
export function assertGradebookRead(snapshot: CourseSnapshot): void {
  if (!snapshot.coverage.gradebook) {
    throw new RequestError('gradebook-not-read', t('errorGradebookNotRead'));
  }
}

export function planCourseExport(input: CoursePlanInput): CoursePlan {
  assertGradebookRead(input.snapshot);
  const report = matchStudents(
    input.snapshot.students,
    input.state.students,
    input.link.studentMatches,
  );
  const plan = planExport({
    classroomCourseId: input.courseId,
    sisClassId: input.link.sisClassId,
    coursework: courseworkForPlan(input.snapshot, input.now),
    grades: gradesForPlan(input.snapshot),
    matches: new Map(report.matched.map((match) => [match.key, match.sisStudentId])),
    rules: rulesFrom(input.defaults),
    choices: input.choices,
    sis: input.state.sis,
    previousResults: input.history.previousResults,
    now: input.now.toISOString(),
  });
  return { plan, report };
}

/** Line items and results the plan found already right in the SIS (the summary's "unchanged"). */
export function unchangedCount(plan: Plan): number {
  return plan.totals.lineItems.unchanged + plan.totals.results.unchanged;
}

/** Coursework the plan covers (not skipped). */
export function plannedCoursework(plan: Plan): string[] {
  return plan.coursework.filter((cw) => cw.action !== 'skip').map((cw) => cw.courseworkId);
}
