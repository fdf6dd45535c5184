/**
 * Preview and export of one linked class. Both read the SIS and plan the same way
 * (planCourseExport below); the export then journals and runs exactly the operations the plan
 * found, so what is sent is what a preview at that moment shows. The teacher's choices are
 * stored on the link, so the next preview starts from them.
 */
import type { CourseSnapshot } from '../classroom/model';
import { RequestError } from '../errors';
import { capabilitiesFor } from '../export/capabilities';
import type { JournalStore } from '../export/journal-store';
import { type MatchReport, matchStudents } from '../export/match';
import { courseworkForPlan, gradesForPlan, planExport } from '../export/plan';
import type { ExportRules, Plan, TeacherChoices } from '../export/plan-types';
import type { ClassroomSource } from '../google/classroom-source';
import { t } from '../i18n/t';
import { type ClassLink, getClassLink, updateClassLink } from '../settings/class-links';
import { type CourseHistory, readExportHistory } from '../settings/export-history';
import { exportRefusal } from '../settings/resolve-settings';
import { realCategoryRequired } from '../sis/partners';
import type { ExportDefaults } from '../sis/settings-shapes';
import type { ExportRunner } from './export-runner';
import { recordExportStart, recordNothingToSend } from './export-runner';
import {
  type LinkedClassState,
  readLinkedClass,
  type SisProfile,
  type SisSession,
} from './sis-session';
import { checkSisTeacher, type SignedInAccount, type TeacherOverride } from './teacher-identity';
import { carryOverLink, needsCarryOver } from './version-switch';

/** The course's link; 'not-linked' when there is none. */
export async function requireLink(courseId: string): Promise<ClassLink> {
  const link = await getClassLink(courseId);
  if (!link) throw new RequestError('not-linked', t('errorNotLinked'));
  return link;
}

/** What the panel asks to plan: its class, the page's reading and the teacher's choices. */
export interface ExportAsk {
  courseId: string;
  snapshot: CourseSnapshot;
  /** Stored on the link as they are, so the next preview starts from them. */
  choices: NonNullable<ClassLink['choices']>;
}

/**
 * Who asks, and whether the admin lets them work with another SIS teacher's class; and where the
 * class is read (the Classroom API when set up, lib/google/classroom-source.ts; else the page).
 */
export interface TeacherCheck {
  account: SignedInAccount;
  overrideAllowed: boolean;
  classroom?: ClassroomSource;
}

/** A class's plan as it would be sent now, with what it was planned from. */
export type PlannedExport = CoursePlan & {
  state: LinkedClassState;
  link: ClassLink;
  override: TeacherOverride | undefined;
};

async function planNow(
  sis: SisSession,
  request: ExportAsk,
  defaults: ExportDefaults,
  now: Date,
  teacher: TeacherCheck,
): Promise<PlannedExport> {
  const stored = await requireLink(request.courseId);
  // Both before any SIS request: the link may name another teacher's SIS class.
  const override = checkSisTeacher(teacher.account, stored.teacherEmail, teacher.overrideAllowed);
  // The class first: a reading without grades is refused before any SIS request.
  const snapshot = teacher.classroom
    ? await teacher.classroom.classFor(request.snapshot)
    : request.snapshot;
  assertGradebookRead(snapshot);
  // The admin moved the connection to another OneRoster version: carry the link over first.
  const link = needsCarryOver(stored, sis)
    ? await carryOverLink(sis, request.courseId, stored, snapshot, now)
    : stored;
  const [state, history] = await Promise.all([
    readLinkedClass(sis, link),
    readExportHistory(request.courseId),
  ]);
  const planned = planCourseExport({
    ...request,
    snapshot,
    link,
    defaults,
    state,
    history,
    now,
    profile: sis.profile,
  });
  await updateClassLink(request.courseId, (current) =>
    current?.sisClassId === link.sisClassId ? { ...current, choices: request.choices } : current,
  );
  return { ...planned, state, link, override };
}

/** Plans the export for the preview; sends nothing. */
export function previewCourseExport(
  sis: SisSession,
  request: ExportAsk,
  defaults: ExportDefaults,
  now: Date,
  teacher: TeacherCheck,
): Promise<PlannedExport> {
  return planNow(sis, request, defaults, now, teacher);
}

export interface StartDependencies {
  runner: ExportRunner;
  store: JournalStore;
  newExportId: () => string;
  teacher: TeacherCheck;
}

