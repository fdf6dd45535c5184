/**
 * What a OneRoster failure is, and what an error answer means: the typed failures of the client,
 * the `imsx_StatusInfo` payload servers explain them with, and the classification of an answer
 * (status, body, `WWW-Authenticate`, `Date`, `Retry-After`) into one of them.
 *
 * Every class sets `name` and a stable `code`; the messaging layer sends the code across and
 * `describeOneRosterError` (describe-error.ts) turns it into text. Messages here are for logs
 * (English, no secrets); users see the translated description.
 */
import { z } from '../zod';
import { optional } from './schemas';
import type { OneRosterVersion } from './version';

/** Every way a OneRoster call can fail, as stable codes (reusable in the messaging protocol). */
export const ONEROSTER_ERROR_CODES = [
  'bad-credentials',
  'forbidden',
  'under-scoped',
  'not-found',
  'not-oneroster',
  'invalid-data',
  'rate-limited',
  'server-error',
  'unexpected-status',
  'network',
  'timeout',
  'clock-skew',
  'schema-mismatch',
  'missing-vendor-authorization',
  'too-many-pages',
  /** The answer was larger than any OneRoster page should be (see transport.ts). */
  'response-too-large',
  /** Authorize's check: a service base answered 404 or not OneRoster (wrong URL or version). */
  'wrong-base',
] as const;
const OneRosterErrorCodeSchema = z.enum(ONEROSTER_ERROR_CODES);
export type OneRosterErrorCode = z.infer<typeof OneRosterErrorCodeSchema>;

/** The request that failed; the URL never carries credentials (they travel in headers). */
export interface FailedRequest {
  method: string;
  url: string;
}

