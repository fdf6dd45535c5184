/**
 * Preview and export of one linked class. Both read the SIS and plan the same way
 * (plan-course-export.ts); the export then journals and runs exactly the operations the plan
 * found, so what is sent is what a preview at that moment shows. The teacher's choices are
 * stored on the link, so the next preview starts from them.
 */
import { RequestError } from '../errors';
import type { JournalStore } from '../export/journal-store';
import { t } from '../i18n/t';
import type { Preview, SnapshotRequest } from '../messaging/panel-protocol';
import { type ClassLink, getClassLink, updateClassLink } from '../settings/class-links';
import { readExportHistory } from '../settings/export-history';
import { exportRefusal } from '../settings/export-permission';
import type { ExportDefaults } from '../sis/settings-shapes';
import type { ExportRunner } from './export-runner';
import { recordExportStart, recordNothingToSend } from './export-runner';
import {
  assertGradebookRead,
  type CoursePlan,
  planCourseExport,
  plannedCoursework,
  unchangedCount,
} from './plan-course-export';
import { toPreview } from './preview-view';
import { type LinkedClassState, readLinkedClass } from './read-sis-state';
import type { SisSession } from './sis-session';
import { checkSisTeacher, type SignedInAccount, type TeacherOverride } from './teacher-identity';

/** The course's link; 'not-linked' when there is none. */
export async function requireLink(courseId: string): Promise<ClassLink> {
  const link = await getClassLink(courseId);
  if (!link) throw new RequestError('not-linked', t('errorNotLinked'));
  return link;
}

/** Who asks, and whether the admin lets them work with another SIS teacher's class. */
export interface TeacherCheck {
  account: SignedInAccount;
  overrideAllowed: boolean;
}

async function planNow(
  sis: SisSession,
  request: SnapshotRequest,
  defaults: ExportDefaults,
  now: Date,
  teacher: TeacherCheck,
): Promise<
  CoursePlan & { state: LinkedClassState; link: ClassLink; override: TeacherOverride | undefined }
> {
  const link = await requireLink(request.courseId);
  // Both before any SIS request: the link may name another teacher's SIS class.
  const override = checkSisTeacher(teacher.account, link.teacherEmail, teacher.overrideAllowed);
  assertGradebookRead(request.snapshot);
  const [state, history] = await Promise.all([
    readLinkedClass(sis, link),
    readExportHistory(request.courseId),
  ]);
  const planned = planCourseExport({ ...request, link, defaults, state, history, now });
  await updateClassLink(request.courseId, (current) =>
    current?.sisClassId === link.sisClassId ? { ...current, choices: request.choices } : current,
  );
  return { ...planned, state, link, override };
}

/** Plans the export and shows it; sends nothing. */
export async function previewCourseExport(
  sis: SisSession,
  request: SnapshotRequest,
  defaults: ExportDefaults,
  now: Date,
  teacher: TeacherCheck,
): Promise<Preview> {
  const planned = await planNow(sis, request, defaults, now, teacher);
  return toPreview(planned, planned.state);
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
  request: SnapshotRequest,
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
