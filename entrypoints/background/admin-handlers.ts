/**
 * The options page's messages: connect and authorize, teacher permission, export rules,
 * disconnect. The district policy's values win over what the page sends, and a locked policy
 * refuses changes here too, not just on the page.
 */
import { RequestError } from '@/lib/errors';
import type { JournalStore } from '@/lib/export/journal-store';
import { t } from '@/lib/i18n/t';
import type { AdminState } from '@/lib/messaging/replies';
import type { Handlers } from '@/lib/messaging/router';
import { toAdminState } from '@/lib/settings/admin-state';
import { removeConnection } from '@/lib/settings/connection-store';
import { deleteHistoryGrades } from '@/lib/settings/export-history';
import { exportDefaultsSetting, teacherPermissionSetting } from '@/lib/settings/items';
import type { ResolvedSettings } from '@/lib/settings/resolve-settings';
import { readSettings } from '@/lib/settings/resolve-settings';
import { authorizeConnection } from '@/lib/sis/authorize';
import { connectionOrigins } from '@/lib/sis/connection-draft';
import type { ManagedField } from '@/lib/sis/settings-shapes';
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

/**
 * Disconnect's "delete the grades kept in this browser": every export journal (unfinished ones
 * hold the grades still to send) and each class's last-written grades. Through the stores' own
 * API, so it holds wherever they keep their data.
 */
async function deleteGrades(store: JournalStore): Promise<void> {
  await store.removeAll();
  await deleteHistoryGrades();
}

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
  const refuseIfLocked = (current: ResolvedSettings, fields: readonly ManagedField[] = []) => {
    if (current.managed.locked || fields.some((field) => current.managed.fields.includes(field))) {
      throw new RequestError('managed-locked', t('errorManagedLocked'));
    }
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
      const changed = (['exportEnabled', 'allowTeacherOverride'] as const).filter(
        (field) => request[field] !== undefined,
      );
      refuseIfLocked(await settings(), changed);
      const saved = await teacherPermissionSetting.read();
      await teacherPermissionSetting.set({ ...saved, ...request });
      return adminState();
    },

    async saveExportDefaults(request) {
      const current = await settings();
      refuseIfLocked(current);
      const categories = current.connection?.categories;
      const known = categories?.some((category) => category.sourcedId === request.categoryId);
      if (request.categoryId !== null && categories && !known) {
        throw new RequestError('invalid-settings', t('errorUnknownCategory'));
      }
      await exportDefaultsSetting.set(request);
      return adminState();
    },

    async disconnect({ deleteGradeData }) {
      const current = await settings();
      refuseIfLocked(current);
      const origins = current.connection ? connectionOrigins(current.connection) : [];
      // First the stored connection, so nothing read from now on is connected; then, at once,
      // every running export and every client (secrets, OAuth 2 token) made before: no write
      // reaches the SIS once this answers, even where the browser keeps the host permission.
      try {
        await removeConnection();
      } finally {
        // Even when storage failed: the secret must leave memory and the SIS hear nothing more.
        const stopped = teacher.runner.stopAll({
          code: 'disconnected',
          message: t('exportStoppedDisconnected'),
        });
        teacher.sis.forget();
        await stopped;
      }
      if (deleteGradeData) await deleteGrades(teacher.store);
      const hostAccessRevoked = origins.length === 0 || (await deps.hostAccess.revoke(origins));
      return { hostAccessRevoked, gradeDataDeleted: deleteGradeData, state: await adminState() };
    },
  };
}
