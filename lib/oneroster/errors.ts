/**
 * Typed failures of the OneRoster client. Every class sets `name` and a stable `code`; the
 * messaging layer sends the code across and `describeOneRosterError` turns it into text.
 * Messages here are for logs (English, no secrets); users see the translated description.
 */
import { z } from '../zod';
import type { StatusInfo } from './status-info';

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
] as const;
export const OneRosterErrorCodeSchema = z.enum(ONEROSTER_ERROR_CODES);
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
export interface HttpFailure {
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

/** True for every OneRoster client failure, including subclasses. */
export function isOneRosterError(error: unknown): error is OneRosterError {
  return error instanceof OneRosterError;
}
