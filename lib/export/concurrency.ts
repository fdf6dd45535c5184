/**
 * The gate every request passes: at most `limit` requests in flight, where `limit` starts at the
 * partner's maximum, halves on a 429 (additive-increase / multiplicative-decrease, as TCP does)
 * and creeps back up after a run of successes; and no request at all before a Retry-After
 * moment has passed, since a rate-limited server usually limits the whole client, not one URL.
 */
import type { EngineClock } from './run-clock';

/** Successes in a row, at the current limit, before the limit grows by one. */
export const RECOVER_AFTER_SUCCESSES = 8;

export interface AdaptiveLimiter {
  /**
   * Waits for a free slot (and for any Retry-After pause); rejects when `signal` aborts.
   * Resolves with the current round, to hand back to `pushedBack`.
   */
  acquire(signal: AbortSignal): Promise<number>;
  /** Frees the slot taken by `acquire`. */
  release(): void;
  /** A request finished well: counts towards growing the limit again. */
  succeeded(): void;
  /**
   * The server pushed back. `rateLimited` (429) halves the limit, once per round: only a request
   * sent after the last decrease (`round` from `acquire`) may lower it again, so 4 parallel 429s
   * make 4 → 2, not 4 → 1. `retryAfterMs` pauses every new request until then.
   */
  pushedBack(round: number, rateLimited: boolean, retryAfterMs?: number): void;
  readonly limit: number;
  readonly inFlight: number;
}

export function createAdaptiveLimiter(
  max: number,
  clock: EngineClock,
  onLimitChange: (limit: number) => void = () => {},
): AdaptiveLimiter {
  let limit = max;
  let inFlight = 0;
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let round = 0;
  let successes = 0;
  const waiters = new Set<() => void>();
  // Everyone re-checks: the limit, the pause and the count can all have changed.
  const wakeAll = () => {
    for (const wake of [...waiters]) wake();
  };

  function waitForWake(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const wake = () => {
        waiters.delete(wake);
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        waiters.delete(wake);
        reject(signal.reason);
      };
      waiters.add(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  function setLimit(next: number) {
    if (next === limit) return;
    limit = next;
    successes = 0;
    onLimitChange(limit);
    wakeAll();
  }

  return {
    async acquire(signal) {
      for (;;) {
        signal.throwIfAborted();
        const pause = pausedUntil - clock.now();
        if (pause > 0) await clock.sleep(pause, signal);
        else if (inFlight < limit) {
          inFlight++;
          return round;
        } else await waitForWake(signal);
      }
    },
    release() {
      inFlight--;
      wakeAll();
    },
    succeeded() {
      successes++;
      if (successes >= RECOVER_AFTER_SUCCESSES && limit < max) setLimit(limit + 1);
    },
    pushedBack(sentInRound, rateLimited, retryAfterMs) {
      if (retryAfterMs !== undefined) {
        pausedUntil = Math.max(pausedUntil, clock.now() + retryAfterMs);
      }
      if (!rateLimited) return;
      successes = 0;
      if (sentInRound !== round) return;
      round++;
      setLimit(Math.max(1, Math.floor(limit / 2)));
    },
    get limit() {
      return limit;
    },
    get inFlight() {
      return inFlight;
    },
  };
}
