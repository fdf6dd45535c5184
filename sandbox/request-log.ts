/**
 * What the sandbox saw, for tests and benchmarks to assert on: one entry per request, written when
 * the answer is sent (or the connection dropped). Secrets are never logged: no Authorization
 * header, no token-endpoint body.
 */

export interface RequestLogEntry {
  /** ISO time the request arrived. */
  at: string;
  method: string;
  /** Full path as received, without the query (still percent-encoded). */
  path: string;
  /** The route pattern below the prefix, e.g. "/classes/:classId/lineItems"; absent if none matched. */
  route?: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** HTTP status sent; 0 when the connection was dropped on purpose. */
  status: number;
  auth: 'oauth1' | 'oauth2' | 'none';
  /** The API version of the path (absent for the token endpoints and unknown paths). */
  version?: '1.1' | '1.2';
  /** Which service the request was for: 1.2's by path, 1.1's by route (absent when unknown). */
  service?: 'rostering' | 'gradebook';
  /** Whether the request carried an `x-vendor-authorization` header (any value). */
  vendorAuthorization: boolean;
  /** The parsed JSON body of PUTs. */
  body?: unknown;
  /** The injected fault, if any. */
  fault?: 'drop' | 'rate-limit' | 'error' | 'stall';
  /** The imsx_description (or OAuth error) of a failed request. */
  error?: string;
  durationMs: number;
}

/** Keeps memory bounded in long benchmark runs; the oldest entries go first. */
const MAX_ENTRIES = 100_000;

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Entries whose route pattern or path matches, e.g. log.find('PUT', '/lineItems/:id'). */
  find(method: string, routeOrPath: string): RequestLogEntry[] {
    return this.entries.filter(
      (e) => e.method === method && (e.route === routeOrPath || e.path.endsWith(routeOrPath)),
    );
  }
}
