/**
 * Fault injection for resilience tests and benchmarks: added latency, a share of 500s, 429s with
 * Retry-After (every Nth request or a share), dropped connections, and a title-length limit.
 * Error decisions use a seeded PRNG, so a run with the same seed fails the same requests.
 * Latency applies to every request; the failures only to OneRoster API calls, not to the token
 * endpoint, so a client can always get a token and then meet the faults it is being tested on.
 */
import { createPrng } from './prng.ts';

export interface RateLimit {
  /** Every Nth API request gets a 429 (deterministic). */
  every?: number;
  /** Or: this share (0–1) of API requests gets a 429. */
  share?: number;
  /** Retry-After value in seconds (default 1). */
  retryAfterSeconds?: number;
}

export interface Faults {
  latencyMs: number;
  /** Share (0–1) of API requests answered 500. */
  errorRate: number;
  rateLimit: RateLimit | null;
  /** Share (0–1) of API requests whose socket is destroyed without an answer. */
  dropRate: number;
  /** Stored line item titles are cut to this many characters (null: no limit). */
  titleLimit: number | null;
  /**
   * A share of API requests held this long before they are handled (a stalled server), to make
   * clients hit their timeouts. The request is still processed afterwards, as a slow server would.
   */
  stall: { share: number; ms: number } | null;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  errorRate: 0,
  rateLimit: null,
  dropRate: 0,
  titleLimit: null,
  stall: null,
};

export type FaultDecision =
  | { kind: 'drop' }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'error' }
  | { kind: 'stall'; ms: number }
  | null;

export function createFaults(seed: number, initial: Partial<Faults> = {}) {
  let faults: Faults = { ...NO_FAULTS, ...initial };
  // A stream separate from the district's so fault settings never change the data.
  const prng = createPrng((seed ^ 0x0fa017) >>> 0);
  let apiRequests = 0;

  function set(patch: Partial<Faults>): Faults {
    faults = { ...faults, ...patch };
    for (const key of ['errorRate', 'dropRate'] as const) {
      if (!(faults[key] >= 0 && faults[key] <= 1))
        throw new RangeError(`${key} must be within 0..1`);
    }
    apiRequests = 0;
    return { ...faults };
  }
  set({});

  /** Called once per API request, in arrival order. */
  function decide(): FaultDecision {
    apiRequests++;
    if (faults.dropRate > 0 && prng.next() < faults.dropRate) return { kind: 'drop' };
    const rl = faults.rateLimit;
    if (rl) {
      const hit =
        (rl.every !== undefined && rl.every > 0 && apiRequests % rl.every === 0) ||
        (rl.share !== undefined && prng.next() < rl.share);
      if (hit) return { kind: 'rate-limit', retryAfterSeconds: rl.retryAfterSeconds ?? 1 };
    }
    if (faults.errorRate > 0 && prng.next() < faults.errorRate) return { kind: 'error' };
    if (faults.stall && prng.next() < faults.stall.share)
      return { kind: 'stall', ms: faults.stall.ms };
    return null;
  }

  return { set, decide, get: (): Faults => ({ ...faults }) };
}
