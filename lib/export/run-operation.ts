/**
 * One operation, start to finish: acquire a slot, send, and on a transient failure wait
 * (backoff with jitter, never less than Retry-After) and try again, up to the policy's limits.
 * An operation interrupted by cancel or stop — or the one whose credentials were rejected —
 * stays pending, so a resumed export sends it again.
 */
import { retryDelayMs } from './backoff';
import type { JournalOp } from './journal';
import type { Operation } from './operations';
import { type RunContext, settle } from './run-context';
import { classifyFailure, type FailureVerdict } from './run-failure';
import { type SendOutcome, sendOperation } from './run-send';

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
