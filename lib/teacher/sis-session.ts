/**
 * The teacher side's handle on the connected SIS: the OneRoster client (one per connection per
 * worker, so an OAuth 2 token is reused), a per-worker cache of term titles, and `read`, which
 * runs idempotent reads with retries and turns what still fails into the protocol's RequestError
 * with translated text. Writes go through the export engine, never through `read`.
 */

import { AuthConfigError, AuthNetworkError, AuthTokenError } from '../auth/authenticator';
import { RequestError } from '../errors';
import type { RunExportOptions } from '../export/run';
import type { OneRosterClient } from '../oneroster/client';
import { isOneRosterError } from '../oneroster/errors';
import { describeAuthorizeFailure } from '../sis/describe-authorize-failure';
import { withReadRetries } from './read-retry';

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
