/**
 * How long to wait before retrying an operation: exponential backoff with full jitter
 * (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015) — jitter spreads the retries of
 * parallel requests that failed together, so they do not hit a struggling SIS in lockstep —
 * and never less than the server's Retry-After.
 */
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '../auth/authenticator';
import { describeOneRosterError } from '../oneroster/describe-error';
import { isOneRosterError, OneRosterHttpError } from '../oneroster/errors';
import type { ExportFailureCode, ExportFailureInfo } from './journal';

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

/*
 * What the engine does with each way an operation can fail: retry it (transient), fail just
 * this item (the SIS rejected it), or stop the whole export (the credentials no longer work, so
 * every further request would fail the same way and could lock the account).
 */
export type FailureVerdict =
  | { action: 'retry'; failure: ExportFailureInfo; retryAfterMs?: number; rateLimited: boolean }
  | { action: 'fail'; failure: ExportFailureInfo }
  | { action: 'stop'; code: 'credentials-rejected'; failure: ExportFailureInfo };

const RETRY = new Set(['network', 'timeout', 'server-error', 'rate-limited']);
// The transport already refreshed once on a 401; what is still 401-class now is final.
const STOP = new Set(['bad-credentials', 'clock-skew', 'missing-vendor-authorization']);

/** The failure's code and translated text, with the SIS's own explanation kept when it sent one. */
export function describeFailure(error: unknown): ExportFailureInfo {
  const text = describeOneRosterError(error);
  const detail = error instanceof OneRosterHttpError ? error.statusInfo?.description?.trim() : '';
  const message = detail && !text.includes(detail) ? `${text} (${detail})` : text;
  return { code: codeOf(error), message };
}

function codeOf(error: unknown): ExportFailureCode {
  const typed =
    isOneRosterError(error) ||
    error instanceof AuthTokenError ||
    error instanceof AuthNetworkError ||
    error instanceof AuthConfigError;
  return typed ? error.code : 'unexpected-error';
}

/** Decides retry / fail the item / stop the export for an error an operation threw. */
export function classifyFailure(error: unknown): FailureVerdict {
  const failure = describeFailure(error);
  if (isOneRosterError(error)) {
    if (STOP.has(error.code)) return { action: 'stop', code: 'credentials-rejected', failure };
    if (RETRY.has(error.code)) {
      const retryAfterMs = error instanceof OneRosterHttpError ? error.retryAfterMs : undefined;
      return { action: 'retry', failure, retryAfterMs, rateLimited: error.code === 'rate-limited' };
    }
    return { action: 'fail', failure };
  }
  if (error instanceof AuthNetworkError) return { action: 'retry', failure, rateLimited: false };
  if (error instanceof AuthTokenError) {
    // A token endpoint that is down or busy is transient; one that refuses us is not.
    const status = error.status ?? 0;
    if (error.code === 'token-endpoint-status' && (status >= 500 || status === 429)) {
      return { action: 'retry', failure, rateLimited: status === 429 };
    }
    return { action: 'stop', code: 'credentials-rejected', failure };
  }
  if (error instanceof AuthConfigError) {
    return { action: 'stop', code: 'credentials-rejected', failure };
  }
  // An error nobody typed (a bug, a browser quirk): recorded on the item, never swallowed.
  return { action: 'fail', failure };
}
