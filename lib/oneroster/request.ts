/**
 * The shared plumbing behind every endpoint: URL building under the Base URL, sending through
 * the authenticator, paging and zod parsing. Endpoint modules (rostering, gradebook,
 * connection) only say which path, wrapper key and schema they need.
 */
import type { Authenticator } from '../auth/authenticator';
import { z } from '../zod';
import type { Filter } from './filter';
import { readAllPages } from './paging';
import { readWrapped } from './response';
import { createTransport, type Send, type SendOptions } from './transport';
import { buildUrl, normaliseBaseUrl, type QueryParams } from './url';

/** How to reach and talk to one SIS. */
export interface OneRosterClientOptions {
  /** The OneRoster Base URL as the SIS shows it, e.g. `https://sis.example.org/ims/oneroster/v1p1`. */
  baseUrl: string;
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

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call; its abort reason is rethrown as is. */
  signal?: AbortSignal;
}

interface ReadOptions extends CallOptions {
  notFound: SendOptions['notFound'];
}

export interface ClientContext {
  base: string;
  send: Send;
  now: () => number;
  url(segments: readonly string[], query?: QueryParams): string;
  /** Every item of a collection (all pages). */
  list<T extends z.ZodMiniType>(
    segments: readonly string[],
    key: string,
    item: T,
    options: ReadOptions & { filter?: Filter },
  ): Promise<Array<z.output<T>>>;
  /** One GET without paging, its `key` parsed with `schema`. */
  get<T extends z.ZodMiniType>(
    segments: readonly string[],
    key: string,
    schema: T,
    options: ReadOptions & { query?: QueryParams },
  ): Promise<{ value: z.output<T>; headers: Headers }>;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer`);
  return value;
}

export function createClientContext(options: OneRosterClientOptions): ClientContext {
  const base = normaliseBaseUrl(options.baseUrl);
  const now = options.now ?? (() => Date.now());
  const pageSize = positiveInteger('pageSize', options.pageSize ?? 1000);
  const maxPages = positiveInteger('maxPages', options.maxPages ?? 200);
  const send = createTransport({
    auth: options.auth,
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
