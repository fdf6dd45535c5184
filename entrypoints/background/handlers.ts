/**
 * Every message's handler: a few lines each, the work itself lives in lib/. The router has
 * already checked the sender, the payload and, for a message about a class, that the sender's
 * page is a page of that class ('wrong-course').
 *
 * Options page: the district policy's values win over what the page sends, and a locked policy
 * refuses changes here too, not just on the page (lib/settings/admin-settings.ts).
 *
 * Teacher panel: every message but getPanelState and cancelExport first checks that teachers
 * may export at all (connected, export allowed; hidden buttons are no permission check). Every
 * message that reads or writes an SIS teacher's class also checks that the signed-in account may
 * act as that teacher (lib/teacher/teacher-identity.ts); unlinking, which only forgets this
 * browser's link, stays possible so a teacher can relink to their own class. cancelExport only
 * stops sending, so it stays possible whatever the settings.
 */
import { checkGoogleAccess } from '@/lib/google/check-access';
import { t } from '@/lib/i18n/t';
import type { AdminState } from '@/lib/messaging/replies';
import type { SnapshotRequest } from '@/lib/messaging/requests';
import type { Handlers } from '@/lib/messaging/router';
import {
  saveExportDefaults,
  saveGoogleAccess,
  saveTeacherPermission,
  toAdminState,
} from '@/lib/settings/admin-settings';
import { deleteHistoryGrades } from '@/lib/settings/export-history';
import { type ResolvedSettings, readSettings } from '@/lib/settings/resolve-settings';
import { authorizeConnection, disconnect } from '@/lib/sis/authorize';
import { connectionOrigins } from '@/lib/sis/connection-draft';
import { previewCourseExport, requireLink, startCourseExport } from '@/lib/teacher/course-export';
import { readPanelState, toLinkView, toPreview } from '@/lib/teacher/panel-view';
import { resetStudentMatch, setStudentMatch } from '@/lib/teacher/student-match';
import { findTeacherClasses, linkClass, unlinkClass } from '@/lib/teacher/teacher-classes';
import { checkSisTeacher, pageIdentity } from '@/lib/teacher/teacher-identity';
import {
  type BackgroundDependencies,
  type BackgroundState,
  browserDependencies,
  createTeacherRuntime,
  type TeacherRuntime,
} from './runtime';

/**
 * `teacher` is the worker's export runtime; index.ts passes the one it also resumes exports
 * with, tests may leave it out.
 */