/** Base class of every OneRoster client failure. */
export class OneRosterError extends Error {
  override name = 'OneRosterError';
  constructor(
    readonly code: OneRosterErrorCode,
    message: string,
    readonly request?: FailedRequest,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Details of an HTTP error response. */
interface HttpFailure {
  status: number;
  /** The parsed `imsx_StatusInfo`, when the server sent one. */
  statusInfo?: StatusInfo;
  /** The start of the response body, for diagnosis. */
  body: string;
  /** From `Retry-After` (seconds or HTTP-date), for 429 and 503 answers. */
  retryAfterMs?: number;
}

/** The SIS answered with an error status (401, 403, 404, 400, 429, 5xx…). */
export class OneRosterHttpError extends OneRosterError {
  override name = 'OneRosterHttpError';
  readonly status: number;
  readonly statusInfo?: StatusInfo;
  readonly body: string;
  /** How long the server asked us to wait before trying again (rate-limited, server-error). */
  readonly retryAfterMs?: number;
  constructor(code: OneRosterErrorCode, failure: HttpFailure, request: FailedRequest) {
    const detail = failure.statusInfo?.description ? `: ${failure.statusInfo.description}` : '';
    super(code, `${request.method} ${request.url} answered ${failure.status}${detail}`, request);
    this.status = failure.status;
    this.statusInfo = failure.statusInfo;
    this.body = failure.body;
    this.retryAfterMs = failure.retryAfterMs;
  }
}

/**
 * A 401 caused by the clock: the OAuth 1.0a timestamp was out of the server's window.
 * `skewMs` = server clock − our clock, from the response's `Date` header when it had one; the
 * caller can add it to the signer's clock and retry.
 */
export class SisClockSkewError extends OneRosterHttpError {
  override name = 'SisClockSkewError';
  constructor(
    failure: HttpFailure,
    request: FailedRequest,
    readonly skewMs: number | undefined,
  ) {
    super('clock-skew', failure, request);
  }
}

/** A 2xx answer that is not OneRoster data: HTML, non-JSON, or JSON of the wrong shape. */
export class OneRosterResponseError extends OneRosterError {
  override name = 'OneRosterResponseError';
  constructor(
    code: 'not-oneroster' | 'schema-mismatch',
    message: string,
    request: FailedRequest,
    /** The raw response body (first 64 KiB), kept for diagnosis. */
    readonly body: string,
    /** The ZodError, for schema mismatches. */
    cause?: unknown,
  ) {
    super(code, message, request, cause === undefined ? undefined : { cause });
  }
}

/** The SIS could not be reached (DNS, TLS, connection reset) or did not answer in time. */
export class SisNetworkError extends OneRosterError {
  override name = 'SisNetworkError';
  constructor(
    code: 'network' | 'timeout',
    message: string,
    request: FailedRequest,
    cause?: unknown,
  ) {
    super(code, message, request, { cause });
  }
}

/** The answer exceeded the size cap; reading stopped there. */
export class ResponseTooLargeError extends OneRosterError {
  override name = 'ResponseTooLargeError';
  constructor(
    readonly limitBytes: number,
    request: FailedRequest,
  ) {
    super(
      'response-too-large',
      `${request.method} ${request.url} answered with more than ${limitBytes} bytes`,
      request,
    );
  }
}

/** Paging did not end within the page cap (always-full pages, a looping Link, a lying count). */
export class TooManyPagesError extends OneRosterError {
  override name = 'TooManyPagesError';
  constructor(
    request: FailedRequest,
    readonly pages: number,
    readonly reason: 'page-cap' | 'link-loop',
  ) {
    super(
      'too-many-pages',
      `Paging ${request.url} stopped after ${pages} pages (${reason})`,
      request,
    );
  }
}

/** The two OneRoster services a connection talks to (one base each in 1.2, the same in 1.1). */
export type OneRosterService = 'rostering' | 'gradebook';

/**
 * The connection check found no OneRoster service of this version at a base: it answered 404 or
 * something that is not OneRoster. Usually the Host URL or the chosen version is wrong; the
 * original failure is the `cause`.
 */
export class WrongBaseError extends OneRosterError {
  override name = 'WrongBaseError';
  /** The HTTP status the base answered with (404…), when it was an error status. */
  readonly status?: number;
  /** It answered with a web page (often the SIS's sign-in page) instead of OneRoster data. */
  readonly webPage: boolean;
  constructor(
    readonly service: OneRosterService,
    readonly baseUrl: string,
    readonly version: OneRosterVersion,
    cause: OneRosterError,
  ) {
    super(
      'wrong-base',
      `No OneRoster ${version} ${service} service at ${baseUrl} (${cause.message})`,
      cause.request,
      { cause },
    );
    this.status = cause instanceof OneRosterHttpError ? cause.status : undefined;
    this.webPage = cause instanceof OneRosterResponseError && /^\s*</.test(cause.body);
  }
}

/** Why a draft cannot be written in the connection's version. */
export type DraftProblem = 'no-school' | 'no-category';

/**
 * A draft the connection's version cannot carry (a 1.2 line item needs the class's school and a
 * category): refused before anything is sent, as a per-item `invalid-data` failure.
 */
export class OneRosterDraftError extends OneRosterError {
  override name = 'OneRosterDraftError';
  constructor(
    readonly problem: DraftProblem,
    readonly sourcedId: string,
    url: string,
  ) {
    super('invalid-data', `Line item ${sourcedId} cannot be sent: ${problem}`, {
      method: 'PUT',
      url,
    });
  }
}

/** True for every OneRoster client failure, including subclasses. */
export function isOneRosterError(error: unknown): error is OneRosterError {
  return error instanceof OneRosterError;
}

// The `imsx_StatusInfo` payload OneRoster servers send with errors (IMS OpenAPI
// imsx_StatusInfo.Type). Read leniently: servers wrap it differently (bare, under
// `imsx_StatusInfo`, or in a `statusInfoSet` array) and spell `imsx_CodeMinor` in either case.

const CodeMinorFieldSchema = z.object({
  imsx_codeMinorFieldName: optional(z.string()),
  imsx_codeMinorFieldValue: optional(z.string()),
});
const CodeMinorSchema = z.object({
  imsx_codeMinorField: optional(
    z.union([
      z.array(CodeMinorFieldSchema),
      z.pipe(
        CodeMinorFieldSchema,
        z.transform((one: z.output<typeof CodeMinorFieldSchema>) => [one]),
      ),
    ]),
  ),
});

/** The raw status payload as servers send it. */
const StatusInfoSchema = z.object({
  imsx_codeMajor: optional(z.string()),
  imsx_severity: optional(z.string()),
  imsx_description: optional(z.string()),
  imsx_CodeMinor: optional(CodeMinorSchema),
  imsx_codeMinor: optional(CodeMinorSchema),
});

/** The parts of a status payload the client and its error messages use. */
export interface StatusInfo {
  codeMajor?: string;
  severity?: string;
  /** The server's human-readable explanation, shown to the user for rejected data. */
  description?: string;
  /** The codeMinor values, e.g. `invaliddata`, `unknownobject`, `unauthorisedrequest`. */
  codeMinor: string[];
}

function candidates(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null) return [];
  const record = body as Record<string, unknown>;
  const set = record.statusInfoSet ?? record.imsx_statusInfoSet;
  return [
    record.imsx_StatusInfo,
    record.imsx_statusInfo,
    ...(Array.isArray(set) ? set : []),
    record,
  ];
}

/** The status payload inside a parsed JSON body, or undefined when there is none. */
export function readStatusInfo(body: unknown): StatusInfo | undefined {
  for (const candidate of candidates(body)) {
    const parsed = StatusInfoSchema.safeParse(candidate);
    if (!parsed.success) continue;
    const info = parsed.data;
    const minor = info.imsx_CodeMinor ?? info.imsx_codeMinor;
    if (!info.imsx_codeMajor && !info.imsx_description && !minor) continue;
    return {
      codeMajor: info.imsx_codeMajor,
      severity: info.imsx_severity,
      description: info.imsx_description,
      codeMinor: (minor?.imsx_codeMinorField ?? [])
        .map((field) => field.imsx_codeMinorFieldValue)
        .filter((value): value is string => Boolean(value)),
    };
  }
  return undefined;
}

// Turns an HTTP error answer into the matching typed error. Status codes decide most cases; the
// body, `imsx_StatusInfo` and `WWW-Authenticate` tell apart the 401s and 403s that need
// different fixes (clock, vendor key, scopes, credentials).

/**
 * Skew beyond which a bare OAuth 1.0a 401 is blamed on the clock. Servers' windows start at about
 * 5 minutes (Canvas asks for 5 ahead / 10 behind; oauthlib allows 600 s), so beyond 5 minutes the
 * clock is a likely cause, and below it a mere coincidence.
 */
const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

// Hints in what the server said. Kept specific: many frameworks put a `"timestamp": "…"` field
// in every error body (Spring Boot) and Digest challenges carry `nonce="…"`; neither is skew.
const CLOCK_HINT =
  /timestamp_refused|nonce_used|clock|skew|\b(timestamp|nonce)\b[^"{}]{0,40}\b(range|window|expired|refused|invalid|old|future|past|used|reused)\b/i;
const VENDOR_HINT = /vendor[-_ ]?auth/i;
const SCOPE_HINT = /\bscopes?\b/i;

/** What the classifier needs to know about an answer and the request that got it. */
export interface ErrorAnswer {
  status: number;
  headers: Headers;
  text: string;
  request: FailedRequest;
  /** What a 404 means here: an unknown entity, or a URL that is not a OneRoster service. */
  notFound: 'not-found' | 'not-oneroster';
  authMode: 'oauth1' | 'oauth2';
  /** OAuth 1.0a: the correction our request timestamps carry (see Authenticator.clockSkewMs). */
  clockCorrectionMs?: number;
  now: number;
}

/** Server clock minus ours, from the `Date` header; undefined when it is missing or unreadable. */
export function serverClockSkewMs(headers: Headers, now: number): number | undefined {
  const date = headers.get('date');
  const serverTime = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(serverTime) ? undefined : serverTime - now;
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
function parseRetryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The typed error for a non-success answer. */
export function errorForAnswer(answer: ErrorAnswer): OneRosterHttpError {
  const { status, headers, text, request } = answer;
  const failure: HttpFailure = {
    status,
    statusInfo: readStatusInfo(parseJson(text)),
    body: text.slice(0, 2000),
    retryAfterMs: parseRetryAfterMs(headers.get('retry-after'), answer.now),
  };
  // Everything the server said about the failure, searched for the hints below.
  const said = [
    failure.statusInfo?.description,
    ...(failure.statusInfo?.codeMinor ?? []),
    headers.get('www-authenticate'),
    failure.body,
  ].join('\n');

  if (status === 401) return unauthorized(answer, failure, said);
  const code = codeForStatus(status, said, answer.notFound);
  return new OneRosterHttpError(code, failure, request);
}

function unauthorized(answer: ErrorAnswer, failure: HttpFailure, said: string) {
  // Infinite Campus answers 401 on gradebook endpoints without the partner-only
  // `x-vendor-authorization` header (kb.infinitecampus.com, research §B).
  if (VENDOR_HINT.test(said)) {
    return new OneRosterHttpError('missing-vendor-authorization', failure, answer.request);
  }
  const skewMs = serverClockSkewMs(answer.headers, answer.now);
  // Only OAuth 1.0a signs our clock into the request; with bearer tokens a skewed Date header
  // is a curiosity, not the cause. What the SIS saw is our clock plus the correction, so a
  // stale correction is as suspect as a wrong clock, and a correct one clears a wrong clock.
  const stampOffMs = skewMs === undefined ? 0 : skewMs - (answer.clockCorrectionMs ?? 0);
  const measuredSkew = answer.authMode === 'oauth1' && Math.abs(stampOffMs) > CLOCK_SKEW_LIMIT_MS;
  if (CLOCK_HINT.test(said) || measuredSkew) {
    return new SisClockSkewError(failure, answer.request, skewMs);
  }
  // RFC 6750 §3.1: a valid token without the needed scope.
  if (/insufficient[_ ]scope/i.test(said)) {
    return new OneRosterHttpError('under-scoped', failure, answer.request);
  }
  return new OneRosterHttpError('bad-credentials', failure, answer.request);
}

function codeForStatus(
  status: number,
  said: string,
  notFound: ErrorAnswer['notFound'],
): OneRosterErrorCode {
  if (status === 403) {
    if (SCOPE_HINT.test(said)) return 'under-scoped';
    if (VENDOR_HINT.test(said)) return 'missing-vendor-authorization';
    return 'forbidden';
  }
  if (status === 404 || status === 410) return notFound;
  if (status === 400 || status === 422) return 'invalid-data';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'unexpected-status';
}

/**
 * Some SISs answer a failure with HTTP 200 and an `imsx_codeMajor: "failure"` body. Treating
 * that as success would record a write that never happened, so it becomes the error its
 * codeMinor/description describe. Only bodies that mention imsx_codeMajor are parsed again.
 */
export function failureInSuccess(answer: Omit<ErrorAnswer, 'notFound' | 'authMode' | 'now'>) {
  if (!answer.text.includes('imsx_codeMajor')) return undefined;
  const statusInfo = readStatusInfo(parseJson(answer.text));
  if (statusInfo?.codeMajor?.toLowerCase() !== 'failure') return undefined;
  const said = [statusInfo.description, ...statusInfo.codeMinor].join('\n');
  // codeMinor vocabulary of 1.1 and 1.2 (1.2 adds forbidden, server_busy, internal_server_error).
  const code: OneRosterErrorCode = /unauthori[sz]ed/i.test(said)
    ? 'bad-credentials'
    : /\bforbidden\b/i.test(said)
      ? 'forbidden'
      : /unknownobject|not ?found/i.test(said)
        ? 'not-found'
        : /invalid|unsupported/i.test(said)
          ? 'invalid-data'
          : 'server-error';
  const failure = { status: answer.status, statusInfo, body: answer.text.slice(0, 2000) };
  return new OneRosterHttpError(code, failure, answer.request);
}
