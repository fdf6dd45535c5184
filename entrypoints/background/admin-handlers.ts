/**
 * The options page's messages: connect and authorize, teacher permission, export rules,
 * disconnect. The district policy's values win over what the page sends, and a locked policy
 * refuses changes here too, not just on the page.
 */
import { t } from '@/lib/i18n/t';
import type { AdminState } from '@/lib/messaging/replies';
import type { Handlers } from '@/lib/messaging/router';
import {
  saveExportDefaults,
  saveTeacherPermission,
  toAdminState,
} from '@/lib/settings/admin-settings';
import { deleteHistoryGrades } from '@/lib/settings/export-history';
import { readSettings } from '@/lib/settings/resolve-settings';
import { authorizeConnection, disconnect } from '@/lib/sis/authorize';
import { connectionOrigins } from '@/lib/sis/connection-draft';
import type { BackgroundDependencies, BackgroundState } from './dependencies';
import type { TeacherRuntime } from './teacher-runtime';

type AdminHandlers = Pick<
  Handlers,
  | 'getAdminState'
  | 'authorizeConnection'
  | 'saveTeacherPermission'
  | 'saveExportDefaults'
  | 'disconnect'
>;

export function createAdminHandlers(
  state: BackgroundState,
  deps: BackgroundDependencies,
  teacher: Pick<TeacherRuntime, 'runner' | 'sis' | 'store'>,
): AdminHandlers {
  const settings = () => readSettings(deps.readPolicy);
  const adminState = async (): Promise<AdminState> => {
    const current = await settings();
    const hostAccess =
      !current.connection || (await deps.hostAccess.has(connectionOrigins(current.connection)));
    return toAdminState(current, await state.storageTrusted, hostAccess);
  };

  return {
    getAdminState: adminState,

    async authorizeConnection(draft) {
      const result = await authorizeConnection(draft, await settings(), {
        hostAccess: deps.hostAccess,
        storageTrusted: state.storageTrusted,
        fetch: deps.fetch,
        now: deps.now?.() ?? new Date(),
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
          teacher.runner.stopAll({ code: 'disconnected', message: t('exportStoppedDisconnected') }),
        forgetClients: () => teacher.sis.forget(),
        // Through the stores' own API, so it holds wherever they keep their data.
        deleteGrades: async () => {
          await teacher.store.removeAll();
          await deleteHistoryGrades();
        },
      });
      return { ...outcome, state: await adminState() };
    },
  };
}
