/**
 * The teacher side's way to the SIS: the settings in force (policy over saved), the teacher
 * permission, the host permission for the SIS origin, then one client per connection for the
 * worker's lifetime (lib/sis/sis-client.ts, the same builder Authorize uses), so the OAuth 2
 * token is fetched once and reused rather than per message.
 */

import { RequestError } from '@/lib/errors';
import { t } from '@/lib/i18n/t';
import { saveClockSkew } from '@/lib/settings/connection-store';
import { exportRefusal } from '@/lib/settings/export-permission';
import { readSettings } from '@/lib/settings/read-settings';
import type { ResolvedSettings } from '@/lib/settings/resolve-settings';
import { connectionOrigins } from '@/lib/sis/connection-draft';
import { createSisClient } from '@/lib/sis/sis-client';
import type { ResumeAccess } from '@/lib/teacher/export-runner';
import { asRequestError, createSisSession, type SisSession } from '@/lib/teacher/sis-session';
import type { BackgroundDependencies } from './dependencies';

export function createSisAccess(deps: BackgroundDependencies) {
  let cached: { key: string; session: SisSession } | undefined;
  /**
   * Aborted by `forget` (Disconnect): every request of every client made before fails at once,
   * in flight or not yet sent. Settings read before a `forget` build no new client either.
   */
  let revoke = new AbortController();
  const readIn = new WeakMap<ResolvedSettings, AbortSignal>();

  /** The settings in force; throws 'not-connected' / 'export-disabled' when teachers may not work. */
  async function allowedSettings(): Promise<ResolvedSettings> {
    const { signal } = revoke;
    const settings = await readSettings(deps.readPolicy);
    const refusal = exportRefusal(settings);
    if (refusal) throw refusal;
    readIn.set(settings, signal);
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
    // Read before a Disconnect: its secret is gone and no client may be made with it.
    const { signal } = revoke;
    if ((readIn.get(settings) ?? signal).aborted) {
      throw exportRefusal({ connected: false, exportEnabled: true });
    }
    const secrets = {
      secret: settings.secret ?? '',
      vendorAuthorization: settings.vendorAuthorization,
    };
    // In memory only, never logged: a new secret or a re-Authorize means a new authenticator.
    // Not a re-measured clock correction: the authenticator that measured it already uses it.
    const { clockSkewMs, ...settled } = connection;
    const key = JSON.stringify([settled, secrets]);
    if (cached?.key !== key) {
      try {
        const { client } = createSisClient(connection, secrets, {
          fetch: revocableFetch(deps.fetch ?? ((input, init) => fetch(input, init)), signal),
          clockSkewMs,
          onClockSkewChange: (ms) => {
            saveClockSkew(connection, ms).catch((error: unknown) =>
              console.warn('[sis-export] could not keep the clock correction', error),
            );
          },
          clientAuth: connection.clientAuth,
        });
        // The engine asks on a network failure whether the browser still lets us reach the
        // SIS: a permission taken back mid-export stops it at once, saying why.
        const hostPermission = { origins, isGranted: () => deps.hostAccess.has(origins) };
        const session = createSisSession(client, { ...deps.engine, hostPermission });
        cached = { key, session: { ...session, revoked: signal } };
      } catch (error) {
        throw asRequestError(error);
      }
    }
    return cached.session;
  }

  /**
   * For resuming at start: the session and whether the admin allows exports for another SIS
   * teacher, or undefined when teachers may not export now.
   */
  async function sessionIfAllowed(): Promise<ResumeAccess | undefined> {
    try {
      const settings = await allowedSettings();
      return {
        sis: await sessionFor(settings),
        teacherOverrideAllowed: settings.teacherOverrideAllowed,
      };
    } catch (error) {
      if (error instanceof RequestError) return undefined;
      throw error;
    }
  }

  /**
   * Disconnect: drops the cached client (its secrets, its OAuth 2 token) and makes every client
   * made so far unusable, so nothing still holding one (a run, a read) can reach the SIS again.
   */
  function forget() {
    revoke.abort(new Error('the SIS was disconnected'));
    revoke = new AbortController();
    cached = undefined;
  }

  return { allowedSettings, sessionFor, sessionIfAllowed, forget };
}

/** `base`, refusing every request once `revoked` is aborted and aborting those in flight. */
function revocableFetch(base: typeof fetch, revoked: AbortSignal): typeof fetch {
  return (input, init) => {
    if (revoked.aborted) return Promise.reject(revoked.reason);
    const signal = init?.signal ? AbortSignal.any([init.signal, revoked]) : revoked;
    return base(input, { ...init, signal });
  };
}

export type SisAccess = ReturnType<typeof createSisAccess>;
