/**
 * The teacher side's handle on the connected SIS. `createSisAccess` checks, for every teacher
 * message, the settings in force (policy over saved), the teacher permission and the host
 * permission, and keeps one client per connection for the worker's lifetime (built by
 * lib/sis/sis-client.ts, as Authorize's are), so an OAuth 2 token is fetched once; Disconnect
 * revokes every client made before it. A session adds a per-worker cache of term titles and
 * `read`, which runs idempotent reads with retries and turns what still fails into a
 * RequestError with translated text; `readLinkedClass` reads the linked class's SIS state
 * before planning. Writes go through the export engine, never through `read`.
 */
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '../auth/authenticator';
import { RequestError } from '../errors';
import { capabilitiesFor } from '../export/capabilities';
import type { SisState } from '../export/plan-types';
import {
  classifyFailure,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryDelayMs,
} from '../export/retry';
import type { RunExportOptions } from '../export/run';
import { type EngineClock, systemClock } from '../export/run-clock';
import { t } from '../i18n/t';
import type { OneRosterClient } from '../oneroster/client';
import { isOneRosterError } from '../oneroster/errors';
import { type LineItem, type Result, type User, userRoles } from '../oneroster/schemas';
import type { OneRosterVersion } from '../oneroster/version';
import type { ClassLink } from '../settings/class-links';
import { saveClockSkew } from '../settings/connection-store';
import {
  exportRefusal,
  type PolicyReader,
  type ResolvedSettings,
  readSettings,
} from '../settings/resolve-settings';
import { describeAuthorizeFailure } from '../sis/authorize';
import { connectionOrigins } from '../sis/connection-draft';
import type { HostAccess } from '../sis/host-access';
import type { PartnerId } from '../sis/partners';
import { type ConnectionFields, connectionVersion } from '../sis/settings-shapes';
import { createSisClient } from '../sis/sis-client';

/**
 * Engine settings: the connection's host permission check, and what tests shorten (retry
 * waits, clock); production uses the engine's defaults for the rest.
 */
export type EngineOptions = Partial<
  Pick<
    RunExportOptions,
    | 'retry'
    | 'concurrency'
    | 'clock'
    | 'random'
    | 'progressIntervalMs'
    | 'saveIntervalMs'
    | 'hostPermission'
  >
>;

/** What the teacher side needs to know about the connection besides its client. */
export interface SisProfile {
  version: OneRosterVersion;
  partner: PartnerId;
}

/** What the teacher side needs to know of the connection: its SIS and OneRoster version. */
export function connectionProfile(fields: ConnectionFields): SisProfile {
  return { version: connectionVersion(fields), partner: fields.partner };
}

/** A session told nothing of its connection: OneRoster 1.1 and no SIS-specific rule. */
export const DEFAULT_PROFILE: SisProfile = { version: '1.1', partner: 'other' };

export interface SisSession {
  client: OneRosterClient;
  /** The connection's OneRoster version and SIS. */
  profile: SisProfile;
  /** Term sourcedId → title (null: the SIS would not say), for this connection. */
  termTitles: Map<string, string | null>;
  /** Engine settings for exports with this session. */
  engine: EngineOptions;
  /** Aborted once the connection is dropped (Disconnect): nothing may be started with it. */
  revoked?: AbortSignal;
  /** Runs an idempotent read with retries; SIS failures become RequestErrors. */
  read<T>(work: (client: OneRosterClient) => Promise<T>): Promise<T>;
}

/** True for the typed failures of a SIS call (client or auth layer). */
export function isSisError(error: unknown): boolean {
  return (
    isOneRosterError(error) ||
    error instanceof AuthTokenError ||
    error instanceof AuthNetworkError ||
    error instanceof AuthConfigError
  );
}

/** A SIS failure as the RequestError the panel shows; anything else (a bug) unchanged. */
export function asRequestError(error: unknown): unknown {
  if (!isSisError(error)) return error;
  const failure = describeAuthorizeFailure(error);
  return new RequestError(failure.code, failure.message);
}

export function createSisSession(
  client: OneRosterClient,
  engine: EngineOptions = {},
  profile: SisProfile = DEFAULT_PROFILE,
): SisSession {
  return {
    client,
    profile,
    termTitles: new Map(),
    engine,
    async read(work) {
      try {
        return await withReadRetries(() => work(client), engine);
      } catch (error) {
        throw asRequestError(error);
      }
    },
  };
}

/*
 * Retries for the reads behind link, preview and export (teacher, classes, line items, results):
 * the same transient failures the engine retries (network, timeout, 5xx, 429 with Retry-After),
 * with the same backoff, but fewer and shorter waits, because the teacher is looking at a spinner.
 */
/** 5 attempts within 30 s. */
export const READ_RETRY_POLICY: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY,
  maxAttempts: 5,
  maxDelayMs: 8_000,
  giveUpAfterMs: 30_000,
};

export interface ReadRetryOptions {
  retry?: Partial<RetryPolicy>;
  clock?: EngineClock;
  random?: () => number;
}

