/**
 * The views the panel of a class is sent, built from what the background already has; the only
 * teacher-side file that knows the reply shapes (lib/messaging/replies.ts). The panel state:
 * whether teachers may work (and why not, with what this browser must still do), the link, the
 * class's export — running here, about to be resumed by this worker ("resuming"), or left
 * unfinished in storage for the teacher ("resumable") — its latest progress, and the history.
 * And the preview of a plan.
 */

import type { CourseSnapshot } from '../classroom/model';
import { isUnfinished, type JournalState } from '../export/journal';
import type { JournalStore } from '../export/journal-store';
import { usableCategories } from '../export/plan';
import type { Plan } from '../export/plan-types';
import type { ExportProgress } from '../export/summary';
import type {
  ClassLinkView,
  PanelAccess,
  PanelState,
  Preview,
  PreviewSources,
} from '../messaging/replies';
import { type ClassLink, getClassLink } from '../settings/class-links';
import { type CourseHistory, readExportHistory } from '../settings/export-history';
import type { ResolvedSettings } from '../settings/resolve-settings';
import { checkConnectionDraft, connectionOrigins } from '../sis/connection-draft';
import type { HostAccess } from '../sis/host-access';
import { authModeFor, partnerProfile } from '../sis/partners';
import type { CoursePlan } from './course-export';
import type { ExportRunner } from './export-runner';
import type { LinkedClassState } from './sis-session';
import { personName } from './teacher-classes';

/** Where the panel state of a class is read from, besides the settings in force. */
export interface PanelStateSources {
  hostAccess: HostAccess;
  runner: Pick<ExportRunner, 'isRunning' | 'progressOf'>;
  store: Pick<JournalStore, 'stateOf'>;
  /** This worker's start-up resume pass has not decided yet. */
  resumePending: boolean;
  /**
   * Whether a Google token for the page's account is at hand, cached or from a silent renewal
   * (lib/google/auth.ts `ready`: never a visible window); asked only when a Google client id is
   * in force.
   */
  googleSignedIn?: () => Promise<boolean>;
}

/** What the panel of `courseId` shows now. */
export async function readPanelState(
  courseId: string,
  settings: ResolvedSettings,
  sources: PanelStateSources,
): Promise<PanelState> {
  const { connection } = settings;
  const running = sources.runner.isRunning(courseId);
  const configured = settings.google.clientId !== undefined;
  const [link, journalState, history, hostAccess, googleSignedIn] = await Promise.all([
    getClassLink(courseId),
    // The poll's hot path: while the runner has the export, its stored journal says nothing new.
    running ? undefined : sources.store.stateOf(courseId),
    readExportHistory(courseId),
    settings.connected && connection
      ? sources.hostAccess.has(connectionOrigins(connection))
      : undefined,
    configured && sources.googleSignedIn ? sources.googleSignedIn() : false,
  ]);
  return buildPanelState({
    connected: settings.connected,
    exportAllowed: settings.exportAllowed,
    partnerName: connection ? partnerProfile(connection.partner).name() : undefined,
    setup: setupNeeded(settings, hostAccess),
    teacherOverrideAllowed: settings.teacherOverrideAllowed,
    // Only when the Classroom API is set up: otherwise the panel has nothing to offer.
    ...(configured ? { google: { configured, signedIn: googleSignedIn } } : {}),
    link,
    running,
    progress: sources.runner.progressOf(courseId),
    journalState,
    resumePending: sources.resumePending,
    history,
  });
}

export interface PanelStateInput {
  connected: boolean;
  exportAllowed: boolean;
  partnerName?: string;
  setup?: PanelAccess['setup'];
  teacherOverrideAllowed?: boolean;
  google?: PanelAccess['google'];
  link: ClassLink | undefined;
  running: boolean;
  progress: ExportProgress | undefined;
  /** The state of the class's stored journal, if any. */
  journalState: JournalState | undefined;
  /**
   * This worker has not yet decided which exports a stopped worker left running it resumes
   * (lib/teacher/export-runner.ts, at every start): until then such a journal is about to
   * continue, not "did not finish".
   */
  resumePending: boolean;
  history: CourseHistory;
}

/** The link as the panel shows it (ids of the teacher and matches stay in the background). */
export function toLinkView(link: ClassLink): ClassLinkView {
  return {
    sisClassId: link.sisClassId,
    title: link.title,
    ...(link.classCode ? { classCode: link.classCode } : {}),
    termTitles: link.termTitles,
    teacherEmail: link.teacherEmail,
    linkedAt: link.linkedAt,
    ...(link.choices ? { choices: link.choices } : {}),
    ...(link.carriedOver ? { carriedOver: link.carriedOver } : {}),
  };
}

export function buildPanelState(input: PanelStateInput): PanelState {
  const resumable =
    !input.running && input.journalState !== undefined && isUnfinished(input.journalState);
  return {
    access: {
      connected: input.connected,
      exportAllowed: input.exportAllowed,
      ...(input.partnerName ? { partnerName: input.partnerName } : {}),
      ...(input.setup ? { setup: input.setup } : {}),
      ...(input.teacherOverrideAllowed ? { teacherOverrideAllowed: true } : {}),
      ...(input.google ? { google: input.google } : {}),
    },
    link: input.link ? toLinkView(input.link) : null,
    export: {
      running: input.running,
      resumable,
      resuming: resumable && input.journalState === 'running' && input.resumePending,
      ...(input.running && input.progress ? { progress: input.progress } : {}),
    },
    history: input.history.summaries,
    lastExported: input.history.lastExported,
  };
}

