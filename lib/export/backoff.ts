/**
 * How long to wait before retrying an operation: exponential backoff with full jitter
 * (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015) — jitter spreads the retries of
 * parallel requests that failed together, so they do not hit a struggling SIS in lockstep —
 * and never less than the server's Retry-After.
 */

/** Retry limits for one operation. */
export interface RetryPolicy {
  /** Attempts per operation, the first one included. */
  maxAttempts: number;
  /** Upper bound of the first retry's wait; doubles with each further retry. */
  baseDelayMs: number;
  /** Cap on the exponential part (Retry-After may ask for longer and is still honoured). */
  maxDelayMs: number;
  /** An operation gives up when its next attempt would start later than this after its first. */
  giveUpAfterMs: number;
  /** Consecutive operations that give up on transient errors before the export stops. */
  stopAfterGiveUps: number;
}

/** 6 attempts, waits drawn from [0, 0.5 s], [0, 1 s], [0, 2 s], [0, 4 s], [0, 8 s]; 5 min per op. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  giveUpAfterMs: 5 * 60_000,
  stopAfterGiveUps: 10,
};

/**
 * The wait before retry number `retry` (1 = the first retry): uniform in
 * [0, min(maxDelayMs, baseDelayMs · 2^(retry−1))), raised to `retryAfterMs` when the server
 * sent one, so we never come back sooner than it asked.
 */
export function retryDelayMs(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}
