/**
 * Turns an HTTP error answer into the matching typed error. Status codes decide most cases; the
 * body, `imsx_StatusInfo` and `WWW-Authenticate` tell apart the 401s and 403s that need
 * different fixes (clock, vendor key, scopes, credentials).
 */
import {
  type FailedRequest,
  type HttpFailure,
  type OneRosterErrorCode,
  OneRosterHttpError,
  SisClockSkewError,
} from './errors';
import { readStatusInfo } from './status-info';

/**
 * Skew beyond which a bare OAuth 1.0a 401 is blamed on the clock. Servers' windows start at about
 * 5 minutes (Canvas asks for 5 ahead / 10 behind; oauthlib allows 600 s), so beyond 5 minutes the
 * clock is a likely cause, and below it a mere coincidence.
 */
export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

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
export function parseRetryAfterMs(value: string | null, now: number): number | undefined {
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
  const code: OneRosterErrorCode = /unauthori[sz]ed/i.test(said)
    ? 'bad-credentials'
    : /unknownobject|not ?found/i.test(said)
      ? 'not-found'
      : /invalid|unsupported/i.test(said)
        ? 'invalid-data'
        : 'server-error';
  const failure = { status: answer.status, statusInfo, body: answer.text.slice(0, 2000) };
  return new OneRosterHttpError(code, failure, answer.request);
}
