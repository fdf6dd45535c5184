/**
 * One phase of an export: its pending operations, worked off by a fixed pool of workers (as many
 * as the partner's maximum concurrency); the adaptive limiter decides how many of them may have
 * a request in flight at any moment.
 */
import { PHASE_OF } from './operations';
import type { ExportPhase } from './progress';
import type { RunContext } from './run-context';
import { runOperation } from './run-operation';

/** Line items first: a result may only be written once its line item exists in the SIS. */
export const PHASES: readonly ExportPhase[] = ['line-items', 'grades'];

/** What the journal counts for `phase` so far: the progress bar's starting point. */
export function phaseCounts(ctx: RunContext, phase: ExportPhase) {
  const ops = ctx.journal.ops.filter((op) => PHASE_OF[op.kind] === phase);
  const count = (status: string) => ops.filter((op) => op.status === status).length;
  return { total: ops.length, done: count('done'), failed: count('failed') };
}

/**
 * Fails, without sending them, the pending grade operations of line items whose PUT failed: the
 * SIS would reject a result for a line item it does not have, and a half-exported assignment is
 * worse than a clearly failed one. A later export retries the whole assignment.
 */
export function skipGradesOfFailedLineItems(ctx: RunContext) {
  const failed = new Set(
    ctx.journal.ops
      .filter((op) => op.kind === 'put-line-item' && op.status === 'failed')
      .map((op) => op.id),
  );
  if (failed.size === 0) return;
  for (const entry of ctx.journal.ops) {
    if (entry.status !== 'pending' || !entry.lineItemId || !failed.has(entry.lineItemId)) continue;
    entry.status = 'failed';
    entry.error = { code: 'line-item-failed', message: 'line item failed' };
  }
  ctx.writer.changed();
}

/** Runs the phase's pending operations with at most `workers` at a time. */
export async function runPhase(ctx: RunContext, phase: ExportPhase, workers: number) {
  const queue = ctx.journal.operations.filter(
    (op) => PHASE_OF[op.kind] === phase && ctx.entries.get(op.id)?.status === 'pending',
  );
  let next = 0;
  async function worker() {
    while (!ctx.signal.aborted) {
      const op = queue[next++];
      const entry = op && ctx.entries.get(op.id);
      if (!op || !entry) return;
      await runOperation(op, entry, ctx);
    }
  }
  await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, worker));
}
