/**
 * One operation, start to finish: acquire a slot, send, and on a transient failure wait
 * (backoff with jitter, never less than Retry-After) and try again, up to the policy's limits.
 * An operation interrupted by cancel or stop — or the one whose credentials were rejected —
 * stays pending, so a resumed export sends it again.
 */
import type { OneRosterClient } from '../oneroster/client';
import type { AdaptiveLimiter } from './concurrency';
import type { ExportFailureInfo, ExportJournal, ExportStopCode, JournalOp } from './journal';
import type { JournalWriter } from './journal-store';
import type { Operation } from './plan-types';
import { classifyFailure, type FailureVerdict, type RetryPolicy, retryDelayMs } from './retry';
import type { EngineClock } from './run-clock';
import type { ProgressReporter } from './summary';

/**
 * The state one export run shares between its workers: the client, the clock, the limiter,
 * the journal (entries by id), the writer and the progress reporter, and the one signal that
 * aborts everything in flight on cancel or stop.
 */
export interface RunContext {
  client: ExportClient;
  clock: EngineClock;
  random: () => number;
  policy: RetryPolicy;
  limiter: AdaptiveLimiter;
  progress: ProgressReporter;
  writer: JournalWriter;
  journal: ExportJournal;
  entries: ReadonlyMap<string, JournalOp>;
  /** Aborted when the caller cancels or the export stops. */
  signal: AbortSignal;
  /** Stops the export: records why (first reason wins) and aborts every request in flight. */
  stop(code: ExportStopCode, failure: ExportFailureInfo): void;
  /** An operation succeeded: resets the run of give-ups. */
  onSuccess(): void;
  /** An operation gave up on transient errors; enough in a row stop the export. */
  onGiveUp(failure: ExportFailureInfo): void;
  /**
   * After a network failure: true when the SIS host permission is gone, and then the export is
   * stopped ('host-permission-missing'). One check at a time: the requests in flight fail
   * together and share it.
   */
  hostPermissionLost(): Promise<boolean>;
}

/** Marks `entry` done or failed, and tells the journal writer and the progress bar. */
export function settle(
  ctx: RunContext,
  entry: JournalOp,
  result: { outcome: Pick<JournalOp, 'created' | 'deleted'> } | { failure: ExportFailureInfo },
) {
  if ('failure' in result) {
    entry.status = 'failed';
    entry.error = result.failure;
  } else {
    entry.status = 'done';
    Object.assign(entry, result.outcome);
    delete entry.error;
  }
  ctx.writer.changed();
  ctx.progress.finished(entry.status === 'done');
}

type Attempt =
  | { ok: true; outcome: SendOutcome }
  | { ok: false; verdict: FailureVerdict; round: number }
  | undefined; // interrupted: cancelled or stopped

async function attempt(op: Operation, entry: JournalOp, ctx: RunContext): Promise<Attempt> {
  let round: number;
  try {
    round = await ctx.limiter.acquire(ctx.signal);
  } catch {
    return undefined; // only an abort rejects acquire
  }
  entry.attempts++;
  ctx.writer.changed();
  try {
    const outcome = await sendOperation(op, ctx.client, ctx.signal);
    ctx.limiter.succeeded();
    return { ok: true, outcome };
  } catch (error) {
    // Whatever the request threw after an abort, it was ours: the operation is not failed.
    if (ctx.signal.aborted) return undefined;
    return { ok: false, verdict: classifyFailure(error), round };
  } finally {
    ctx.limiter.release();
  }
}

/** Runs `op` with retries and records its outcome in the journal. Never throws. */
export async function runOperation(op: Operation, entry: JournalOp, ctx: RunContext) {
  const { policy, clock } = ctx;
  const firstAt = clock.now();
  for (let tries = 1; ; tries++) {
    const result = await attempt(op, entry, ctx);
    if (!result) return;
    if (result.ok) {
      settle(ctx, entry, { outcome: result.outcome });
      ctx.onSuccess();
      return;
    }
    const { verdict } = result;
    if (verdict.action === 'stop') {
      ctx.stop(verdict.code, verdict.failure);
      return;
    }
    if (verdict.action === 'fail') {
      settle(ctx, entry, { failure: verdict.failure });
      return;
    }
    // A taken-back host permission fails every request like a network error: no use retrying.
    if (verdict.failure.code === 'network' && (await ctx.hostPermissionLost())) return;
    // Asked to come back later than any operation may wait: pausing every request that long
    // would freeze the export, so stop it, resumable, and keep this operation pending.
    if ((verdict.retryAfterMs ?? 0) > policy.giveUpAfterMs) {
      ctx.stop('sis-unavailable', verdict.failure);
      return;
    }
    ctx.limiter.pushedBack(result.round, verdict.rateLimited, verdict.retryAfterMs);
    const wait = retryDelayMs(tries, policy, ctx.random, verdict.retryAfterMs);
    if (tries >= policy.maxAttempts || clock.now() + wait - firstAt > policy.giveUpAfterMs) {
      // A line item the SIS keeps failing to store, for transient reasons, means the SIS is not
      // working: every grade of it would fail too. Stop resumable, this line item still pending,
      // instead of writing off the whole assignment.
      if (op.kind === 'put-line-item') {
        ctx.stop('sis-unavailable', verdict.failure);
        return;
      }
      settle(ctx, entry, { failure: verdict.failure });
      ctx.onGiveUp(verdict.failure);
      return;
    }
    ctx.progress.retrying(1);
    try {
      await clock.sleep(wait, ctx.signal);
    } catch {
      return; // aborted while waiting
    } finally {
      ctx.progress.retrying(-1);
    }
  }
}

/*
 * Sends one operation to the SIS, once. Retries, journal and progress are the caller's.
 */
/** The client calls an export needs (the full OneRosterClient satisfies it). */
export type ExportClient = Pick<OneRosterClient, 'putLineItem' | 'putResult' | 'deleteResult'>;

/** What a successful request did, as the journal records it. */
export type SendOutcome = Pick<JournalOp, 'created' | 'deleted'>;

/** One request for `op`; throws the client's typed error, or the signal's reason on abort. */
export async function sendOperation(
  op: Operation,
  client: ExportClient,
  signal: AbortSignal,
): Promise<SendOutcome> {
  switch (op.kind) {
    case 'put-line-item':
      return { created: (await client.putLineItem(op.lineItem, { signal })).created };
    case 'put-result':
      return { created: (await client.putResult(op.result, { signal })).created };
    case 'delete-result':
      return { deleted: (await client.deleteResult(op.id, { signal })).deleted };
  }
}
