/**
 * Test doubles for the OneRoster client: a fetch that behaves like a small SIS (a route table
 * answering real Response objects with real headers) and an Authenticator that records what it
 * was asked to authorise. No network is touched.
 */
import type { Authenticator, RequestToAuthorize } from '@/lib/auth/authenticator';
import { createOneRosterClient, type OneRosterClientOptions } from '@/lib/oneroster/client';

export const BASE = 'https://sis.example.org/ims/oneroster/v1p1';

/** A request as the fake server saw it. */
export interface SeenRequest {
  method: string;
  /** The exact URL string passed to fetch. */
  url: string;
  /** Path below the Base URL, e.g. `/teachers`. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  init: RequestInit;
}

export type Route = (request: SeenRequest) => Response | Promise<Response>;

/** A JSON answer with a proper content type. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** An `imsx_StatusInfo` error answer as 1.1 servers send it. */
export function imsx(status: number, description: string, codeMinor = 'invaliddata', headers = {}) {
  return json(
    {
      imsx_codeMajor: 'failure',
      imsx_severity: 'error',
      imsx_description: description,
      imsx_CodeMinor: {
        imsx_codeMinorField: [
          { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor },
        ],
      },
    },
    status,
    headers,
  );
}

/**
 * A fetch over a route table keyed `METHOD /path` (path below `base`, default BASE; for 1.2 the
 * root, so `/rostering/v1p2/orgs`). Unknown routes answer 404 with an `unknownobject` status,
 * like a real server.
 */
export function fakeSis(routes: Record<string, Route>, base = BASE) {
  const requests: SeenRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const parsed = new URL(url);
    const headers = new Headers(init.headers);
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      url,
      path: parsed.pathname.slice(new URL(base).pathname.replace(/\/$/, '').length),
      query: parsed.searchParams,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      init,
    };
    requests.push(request);
    const route = routes[`${request.method} ${request.path}`];
    return route ? route(request) : imsx(404, `No such object: ${request.path}`, 'unknownobject');
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

/** An Authenticator that records each request and answers a fixed header. */
export function fakeAuth(
  options: { mode?: 'oauth1' | 'oauth2'; refresh?: boolean; extra?: Record<string, string> } = {},
) {
  const authorized: RequestToAuthorize[] = [];
  let refreshes = 0;
  let token = 1;
  const auth: Authenticator = {
    mode: options.mode ?? 'oauth2',
    async authorize(request) {
      authorized.push(request);
      return { Authorization: `Bearer token-${token}`, ...options.extra };
    },
    async onUnauthorized() {
      refreshes++;
      token++;
      return options.refresh ?? true;
    },
  };
  return { auth, authorized, refreshes: () => refreshes };
}

/** A client over a fake SIS, plus both fakes for assertions. */
export function clientFor(
  routes: Record<string, Route>,
  options: Partial<OneRosterClientOptions> & Parameters<typeof fakeAuth>[0] = {},
) {
  const sis = fakeSis(routes, options.baseUrl);
  const authFake = fakeAuth(options);
  const client = createOneRosterClient({
    baseUrl: BASE,
    auth: authFake.auth,
    fetch: sis.fetch,
    ...options,
  });
  return { client, ...sis, ...authFake };
}

/**
 * A collection route that pages `items` by limit/offset, like a real server. `signal` picks
 * how it tells the client about more pages.
 */
export function paged(
  key: string,
  items: unknown[],
  signal: 'total' | 'link' | 'none' = 'none',
  maxLimit = Number.POSITIVE_INFINITY,
): Route {
  return ({ query, url }) => {
    const limit = Math.min(Number(query.get('limit') ?? 100), maxLimit);
    const offset = Number(query.get('offset') ?? 0);
    const page = items.slice(offset, offset + limit);
    const headers: Record<string, string> = {};
    if (signal === 'total') headers['X-Total-Count'] = String(items.length);
    if (signal === 'link') {
      // Edit the string, not URLSearchParams, which would re-serialise spaces as '+'.
      const next = url.replace(/offset=\d+/, `offset=${offset + page.length}`);
      const first = `<${url.replace(/offset=\d+/, 'offset=0')}>; rel="first"`;
      headers.Link =
        offset + page.length < items.length ? `${first}, <${next}>; rel="next"` : first;
    }
    return json({ [key]: page }, 200, headers);
  };
}
