/**
 * The typed OneRoster 1.1 / 1.2 client the background service worker uses to talk to one SIS:
 * the endpoints of rostering.ts and gradebook.ts over one request context per service (this
 * file), each building URLs under its service base (version.ts, url.ts), sending through the
 * connection's Authenticator (transport.ts), reading every collection page by page and
 * zod-parsing every answer. Gradebook writes go through the version's wire codec (codec.ts).
 * Every failure is a typed OneRosterError (errors.ts; `describeOneRosterError` for user text).
 */
import { type Authenticator, validateExtraHeaders } from '../auth/authenticator';
import { z } from '../zod';
import { codecFor } from './codec';
import { TooManyPagesError } from './errors';
import { gradebookReadEndpoints, gradebookWriteEndpoints } from './gradebook';
import { connectionEndpoints, rosteringEndpoints } from './rostering';
import { type ClientContext, createTransport, readWrapped } from './transport';
import { buildUrl, type QueryParams, resolveServerLink } from './url';
import { type OneRosterVersion, type ScoreDateFormat, serviceBases } from './version';

/** How to reach and talk to one SIS. */
export interface OneRosterClientOptions {
  /**
   * The OneRoster Base URL as the SIS shows it: 1.1's one base
   * (`https://sis.example.org/ims/oneroster/v1p1`), or for 1.2 the pasted root or either service
   * base; version.ts derives the two 1.2 bases from it.
   */
  baseUrl: string;
  /** Default '1.1'. */
  version?: OneRosterVersion;
  /** 1.2 only: the gradebook service base when the SIS hosts it apart from the derived one. */
  gradebookBaseUrl?: string;
  /** Headers sent with gradebook-service requests only (Infinite Campus's x-vendor-authorization). */
  gradebookHeaders?: Readonly<Record<string, string>>;
  /** 1.2 result `scoreDate`: the spec's `date` (default) or a date-time for servers that want one. */
  scoreDateFormat?: ScoreDateFormat;
  /** Signs or authorises each request (lib/auth). */
  auth: Authenticator;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per-request timeout, authorisation and body included. Default 30 s. */
  timeoutMs?: number;
  /** Items per page (`limit`). Default 1000; Google's export asks 10000. */
  pageSize?: number;
  /** Pages read before a listing fails with too-many-pages. Default 200. */
  maxPages?: number;
  /** Our clock in epoch ms, for Retry-After dates and clock-skew measurement. */
  now?: () => number;
}

/**
 * A client for one SIS connection. Functions: checkConnection, findTeachersByEmail,
 * listClassesForTeacher, getClass, listStudentsForClass, getAcademicSession,
 * listGradingPeriodsForTerm,
 * listCategories, listCategoriesForClass, listLineItemsForClass, listResultsForClass,
 * listResultsForLineItem, putLineItem, putResult, deleteLineItem, deleteResult.
 * Rostering calls go to the rostering base, gradebook calls to the gradebook base with
 * `gradebookHeaders` (never to rostering). Throws TypeError/RangeError at once for an unusable
 * Base URL or option, AuthConfigError for unusable gradebook headers.
 */
export function createOneRosterClient(options: OneRosterClientOptions) {
  const version = options.version ?? '1.1';
  const bases = serviceBases(version, options.baseUrl, options.gradebookBaseUrl);
  const gradebookHeaders = validateExtraHeaders(options.gradebookHeaders);
  const rostering = createClientContext(options, bases.rostering);
  const gradebook = createClientContext(options, bases.gradebook, gradebookHeaders);
  const codec = codecFor({
    version,
    bases,
    scoreDateFormat: options.scoreDateFormat,
    now: rostering.now,
  });
  return {
    /** The OneRoster version this client speaks. */
    version,
    /** The normalised service bases (trailing slash) request URLs start with. */
    bases,
    /** The rostering base (1.1: the one Base URL). */
    baseUrl: bases.rostering,
    ...connectionEndpoints({ rostering, gradebook, version }),
    ...rosteringEndpoints(rostering),
    ...gradebookReadEndpoints(gradebook),
    ...gradebookWriteEndpoints(gradebook, codec),
  };
}

