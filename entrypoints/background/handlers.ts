/** One small function per message; the real work lives in lib/. */
import type { Handlers } from '@/lib/messaging/router';
import { readManagedPolicy } from '@/lib/settings/managed-policy';
import { readSettings } from '@/lib/settings/resolve-settings';
import { browserHostAccess } from '@/lib/sis/host-access';
import { createAdminHandlers } from './admin-handlers';
import type { BackgroundDependencies, BackgroundState } from './dependencies';
import { createTeacherHandlers } from './teacher-handlers';
import { createTeacherRuntime, type TeacherRuntime } from './teacher-runtime';

export type { BackgroundDependencies, BackgroundState } from './dependencies';

/** The real browser behind each dependency; tests pass their own. */
export const browserDependencies: BackgroundDependencies = {
  readPolicy: readManagedPolicy,
  hostAccess: browserHostAccess,
};

/**
 * Every message's handler. `teacher` is the worker's export runtime; index.ts passes the one it
 * also resumes exports with, tests may leave it out.
 */
export function createHandlers(
  state: BackgroundState,
  dependencies: BackgroundDependencies = browserDependencies,
  teacher: TeacherRuntime = createTeacherRuntime(dependencies),
): Handlers {
  return {
    async getStatus() {
      const settings = await readSettings(dependencies.readPolicy);
      return {
        version: browser.runtime.getManifest().version,
        storageTrusted: await state.storageTrusted,
        connected: settings.connected,
        exportAllowed: settings.exportAllowed,
      };
    },
    async openSettings() {
      await (dependencies.openOptionsPage ?? (() => browser.runtime.openOptionsPage()))();
      return {};
    },
    ...createAdminHandlers(state, dependencies, teacher),
    ...createTeacherHandlers(dependencies, teacher),
  };
}
