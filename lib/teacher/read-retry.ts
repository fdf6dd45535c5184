/**
 * Retries for the reads behind link, preview and export (teacher, classes, line items, results):
 * the same transient failures the engine retries (network, timeout, 5xx, 429 with Retry-After),
 * with the same backoff, but fewer and shorter waits, because the teacher is looking at a spinner.
 */
import {
  classifyFailure,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryDelayMs,
} from '../export/retry';
import { type EngineClock, systemClock } from '../export/run-clock';

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
