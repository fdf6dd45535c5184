/**
 * The teacher side's way to the SIS: the settings in force (policy over saved), the teacher
 * permission, the host permission for the SIS origin, then one client per connection for the
 * worker's lifetime (lib/sis/sis-client.ts, the same builder Authorize uses), so the OAuth 2
 * token is fetched once and reused rather than per message.
 */

import { t } from '@/lib/i18n/t';
import { RequestError } from '@/lib/messaging/router';
import { exportRefusal } from '@/lib/settings/export-permission';
import { readSettings } from '@/lib/settings/read-settings';
import type { ResolvedSettings } from '@/lib/settings/resolve-settings';
import { connectionOrigins } from '@/lib/sis/connection-draft';
import { createSisClient } from '@/lib/sis/sis-client';
import { asRequestError, createSisSession, type SisSession } from '@/lib/teacher/sis-session';
import type { BackgroundDependencies } from './context';

export function createSisAccess(deps: BackgroundDependencies) {
  let cached: { key: string; session: SisSession } | undefined;

  /** The settings in force; throws 'not-connected' / 'export-disabled' when teachers may not work. */
  async function allowedSettings(): Promise<ResolvedSettings> {
    const settings = await readSettings(deps.readPolicy);
    const refusal = exportRefusal(settings);
    if (refusal) throw refusal;
    return settings;
  }

  /** The session for the connection in `settings` (which must allow exporting). */
  async function sessionFor(settings: ResolvedSettings): Promise<SisSession> {
    const { connection } = settings;
    if (!connection) throw exportRefusal({ connected: false, exportEnabled: true });
    const origins = connectionOrigins(connection);
    if (!(await deps.hostAccess.has(origins))) {
      throw new RequestError(
        'host-permission-missing',
        t('errorHostPermissionMissing', origins.join(' ')),
      );
    }
    const secrets = {
      secret: settings.secret ?? '',
      vendorAuthorization: settings.vendorAuthorization,
    };
    // In memory only, never logged: a new secret or a re-Authorize means a new authenticator.
    const key = JSON.stringify([connection, secrets]);
    if (cached?.key !== key) {
      try {
        const { client } = createSisClient(connection, secrets, {
          fetch: deps.fetch,
          clockSkewMs: connection.clockSkewMs,
          clientAuth: connection.clientAuth,
        });
        // The engine asks on a network failure whether the browser still lets us reach the
        // SIS: a permission taken back mid-export stops it at once, saying why (issue #11).
        const hostPermission = { origins, isGranted: () => deps.hostAccess.has(origins) };
        cached = { key, session: createSisSession(client, { ...deps.engine, hostPermission }) };
      } catch (error) {
        throw asRequestError(error);
      }
    }
    return cached.session;
  }

  /** For resuming at start: the session, or undefined when teachers may not export now. */
  async function sessionIfAllowed(): Promise<SisSession | undefined> {
    try {
      return await sessionFor(await allowedSettings());
    } catch (error) {
      if (error instanceof RequestError) return undefined;
      throw error;
    }
  }

  return { allowedSettings, sessionFor, sessionIfAllowed };
}

export type SisAccess = ReturnType<typeof createSisAccess>;