/** The client's type, for handlers and the export engine. */
export type OneRosterClient = ReturnType<typeof createOneRosterClient>;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** The request context of one service: its base, and headers only that service gets. */
function createClientContext(
  options: OneRosterClientOptions,
  base: string,
  headers?: Readonly<Record<string, string>>,
): ClientContext {
  const now = options.now ?? (() => Date.now());
  const pageSize = positiveInteger('pageSize', options.pageSize ?? 1000);
  const maxPages = positiveInteger('maxPages', options.maxPages ?? 200);
  const send = createTransport({
    auth: options.auth,
    headers,
    // Called unbound: `fetch` invoked as a method of another object throws "Illegal invocation".
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs ?? 30_000),
    now,
  });
  const url = (segments: readonly string[], query?: QueryParams) => buildUrl(base, segments, query);

  return {
    base,
    send,
    now,
    url,
    async get(segments, key, schema, { query, ...sendOptions }) {
      const answer = await send('GET', url(segments, query), sendOptions);
      const value = readWrapped(answer.text, answer.headers, answer.request, key, schema);
      return { value, headers: answer.headers };
    },
    list(segments, key, item, { filter, ...sendOptions }) {
      const array = z.array(item);
      return readAllPages({
        base,
        pageSize,
        maxPages,
        // filter first, as Google sends it; offset always, so every page URL is distinct.
        pageUrl: (offset) => url(segments, { filter: filter?.text, limit: pageSize, offset }),
        async readPage(pageUrl) {
          const answer = await send('GET', pageUrl, sendOptions);
          const items = readWrapped(answer.text, answer.headers, answer.request, key, array);
          return { items, headers: answer.headers };
        },
      });
    },
  };
}

// Paging: a whole OneRoster collection is read with limit/offset, handled once for every endpoint.
//
// Servers signal the end differently (research §J): a `Link: <…>; rel="next"` header, an
// `X-Total-Count` header, or neither (then a page shorter than the limit is the last). The
// offset advances by the items actually received, so a server that caps the page size below
// our limit still pages correctly when it sends a count. A hard page cap and a visited-URL check
// stop misbehaving servers (always-full pages, a looping Link, a count that lies) with a
// TooManyPagesError instead of looping forever.

/** One page as read from the server. */
interface Page<T> {
  items: T[];
  headers: Headers;
}

interface PagingOptions<T> {
  /** The service base; `Link` targets outside it are ignored (another service's too). */
  base: string;
  /** The URL of the page starting at `offset` (with `limit` = pageSize). */
  pageUrl: (offset: number) => string;
  readPage: (url: string) => Promise<Page<T>>;
  pageSize: number;
  maxPages: number;
}

/** The `rel="next"` target of a Link header (RFC 8288), or null when the header has none. */
export function parseNextLink(header: string | null): { next?: string } | null {
  if (!header) return null;
  const links = [...header.matchAll(/<([^>]*)>([^<]*)/g)];
  if (links.length === 0) return null;
  for (const [, target, params = ''] of links) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('next')) return { next: target };
  }
  return {};
}

/** `X-Total-Count` as a non-negative integer, or undefined when absent or unreadable. */
export function parseTotalCount(header: string | null): number | undefined {
  return header !== null && /^\s*\d+\s*$/.test(header) ? Number(header) : undefined;
}

/** Every item of the collection, in server order. */
async function readAllPages<T>(options: PagingOptions<T>): Promise<T[]> {
  const { base, pageUrl, readPage, pageSize, maxPages } = options;
  const items: T[] = [];
  const visited = new Set<string>();
  let url = pageUrl(0);
  for (let pages = 1; ; pages++) {
    visited.add(url);
    const page = await readPage(url);
    for (const item of page.items) items.push(item);
    const next = nextPageUrl(page, url, items.length);
    if (next === undefined) return items;
    if (visited.has(next)) throw new TooManyPagesError({ method: 'GET', url }, pages, 'link-loop');
    if (pages >= maxPages) throw new TooManyPagesError({ method: 'GET', url }, pages, 'page-cap');
    url = next;
  }

  function nextPageUrl(page: Page<T>, current: string, received: number): string | undefined {
    // An empty page ends every kind of paging, whatever the headers claim.
    if (page.items.length === 0) return undefined;
    const link = parseNextLink(page.headers.get('link'));
    if (link) {
      // A Link header without rel="next" is the server saying this was the last page.
      if (link.next === undefined) return undefined;
      const next = resolveServerLink(base, current, link.next);
      if (next !== undefined) return next;
      // A next link outside this service's base is ignored (never send credentials, or the
      // gradebook's vendor header, there): use offsets.
    }
    const total = parseTotalCount(page.headers.get('x-total-count'));
    if (total !== undefined) return received < total ? pageUrl(received) : undefined;
    return page.items.length < pageSize ? undefined : pageUrl(received);
  }
}
