/**
 * Faults the fake Google can play: latency on every request, a 429 RESOURCE_EXHAUSTED on every Nth
 * API request (Classroom's per-user quota, classroom-evidence.md §2.6), and Classroom API access
 * turned off by the Workspace admin.
 * The per-minute quota is the one a well-behaved client must stay under; every-Nth is for retry tests.
 */

export interface GoogleFaults {
  latencyMs: number;
  /** Every Nth API request (counting from the last setFaults) gets a 429; 0/undefined: never. */
  rateLimitEvery?: number;
  /** Retry-After seconds on those 429s; absent: no header (Google does not always send one). */
  retryAfterSeconds?: number;
  /**
   * Google's per-user quota: at most this many API requests in any 60 s (Classroom's is 1,200/min
   * per user, checked on a moving window); more → 429. 0/undefined: unlimited.
   */
  perMinuteQuota?: number;
  /** Every API call answers 403 @ClassroomApiDisabled. */
  apiDisabled: boolean;
}

export const NO_GOOGLE_FAULTS: GoogleFaults = {
  latencyMs: 0,
  rateLimitEvery: 0,
  retryAfterSeconds: undefined,
  perMinuteQuota: 0,
  apiDisabled: false,
};

export function createGoogleFaults(initial: Partial<GoogleFaults>, now: () => number) {
  let faults: GoogleFaults = { ...NO_GOOGLE_FAULTS, ...initial };
  let apiRequests = 0;
  /** Times of the API requests let through, for the moving-window quota. */
  let window: number[] = [];
  return {
    get: (): GoogleFaults => ({ ...faults }),
    set(patch: Partial<GoogleFaults>): GoogleFaults {
      faults = { ...faults, ...patch };
      apiRequests = 0;
      window = [];
      return { ...faults };
    },
    /** Counts one authenticated API request; true when it is to be rate limited. */
    rateLimitNow(): boolean {
      apiRequests++;
      const every = faults.rateLimitEvery ?? 0;
      if (every > 0 && apiRequests % every === 0) return true;
      const quota = faults.perMinuteQuota ?? 0;
      if (quota <= 0) return false;
      const t = now();
      window = window.filter((at) => at > t - 60_000);
      if (window.length >= quota) return true;
      window.push(t);
      return false;
    },
  };
}