export function createHandlers(
  state: BackgroundState,
  deps: BackgroundDependencies = browserDependencies,
  teacher: TeacherRuntime = createTeacherRuntime(deps),
): Handlers {
  const { runner, sis, store, now, google } = teacher;
  const settings = () => readSettings(deps.readPolicy);
  const adminState = async (): Promise<AdminState> => {
    const current = await settings();
    const hostAccess =
      !current.connection || (await deps.hostAccess.has(connectionOrigins(current.connection)));
    return toAdminState(current, await state.storageTrusted, hostAccess, google.redirectUri());
  };
  /** The teacher permission check; the settings in force. */
  const allowed = () => sis.allowedSettings();
  const session = async () => {
    const current = await allowed();
    return { settings: current, sis: await sis.sessionFor(current) };
  };
  const identify = deps.identity ?? pageIdentity;
  /** The signed-in account may act as the SIS teacher with `email`; checked before any SIS read. */
  const checkTeacher = async (current: ResolvedSettings, email: string, account?: string) =>
    checkSisTeacher(await identify(account), email, current.teacherOverrideAllowed);
  /** For preview and export: who is asking, and whether the admin allows another SIS teacher. */
  const teacherCheck = async (current: ResolvedSettings, request: SnapshotRequest) => ({
    account: await identify(request.snapshot.teacherEmail),
    overrideAllowed: current.teacherOverrideAllowed,
    // The Classroom API reads the class only where the admin set up Google access.
    ...(current.google.clientId ? { classroom: teacher.classroom } : {}),
  });
  /** `account`: the page's account, whose Google token the panel asks about. */
  const panelState = async (courseId: string, account?: string) =>
    readPanelState(courseId, await settings(), {
      hostAccess: deps.hostAccess,
      runner,
      store,
      resumePending: teacher.resumePending(),
      googleSignedIn: () => google.ready(account),
    });

  return {
    async getStatus() {
      const current = await settings();
      return {
        version: browser.runtime.getManifest().version,
        storageTrusted: await state.storageTrusted,
        connected: current.connected,
        exportAllowed: current.exportAllowed,
      };
    },

    async openSettings() {
      await (deps.openOptionsPage ?? (() => browser.runtime.openOptionsPage()))();
      return {};
    },

    getAdminState: adminState,

    async authorizeConnection(draft) {
      const result = await authorizeConnection(draft, await settings(), {
        hostAccess: deps.hostAccess,
        storageTrusted: state.storageTrusted,
        fetch: deps.fetch,
        now: now(),
      });
      return { ...result, state: await adminState() };
    },

    async saveTeacherPermission(request) {
      await saveTeacherPermission(await settings(), request);
      return adminState();
    },

    async saveExportDefaults(request) {
      await saveExportDefaults(await settings(), request);
      return adminState();
    },

    async disconnect({ deleteGradeData }) {
      const outcome = await disconnect(await settings(), deleteGradeData, {
        hostAccess: deps.hostAccess,
        stopExports: () =>
          runner.stopAll({ code: 'disconnected', message: t('exportStoppedDisconnected') }),
        forgetClients: () => {
          sis.forget();
          // The Google tokens go too (in storage.session; a failure there only logs).
          google
            .forgetAll()
            .catch((error: unknown) =>
              console.error('[sis-export] forgetting Google tokens failed', error),
            );
        },
        // Through the stores' own API, so it holds wherever they keep their data.
        deleteGrades: async () => {
          await store.removeAll();
          await deleteHistoryGrades();
        },
      });
      return { ...outcome, state: await adminState() };
    },

    async saveGoogleAccess({ clientId }) {
      await saveGoogleAccess(await settings(), clientId, () => google.forgetAll());
      return adminState();
    },

    // The admin signs in from their click (a window may open); the reply never holds the token.
    checkGoogleAccess: () => checkGoogleAccess(google, { fetch: deps.fetch }),

    getPanelState: ({ courseId, accountEmail }) => panelState(courseId, accountEmail),

    async connectGoogleAccount({ courseId, accountEmail }) {
      await allowed();
      await google.token({ loginHint: accountEmail, interactive: true });
      return panelState(courseId, accountEmail);
    },

    async findTeacherClasses({ email, accountEmail }) {
      const { settings: current, sis: client } = await session();
      await checkTeacher(current, email, accountEmail);
      return findTeacherClasses(client, email);
    },

    async linkClass({ courseId, accountEmail, ...request }) {
      const { settings: current, sis: client } = await session();
      await checkTeacher(current, request.teacherEmail, accountEmail);
      return toLinkView(await linkClass(client, courseId, request, now(), { runner, store }));
    },

    async unlinkClass({ courseId }) {
      await allowed();
      await unlinkClass(courseId, { runner, store });
      return panelState(courseId);
    },

    async setStudentMatch(request) {
      const { settings: current, sis: client } = await session();
      const link = await requireLink(request.courseId);
      await checkTeacher(current, link.teacherEmail, request.accountEmail);
      return { matches: await setStudentMatch(client, link, request) };
    },

    async resetStudentMatch(request) {
      const current = await allowed();
      const link = await requireLink(request.courseId);
      await checkTeacher(current, link.teacherEmail, request.accountEmail);
      return { matches: await resetStudentMatch(link, request) };
    },

    async previewExport(request) {
      const { settings: current, sis: client } = await session();
      const asking = await teacherCheck(current, request);
      const planned = await previewCourseExport(
        client,
        request,
        current.exportDefaults,
        now(),
        asking,
      );
      return toPreview(planned, planned.state);
    },

    async startExport(request) {
      const { settings: current, sis: client } = await session();
      return startCourseExport(client, request, current.exportDefaults, now(), {
        runner,
        store,
        newExportId: teacher.newExportId,
        teacher: await teacherCheck(current, request),
      });
    },

    async cancelExport({ courseId }) {
      return { cancelled: runner.cancel(courseId) };
    },
  };
}
