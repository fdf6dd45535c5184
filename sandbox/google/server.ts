/**
 * The fake Google: one node:http(s) server playing both accounts.google.com's OAuth authorization
 * endpoint (`/o/oauth2/v2/auth`) and the Classroom API (`/v1/…`, classroom.googleapis.com), so the
 * extension's production URLs can be pointed at it with Chromium's --host-resolver-rules. It never
 * imports the extension's code: it is written from Google's documentation, as an independent judge.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type Account, matchApi, methodNotFound } from './api.ts';
import { createAuthorizationEndpoint } from './authorize.ts';
import {
  classroomApiDisabled,
  credentialsMissing,
  GoogleApiError,
  invalidCredentials,
  rateLimited,
} from './errors.ts';
import { createGoogleFaults, type GoogleFaults } from './faults.ts';
import {
  buildFakeCourse,
  type FakeCourse,
  type FakeCourseInput,
  type FakeSubmission,
  type SubmissionState,
} from './model.ts';
import { MAX_PAGE_SIZE } from './paging.ts';
import { GoogleRequestLog, type GoogleRequestLogEntry, queryRecord } from './request-log.ts';
import { createTokenStore, type IssuedToken } from './tokens.ts';

export interface FakeGoogleOptions {
  /** HTTPS when given (the real hostnames are HSTS-preloaded); plain HTTP otherwise. */
  tls?: { key: string; cert: string };
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The one OAuth client registered; default "fake-client-id.apps.googleusercontent.com". */
  clientId?: string;
  /** Registered redirect URIs start with this; default: any https://<extension id>.chromiumapp.org/. */
  redirectUriPrefix?: string;
  /** Access token lifetime (Google's is an hour); default 3600. */
  tokenTtlSeconds?: number;
  latencyMs?: number;
  /** The signed-in Google account. */
  teacher?: Partial<Account>;
  /** The user grants only these of the scopes asked (default: all asked). */
  grantedScopes?: string[];
  /** Allow without showing the consent page; default false. */
  autoConsent?: boolean;
  courses?: FakeCourseInput[];
  /** Cap on pageSize (default 100: no maximum is documented, see paging.ts). */
  maxPageSize?: number;
  faults?: Partial<GoogleFaults>;
  /** Clock for token expiry; default Date.now. */
  now?: () => number;
}

export interface SubmissionPatch {
  /** null clears it. */
  assignedGrade?: number | null;
  draftGrade?: number | null;
  state?: SubmissionState;
  late?: boolean;
}

export interface FakeGoogle {
  /** e.g. http://127.0.0.1:43210 (serves both hostnames). */
  url: string;
  port: number;
  clientId: string;
  teacher: Account;
  requestLog: GoogleRequestLog;
  /** Every token issued, newest last (live objects: revoked/expiry show up). */
  issuedTokens: readonly IssuedToken[];
  /** Adds or replaces a course (placeholders filled in by buildFakeCourse). */
  addCourse(course: FakeCourseInput): FakeCourse;
  course(id: string): FakeCourse | undefined;
  /** Changes one submission as the teacher would in Classroom; bumps its updateTime. */
  updateSubmission(
    courseId: string,
    courseWorkId: string,
    userId: string,
    patch: SubmissionPatch,
  ): FakeSubmission;
  /** Merges into the current faults and restarts the 429 count; returns the result. */
  setFaults(patch: Partial<GoogleFaults>): GoogleFaults;
  /** Every issued token stops working now (401 on its next use). */
  revokeTokens(): void;
  /** Forget the account's grants: the next prompt=none gets interaction_required. */
  forgetGrants(): void;
  /** Scopes the user will grant from now on (undefined: all asked). */
  setGrantedScopes(scopes: string[] | undefined): void;
  setAutoConsent(on: boolean): void;
  /** Moves the fake's clock (token expiry) this far from `now`. */
  setClockOffsetMs(ms: number): void;
  close(): Promise<void>;
}

