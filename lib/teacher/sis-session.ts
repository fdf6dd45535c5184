/**
 * The teacher side's handle on the connected SIS: the OneRoster client (one per connection per
 * worker, so an OAuth 2 token is reused), a per-worker cache of term titles, and `read`, which
 * runs idempotent reads with retries and turns what still fails into the protocol's RequestError
 * with translated text; and the linked class's SIS state read before planning. Writes go
 * through the export engine, never through `read`.
 */
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '../auth/errors';
import { RequestError } from '../errors';
import type { SisState } from '../export/plan-types';
import {
  classifyFailure,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryDelayMs,
} from '../export/retry';
import type { RunExportOptions } from '../export/run';
import { type EngineClock, systemClock } from '../export/run-clock';
import type { OneRosterClient } from '../oneroster/client';
import { isOneRosterError } from '../oneroster/errors';
import type { User } from '../oneroster/schemas-rostering';
import type { ClassLink } from '../settings/class-links';
import { describeAuthorizeFailure } from '../sis/authorize';

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

export interface SisSession {
  client: OneRosterClient;
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

export function createSisSession(client: OneRosterClient, engine: EngineOptions = {}): SisSession {
  return {
    client,
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

/** Reads everything the planner needs about the linked class, in parallel. */
export async function readLinkedClass(sis: SisSession, link: ClassLink): Promise<LinkedClassState> {
  const classId = link.sisClassId;
  const [lineItems, results, categories, periods, students] = await Promise.all([
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
  ]);
  return {
    sis: {
      lineItems: live(lineItems),
      ...(results ? { results: live(results) } : {}),
      categories: live(categories.categories),
      gradingPeriods: live(periods.flat()),
    },
    students: live(students).filter((user) => !user.role || user.role === 'student'),
  };
}
