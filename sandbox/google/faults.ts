/**
 * Faults the fake Google can play: latency on every request, a 429 RESOURCE_EXHAUSTED on every Nth
 * API request (Classroom's per-user quota, classroom-evidence.md §2.6), and Classroom API access
 * turned off by the Workspace admin.
 */

export interface GoogleFaults {
  latencyMs: number;
  /** Every Nth API request (counting from the last setFaults) gets a 429; 0/undefined: never. */
  rateLimitEvery?: number;
  /** Retry-After seconds on those 429s; absent: no header (Google does not always send one). */
  retryAfterSeconds?: number;
  /** Every API call answers 403 @ClassroomApiDisabled. */
  apiDisabled: boolean;
}

export const NO_GOOGLE_FAULTS: GoogleFaults = {
  latencyMs: 0,
  rateLimitEvery: 0,
  retryAfterSeconds: undefined,
  apiDisabled: false,
};

export function createGoogleFaults(initial: Partial<GoogleFaults>) {
  let faults: GoogleFaults = { ...NO_GOOGLE_FAULTS, ...initial };
  let apiRequests = 0;
  return {
    get: (): GoogleFaults => ({ ...faults }),
    set(patch: Partial<GoogleFaults>): GoogleFaults {
      faults = { ...faults, ...patch };
      apiRequests = 0;
      return { ...faults };
    },
    /** Counts one authenticated API request; true when it is to be rate limited. */
    rateLimitNow(): boolean {
      apiRequests++;
      const every = faults.rateLimitEvery ?? 0;
      return every > 0 && apiRequests % every === 0;
    },
  };
}