/**
 * Re-plans and starts the export without waiting for it. Nothing to send: a completed summary
 * is recorded at once (and an unfinished journal of an earlier export, now moot, is dropped).
 */
export async function startCourseExport(
  sis: SisSession,
  request: ExportAsk,
  defaults: ExportDefaults,
  now: Date,
  deps: StartDependencies,
): Promise<{ exportId: string; operations: number }> {
  const { courseId } = request;
  deps.runner.refuseIfRunning(courseId);
  const { plan, link, override } = await planNow(sis, request, defaults, now, deps.teacher);
  deps.runner.refuseIfRunning(courseId); // one may have started while we read the SIS
  // Disconnected while we read the SIS: its client may send nothing more.
  if (sis.revoked?.aborted) throw exportRefusal({ connected: false, exportEnabled: true });
  const exportId = deps.newExportId();
  // The carried-over notice has been seen: this export works from the carried link.
  if (link.carriedOver) {
    await updateClassLink(courseId, (current) => {
      if (current?.sisClassId !== link.sisClassId || !current.carriedOver) return current;
      const { carriedOver: _, ...rest } = current;
      return rest;
    });
  }
  const pending = {
    exportId,
    unchanged: unchangedCount(plan),
    courseworkIds: plannedCoursework(plan),
    ...(override ? { override } : {}),
  };
  if (plan.operations.length === 0) {
    await deps.store.remove(courseId);
    await recordNothingToSend(courseId, pending, now);
    return { exportId, operations: 0 };
  }
  // Queued before the run's own history update, and the run takes its lock synchronously: no
  // other export of the class can start in between.
  const recorded = recordExportStart(courseId, pending);
  void deps.runner.start(
    { exportId, courseId, sisClassId: link.sisClassId, operations: plan.operations },
    sis.client,
    sis.engine,
  );
  await recorded;
  return { exportId, operations: plan.operations.length };
}

/*
 * One plan for both the preview and the export: the class snapshot (validated by zod, and only
 * used when it holds a gradebook reading, from the Grades page or the Classroom API), the stored link and manual matches, the admin's
 * rules, the teacher's choices, the SIS as read right now, and what earlier exports wrote.
 * startExport re-plans with this same function instead of trusting a plan from the page.
 */
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
  /** The connection's version and SIS (the session's profile). */
  profile: SisProfile;
}

export interface CoursePlan {
  plan: Plan;
  /** The rules it was planned under (the preview offers the categories they allow). */
  rules: ExportRules;
  report: MatchReport;
  /** What it was planned from: the preview names its source, its gaps and disagreements. */
  snapshot: CourseSnapshot;
}

/** The planner's rules from the admin's export defaults and the SIS's own rules. */
export function rulesFrom(defaults: ExportDefaults, profile: SisProfile): ExportRules {
  return {
    exportDrafts: defaults.exportDrafts,
    missing: defaults.missingWork,
    titleLimit: defaults.titleLimit ?? null,
    defaultCategoryId: defaults.categoryId,
    ...(realCategoryRequired(profile.partner, profile.version) ? { categoryRequired: true } : {}),
  };
}

/**
 * Throws 'gradebook-not-read' for a snapshot without a gradebook reading (a Grades page or the
 * Classroom API, both set `coverage.gradebook`): its empty grade list means "not read", and
 * planning from it would delete every grade exported before.
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
  const rules = rulesFrom(input.defaults, input.profile);
  const plan = planExport({
    classroomCourseId: input.courseId,
    sisClassId: input.link.sisClassId,
    coursework: courseworkForPlan(input.snapshot, input.now),
    grades: gradesForPlan(input.snapshot),
    matches: new Map(report.matched.map((match) => [match.key, match.sisStudentId])),
    rules,
    choices: input.choices,
    sis: input.state.sis,
    previousResults: input.history.previousResults,
    now: input.now.toISOString(),
    capabilities: capabilitiesFor(input.profile.version),
  });
  return { plan, rules, report, snapshot: input.snapshot };
}

/** Line items and results the plan found already right in the SIS (the summary's "unchanged"). */
export function unchangedCount(plan: Plan): number {
  return plan.totals.lineItems.unchanged + plan.totals.results.unchanged;
}

/** Coursework the plan covers (not skipped). */
export function plannedCoursework(plan: Plan): string[] {
  return plan.coursework.filter((cw) => cw.action !== 'skip').map((cw) => cw.courseworkId);
}
