/**
 * The teacher panel's messages. The router has already checked that the sender's page is a page
 * of the class the message is about ('wrong-course'). Each handler — all but getPanelState and
 * cancelExport — then checks that
 * teachers may export at all (connected, export allowed; hidden buttons are no permission
 * check). Every message that reads or writes an SIS teacher's class also checks that the
 * signed-in account may act as that teacher (lib/teacher/teacher-identity.ts); unlinking, which
 * only forgets this browser's link, stays possible so a teacher can relink to their own class.
 * cancelExport only stops sending, so it stays possible whatever the settings. The work itself
 * lives in lib/teacher.
 */

import type { SnapshotRequest } from '@/lib/messaging/requests';
import type { Handlers } from '@/lib/messaging/router';
import { getClassLink, removeClassLink, saveClassLink } from '@/lib/settings/class-links';
import { readExportHistory } from '@/lib/settings/export-history';
import type { ResolvedSettings } from '@/lib/settings/resolve-settings';
import { readSettings } from '@/lib/settings/resolve-settings';
import { connectionOrigins } from '@/lib/sis/connection-draft';
import { partnerProfile } from '@/lib/sis/partners';
import { previewCourseExport, requireLink, startCourseExport } from '@/lib/teacher/course-export';
import { buildPanelState, setupNeeded, toLinkView, toPreview } from '@/lib/teacher/panel-view';
import { resetStudentMatch, setStudentMatch } from '@/lib/teacher/student-match';
import { buildClassLink, findTeacherClasses } from '@/lib/teacher/teacher-classes';
import { checkSisTeacher, pageIdentity } from '@/lib/teacher/teacher-identity';
import type { BackgroundDependencies } from './dependencies';
import type { TeacherRuntime } from './teacher-runtime';

type TeacherHandlers = Pick<
  Handlers,
  | 'getPanelState'
  | 'findTeacherClasses'
  | 'linkClass'
  | 'unlinkClass'
  | 'setStudentMatch'
  | 'resetStudentMatch'
  | 'previewExport'
  | 'startExport'
  | 'cancelExport'
>;

export function createTeacherHandlers(
  deps: BackgroundDependencies,
  runtime: TeacherRuntime,
): TeacherHandlers {
  const { runner, sis, store, now } = runtime;
  /** The permission check (the router already checked the page's class); the settings in force. */
  const allowed = () => sis.allowedSettings();
  const session = async () => {
    const settings = await allowed();
    return { settings, sis: await sis.sessionFor(settings) };
  };
  const identify = deps.identity ?? pageIdentity;
  /** The signed-in account may act as the SIS teacher with `email`; checked before any SIS read. */
  const checkTeacher = async (settings: ResolvedSettings, email: string, account?: string) =>
    checkSisTeacher(await identify(account), email, settings.teacherOverrideAllowed);
  /** For preview and export: who is asking, and whether the admin allows another SIS teacher. */
  const teacherCheck = async (settings: ResolvedSettings, request: SnapshotRequest) => ({
    account: await identify(request.snapshot.teacherEmail),
    overrideAllowed: settings.teacherOverrideAllowed,
  });

  async function panelState(courseId: string) {
    const settings = await readSettings(deps.readPolicy);
    const { connection } = settings;
    const running = runner.isRunning(courseId);
    const [link, journalState, history, hostAccess] = await Promise.all([
      getClassLink(courseId),
      // The poll's hot path: while the runner has the export, its stored journal says nothing new.
      running ? undefined : store.stateOf(courseId),
      readExportHistory(courseId),
      settings.connected && connection
        ? deps.hostAccess.has(connectionOrigins(connection))
        : undefined,
    ]);
    return buildPanelState({
      connected: settings.connected,
      exportAllowed: settings.exportAllowed,
      partnerName: connection ? partnerProfile(connection.partner).name() : undefined,
      setup: setupNeeded(settings, hostAccess),
      teacherOverrideAllowed: settings.teacherOverrideAllowed,
      link,
      running,
      progress: runner.progressOf(courseId),
      journalState,
      resumePending: runtime.resumePending(),
      history,
    });
  }

  return {
    async getPanelState({ courseId }) {
      return panelState(courseId);
    },

    async findTeacherClasses({ email, accountEmail }) {
      const { settings, sis: client } = await session();
      await checkTeacher(settings, email, accountEmail);
      return findTeacherClasses(client, email);
    },

    async linkClass(request) {
      const { settings, sis: client } = await session();
      await checkTeacher(settings, request.teacherEmail, request.accountEmail);
      runner.refuseIfRunning(request.courseId);
      const previous = await getClassLink(request.courseId);
      const link = await buildClassLink(client, request, previous, now());
      await saveClassLink(request.courseId, link);
      // An unfinished export to the previous SIS class is not to be resumed into this one.
      if (previous && previous.sisClassId !== link.sisClassId) await store.remove(request.courseId);
      return toLinkView(link);
    },

    async unlinkClass({ courseId }) {
      await allowed();
      runner.refuseIfRunning(courseId);
      await removeClassLink(courseId);
      await store.remove(courseId); // its unfinished writes are given up with the link
      return panelState(courseId);
    },

    async setStudentMatch(request) {
      const { settings, sis: client } = await session();
      const link = await requireLink(request.courseId);
      await checkTeacher(settings, link.teacherEmail, request.accountEmail);
      return { matches: await setStudentMatch(client, link, request) };
    },

    async resetStudentMatch(request) {
      const settings = await allowed();
      const link = await requireLink(request.courseId);
      await checkTeacher(settings, link.teacherEmail, request.accountEmail);
      return { matches: await resetStudentMatch(link, request) };
    },

    async previewExport(request) {
      const { settings, sis: client } = await session();
      const teacher = await teacherCheck(settings, request);
      const planned = await previewCourseExport(
        client,
        request,
        settings.exportDefaults,
        now(),
        teacher,
      );
      return toPreview(planned, planned.state);
    },

    async startExport(request) {
      const { settings, sis: client } = await session();
      return startCourseExport(client, request, settings.exportDefaults, now(), {
        runner,
        store,
        newExportId: runtime.newExportId,
        teacher: await teacherCheck(settings, request),
      });
    },

    async cancelExport({ courseId }) {
      return { cancelled: runner.cancel(courseId) };
    },
  };
}