/** Runs `read`, again after a transient failure; rethrows the last error when it gives up. */
export async function withReadRetries<T>(
  read: () => Promise<T>,
  options: ReadRetryOptions = {},
): Promise<T> {
  const policy = { ...READ_RETRY_POLICY, ...options.retry };
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const firstAt = clock.now();
  for (let tries = 1; ; tries++) {
    try {
      return await read();
    } catch (error) {
      const verdict = classifyFailure(error);
      if (verdict.action !== 'retry') throw error;
      const wait = retryDelayMs(tries, policy, random, verdict.retryAfterMs);
      if (tries >= policy.maxAttempts || clock.now() + wait - firstAt > policy.giveUpAfterMs) {
        throw error;
      }
      await clock.sleep(wait);
    }
  }
}

/*
 * The linked SIS class as it is right now, read just before planning (research §A: Google's
 * export reads line items, results, categories and grading periods the same way): what the
 * planner diffs against, and the roster students are matched to. Entities marked tobedeleted
 * count as absent, so an export writes them afresh (PUT makes them active again).
 */
export interface LinkedClassState {
  sis: SisState;
  /** The class's students (active ones). */
  students: User[];
}

// Answers meaning "this SIS has no such listing" (they are optional in OneRoster 1.1 practice).
const ABSENT = new Set(['not-found', 'not-oneroster', 'unexpected-status']);

const live = <T extends { status?: string }>(items: readonly T[]) =>
  items.filter((item) => item.status !== 'tobedeleted');

/** `work`'s answer, or `fallback` when the SIS has no such endpoint. */
async function optional<T, F>(
  sis: SisSession,
  work: (client: OneRosterClient) => Promise<T>,
  fallback: F,
): Promise<T | F> {
  try {
    return await sis.read(work);
  } catch (error) {
    if (error instanceof RequestError && ABSENT.has(error.code)) return fallback;
    throw error;
  }
}

/**
 * The class's results line item by line item, for a link just carried over to another OneRoster
 * version on a SIS without the class-wide listing: a SIS that re-keyed its users (IC 1.2) makes
 * our history's result ids useless, so only the SIS's own listing can say which results exist.
 * Refuses when the SIS lists them neither way: planning blind would send grades twice.
 */
async function resultsByLineItem(
  sis: SisSession,
  link: ClassLink,
  lineItems: readonly LineItem[],
): Promise<Result[]> {
  try {
    const perItem = await Promise.all(
      live(lineItems).map((item) =>
        sis.read((client) => client.listResultsForLineItem(link.sisClassId, item.sourcedId)),
      ),
    );
    return perItem.flat();
  } catch (error) {
    if (!(error instanceof RequestError) || !ABSENT.has(error.code)) throw error;
    throw new RequestError(
      'results-unlisted',
      t('errorResultsUnlistedAfterSwitch', link.carriedOver?.to ?? sis.profile.version),
    );
  }
}

/** Reads everything the planner needs about the linked class, in parallel. */
export async function readLinkedClass(sis: SisSession, link: ClassLink): Promise<LinkedClassState> {
  const classId = link.sisClassId;
  // The class itself only where line items must name its school (1.2): a read 1.1 does not need.
  const needsSchool = capabilitiesFor(sis.profile.version).schoolRef;
  const [lineItems, results, categories, periods, students, klass] = await Promise.all([
    sis.read((client) => client.listLineItemsForClass(classId)),
    // Without a results listing the planner falls back on what we wrote before (history).
    optional(sis, (client) => client.listResultsForClass(classId), undefined),
    optional(sis, (client) => client.listCategoriesForClass(classId), { categories: [] }),
    Promise.all(
      link.termIds.map((termId) =>
        optional(sis, (client) => client.listGradingPeriodsForTerm(termId), []),
      ),
    ),
    sis.read((client) => client.listStudentsForClass(classId)),
    needsSchool ? sis.read((client) => client.getClass(classId)) : undefined,
  ]);
  const schoolId = klass?.school?.sourcedId;
  const listed =
    results ?? (link.carriedOver ? await resultsByLineItem(sis, link, lineItems) : undefined);
  return {
    sis: {
      lineItems: live(lineItems),
      ...(listed ? { results: live(listed) } : {}),
      categories: live(categories.categories),
      gradingPeriods: live(periods.flat()),
      ...(schoolId ? { schoolId } : {}),
    },
    // 1.1 says `role`, 1.2 `roles[]`; a user saying neither is taken as the student it is listed as.
    students: live(students).filter((user) => {
      const roles = userRoles(user);
      return roles.length === 0 || roles.includes('student');
    }),
  };
}

/*
 * The teacher side's way to the SIS: the settings in force (policy over saved), the teacher
 * permission, the host permission for the SIS origin, then one client per connection for the
 * worker's lifetime (lib/sis/sis-client.ts, the same builder Authorize uses), so the OAuth 2
 * token is fetched once and reused rather than per message.
 */
/** What reaching the SIS needs from the browser (tests pass their own). */
export interface SisAccessDependencies {
  readPolicy: PolicyReader;
  hostAccess: HostAccess;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  engine?: EngineOptions;
}

export function createSisAccess(deps: SisAccessDependencies) {
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
        const session = createSisSession(
          client,
          { ...deps.engine, hostPermission },
          connectionProfile(connection),
        );
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
  async function sessionIfAllowed(): Promise<
    { sis: SisSession; teacherOverrideAllowed: boolean } | undefined
  > {
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