const GOOGLE_ACCOUNTS_HOST = 'accounts.google.com';
const CLASSROOM_API_HOST = 'classroom.googleapis.com';
const MAX_FORM_BYTES = 64 * 1024;
/** Chromium extension ids are 32 letters a–p; getRedirectURL() is https://<id>.chromiumapp.org/. */
const CHROMIUM_REDIRECT = /^https:\/\/[a-p]{32}\.chromiumapp\.org\//;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(buf);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const baseNow = options.now ?? Date.now;
  let clockOffsetMs = 0;
  const now = () => baseNow() + clockOffsetMs;
  const clientId = options.clientId ?? 'fake-client-id.apps.googleusercontent.com';
  const teacher: Account = {
    id: options.teacher?.id ?? '112233445566778899000',
    name: options.teacher?.name ?? 'Tess Teacher',
    email: options.teacher?.email ?? 'teacher@school.example.org',
  };
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  const maxPageSize = options.maxPageSize ?? MAX_PAGE_SIZE;
  const tokens = createTokenStore({ ttlSeconds: tokenTtlSeconds, now });
  const faults = createGoogleFaults(
    {
      ...options.faults,
      ...(options.latencyMs !== undefined && { latencyMs: options.latencyMs }),
    },
    now,
  );
  let grantable = options.grantedScopes;
  let autoConsent = options.autoConsent ?? false;
  const prefix = options.redirectUriPrefix;
  const auth = createAuthorizationEndpoint({
    clientId,
    redirectUriAllowed: (uri) => (prefix ? uri.startsWith(prefix) : CHROMIUM_REDIRECT.test(uri)),
    tokenTtlSeconds,
    account: teacher,
    autoConsent: () => autoConsent,
    grantableScopes: () => grantable,
    tokens,
  });
  const courses = new Map<string, FakeCourse>();
  const addCourse = (input: FakeCourseInput) => {
    const course = buildFakeCourse(input);
    courses.set(course.id, course);
    return course;
  };
  for (const c of options.courses ?? []) addCourse(c);
  const requestLog = new GoogleRequestLog();

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    entry: GoogleRequestLogEntry,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = url.searchParams;
    const path = url.pathname;
    const latency = faults.get().latencyMs;
    if (latency > 0) await sleep(latency);
    const isAuth = path === '/o/oauth2/v2/auth' || path === '/o/oauth2/v2/auth/consent';
    const isApi = path.startsWith('/v1/');
    // Each real hostname serves only its own paths; 127.0.0.1 (tests) serves both.
    const wrongHost =
      (entry.host === GOOGLE_ACCOUNTS_HOST && !isAuth) ||
      (entry.host === CLASSROOM_API_HOST && !isApi);
    if (isAuth && !wrongHost) {
      const answer =
        path === '/o/oauth2/v2/auth' && req.method === 'GET'
          ? auth.authorize(query)
          : req.method === 'POST' && path.endsWith('/consent')
            ? auth.consent(await readForm(req))
            : { status: 405, headers: {}, body: 'Method Not Allowed', error: 'method' };
      entry.route = path;
      entry.status = answer.status;
      if (answer.tokenId) entry.tokenId = answer.tokenId;
      if (answer.error) entry.error = answer.error;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }
    if (!isApi || wrongHost) {
      entry.status = 404;
      entry.error = 'NOT_FOUND';
      res.writeHead(404, { 'Content-Type': 'text/html; charset=UTF-8' });
      res.end('<!doctype html><title>Error 404 (Not Found)</title><p>404. That’s an error.');
      return;
    }
    // googleapis.com answers CORS for any origin (browser clients call it directly), so a caller
    // without host permissions still gets through; preflights need no token.
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin
      ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
      : {};
    if (req.method === 'OPTIONS') {
      entry.route = 'preflight';
      entry.status = 200;
      res.writeHead(200, {
        ...cors,
        'Access-Control-Allow-Methods': 'DELETE,GET,HEAD,PATCH,POST,PUT',
        'Access-Control-Allow-Headers':
          req.headers['access-control-request-headers'] ?? 'authorization',
        'Access-Control-Max-Age': '3600',
        'Content-Length': '0',
      });
      res.end();
      return;
    }
    try {
      const header = req.headers.authorization ?? '';
      const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? query.get('access_token');
      if (!bearer) throw credentialsMissing();
      const token = tokens.lookup(bearer);
      if (!token) throw invalidCredentials();
      entry.tokenId = token.id;
      if (faults.get().apiDisabled) {
        entry.fault = 'api-disabled';
        throw classroomApiDisabled();
      }
      if (faults.rateLimitNow()) {
        entry.fault = 'rate-limit';
        throw rateLimited(faults.get().retryAfterSeconds);
      }
      const match = matchApi(req.method ?? 'GET', path, query);
      if (!match) throw methodNotFound();
      entry.route = match.route;
      const body = match.run({ courses, account: teacher, scopes: token.scopes, maxPageSize });
      entry.status = 200;
      sendJson(res, 200, body, cors);
    } catch (err) {
      if (!(err instanceof GoogleApiError)) throw err;
      entry.status = err.code;
      entry.error = err.status;
      sendJson(res, err.code, err.body(), { ...err.headers, ...cors });
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://fake');
    const entry: GoogleRequestLogEntry = {
      at: new Date(now()).toISOString(),
      host: (req.headers.host ?? '').replace(/:\d+$/, ''),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: queryRecord(url.searchParams),
      status: 0,
      durationMs: 0,
    };
    handle(req, res, entry)
      .catch((err: unknown) => {
        entry.status = 500;
        entry.error = err instanceof Error ? err.message : String(err);
        if (!res.headersSent)
          sendJson(res, 500, {
            error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' },
          });
        else res.end();
      })
      .finally(() => {
        entry.durationMs = performance.now() - started;
        requestLog.add(entry);
      });
  };
  const server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    clientId,
    teacher,
    requestLog,
    issuedTokens: tokens.issued,
    addCourse,
    course: (id) => courses.get(id),
    updateSubmission(courseId, courseWorkId, userId, patch) {
      const sub = courses
        .get(courseId)
        ?.submissions.find((s) => s.courseWorkId === courseWorkId && s.userId === userId);
      if (!sub) throw new Error(`no submission ${courseId}/${courseWorkId}/${userId}`);
      for (const key of ['assignedGrade', 'draftGrade'] as const) {
        const value = patch[key];
        if (value === null) delete sub[key];
        else if (value !== undefined) sub[key] = value;
      }
      if (patch.state) sub.state = patch.state;
      if (patch.late !== undefined) sub.late = patch.late;
      sub.updateTime = new Date(now()).toISOString();
      return sub;
    },
    setFaults: faults.set,
    revokeTokens: tokens.revokeAll,
    forgetGrants: tokens.forgetGrants,
    setGrantedScopes: (scopes) => {
      grantable = scopes;
    },
    setAutoConsent: (on) => {
      autoConsent = on;
    },
    setClockOffsetMs: (ms) => {
      clockOffsetMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