/*
 * What a browser must still do before its teachers can work, when only that browser can do it
 * (PanelAccess['setup']): Chrome grants an extension access to the SIS's address only from a
 * click on one of its own pages, so even a connection the district policy sets completely has to
 * be authorized once per browser. The panel then points the teacher at the options page instead
 * of telling them to wait for an administrator.
 */
type SetupSettings = Pick<
  ResolvedSettings,
  'connected' | 'managed' | 'policyConnection' | 'secret'
>;

/**
 * `hostAccess`: whether the browser still grants the connection's origins (asked only when
 * connected; undefined otherwise).
 */
export function setupNeeded(
  settings: SetupSettings,
  hostAccess: boolean | undefined,
): PanelAccess['setup'] {
  if (settings.connected) return hostAccess === false ? 'host-access' : undefined;
  if (!settings.managed.active) return undefined;
  // Only when Authorize would go through with nothing typed: otherwise an administrator has to
  // fill in what the policy leaves out, and the panel says so as before.
  const policy = settings.policyConnection;
  const partner = policy.partner ?? 'other';
  const complete = checkConnectionDraft(
    {
      partner,
      hostUrl: policy.hostUrl ?? '',
      authMode: authModeFor(partner, policy.authMode),
      accessKey: policy.accessKey ?? '',
      tokenUrl: policy.tokenUrl,
      signatureMethod: policy.signatureMethod,
      version: policy.version,
      gradebookUrl: policy.gradebookUrl,
      scoreDateFormat: policy.scoreDateFormat,
    },
    { secretAvailable: settings.secret !== undefined },
  ).ok;
  return complete ? 'authorize' : undefined;
}

/*
 * The plan as the panel's preview shows it (PreviewSchema): per coursework its action, reason,
 * category and grading period by title, per student the grade to send, delete or skip; the
 * category list to choose from; and the student match report with the SIS students' names, so
 * the teacher can pick unmatched students by hand.
 */
/** Drops undefined fields, so the reply holds exactly what the schema lists. */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

/**
 * The preview's data-source notices: which source was read, the grades kept because the API
 * alone cannot confirm their removal, unrendered rows, and page/API disagreements, by name.
 */
export function previewSources(plan: Plan, snapshot: CourseSnapshot): PreviewSources {
  const titles = new Map(snapshot.coursework.map((cw) => [cw.id, cw.title]));
  const names = new Map(snapshot.students.map((student) => [student.key, student.name]));
  const api = snapshot.coverage.api === true;
  // A snapshot from before the API source is a page reading.
  const page = snapshot.coverage.page ?? !api;
  const rendered = snapshot.rendered;
  return {
    api,
    page,
    unconfirmed: plan.coursework.flatMap((cw) =>
      cw.grades
        .filter((grade) => grade.reason === 'unconfirmed')
        .map((grade) => ({
          courseworkId: cw.courseworkId,
          studentKey: grade.studentKey,
          courseworkTitle: cw.title,
          studentName: names.get(grade.studentKey) ?? grade.studentKey,
        })),
    ),
    ...(rendered?.of !== undefined && rendered.of > rendered.students
      ? { rendered: { students: rendered.students, of: rendered.of } }
      : {}),
    disagreements: (snapshot.disagreements ?? []).map((cell) => ({
      courseworkId: cell.courseworkId,
      studentKey: cell.studentKey,
      courseworkTitle: titles.get(cell.courseworkId) ?? cell.courseworkId,
      studentName: names.get(cell.studentKey) ?? cell.studentKey,
      page: cell.page,
      api: cell.api,
    })),
  };
}

/** `link`: the link planned with; its carried-over report, if any, goes with the preview. */
export function toPreview(
  { plan, rules, report, snapshot, link }: CoursePlan & { link?: ClassLink },
  state: LinkedClassState,
): Preview {
  const periods = new Map(state.sis.gradingPeriods.map((p) => [p.sourcedId, p.title]));
  return {
    coursework: plan.coursework.map((cw) =>
      defined({
        courseworkId: cw.courseworkId,
        title: cw.title,
        action: cw.action,
        reason: cw.reason,
        categoryId: cw.categoryId,
        categorySource: cw.categorySource,
        gradingPeriodTitle: cw.gradingPeriodId
          ? (periods.get(cw.gradingPeriodId) ?? cw.gradingPeriodId)
          : undefined,
        dueDateDefaulted: cw.dueDateDefaulted,
        titleCut: cw.titleCut,
        grades: cw.grades.map((grade) =>
          defined({
            studentKey: grade.studentKey,
            action: grade.action,
            reason: grade.reason,
            score: grade.score,
            scoreStatus: grade.scoreStatus,
            late: grade.late,
            missing: grade.missing,
            adopted: grade.adopted,
          }),
        ),
      }),
    ),
    totals: plan.totals,
    operations: plan.operations.length,
    categories: usableCategories(state.sis.categories, rules).map((category) => ({
      sourcedId: category.sourcedId,
      title: category.title?.trim() || category.sourcedId,
    })),
    students: {
      matched: report.matched,
      unmatched: report.unmatched,
      sisStudents: state.students.map((student) =>
        defined({
          sourcedId: student.sourcedId,
          name: personName(student),
          email: student.email,
        }),
      ),
    },
    sources: previewSources(plan, snapshot),
    ...(link?.carriedOver ? { carriedOver: link.carriedOver } : {}),
  };
}
