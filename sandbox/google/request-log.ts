/**
 * What the fake Google saw: one entry per request, written when the answer is sent. Never holds a
 * secret: tokens appear only by their public id (`t1`, `t2`, …).
 */

export interface GoogleRequestLogEntry {
  at: string;
  /** Host header without the port, e.g. classroom.googleapis.com. */
  host: string;
  method: string;
  /** Path without the query. */
  path: string;
  /** Route pattern, e.g. /v1/courses/{courseId}/students; absent when none matched. */
  route?: string;
  /** Decoded query; repeated parameters as arrays. access_token is never recorded. */
  query: Record<string, string | string[]>;
  status: number;
  /** The id of the bearer token used (API) or issued (authorization endpoint). */
  tokenId?: string;
  fault?: 'rate-limit' | 'api-disabled';
  /** Google's error status or OAuth error code of a failed request. */
  error?: string;
  durationMs: number;
}

const MAX_ENTRIES = 100_000;

export class GoogleRequestLog {
  readonly entries: GoogleRequestLogEntry[] = [];

  add(entry: GoogleRequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** API entries of a route pattern, e.g. log.byRoute('/v1/courses/{courseId}/students'). */
  byRoute(route: string): GoogleRequestLogEntry[] {
    return this.entries.filter((e) => e.route === route);
  }
}

export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    if (key === 'access_token') continue;
    const all = query.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return out;
}
