/**
 * The stable codes an export records: per failed operation, and for a stopped export. They are
 * stored in the journal and sent to the panel, which words them (the stored `message` is the
 * text in the language of the moment of the export).
 */
import type { AuthErrorCode } from '../auth/authenticator';
import { ONEROSTER_ERROR_CODES } from '../oneroster/errors';

const AUTH_CODES = [
  'token-rejected',
  'token-endpoint-invalid',
  'token-endpoint-status',
  'token-scope',
  'auth-config-invalid',
] as const satisfies readonly AuthErrorCode[];

/** Why one operation failed. */
export const EXPORT_FAILURE_CODES = [
  ...ONEROSTER_ERROR_CODES, // 'network' included: the auth layer's network code is the same
  ...AUTH_CODES,
  /** A grade not sent because its line item's PUT failed. */
  'line-item-failed',
  /** An error none of the layers typed (a bug): recorded on the item, never swallowed. */
  'unexpected-error',
] as const;
export type ExportFailureCode = (typeof EXPORT_FAILURE_CODES)[number];

/** Why the whole export stopped; its pending operations stay pending and can be resumed. */
export const EXPORT_STOP_CODES = [
  /** 401-class: bad credentials, clock skew, a rejected token, a vendor authorisation. */
  'credentials-rejected',
  /** The SIS is down or overloaded: many operations in a row gave up, or it asked us to come
   * back later than an operation may wait (a long Retry-After). */
  'sis-unavailable',
  /** The extension itself failed mid-export: nothing more was sent. */
  'extension-error',
  /** The admin disconnected the SIS: requests in flight were aborted, nothing more was sent. */
  'disconnected',
  /** The journal did not fit in the browser's storage (a quota error): nothing (more) was sent. */
  'journal-too-large',
  /** The browser no longer lets the extension reach the SIS (its host permission was taken back). */
  'host-permission-missing',
] as const;
export type ExportStopCode = (typeof EXPORT_STOP_CODES)[number];

/**
 * An abort reason that stops the export (recorded as stopped, with this code and text) rather
 * than cancelling it: passed to the run's signal by whoever stops it from outside, e.g. Disconnect.
 */
export class ExportStopRequest extends Error {
  override name = 'ExportStopRequest';
  constructor(
    readonly code: ExportStopCode,
    message: string,
  ) {
    super(message);
  }
}

/** A failure as the journal and summary keep it: a stable code plus user-facing text. */
export interface ExportFailureInfo {
  code: ExportFailureCode;
  message: string;
}

/** Stops that mean the journal could not be saved: the stored copy lags behind what was sent. */
export const JOURNAL_UNSAVED_STOPS: ReadonlySet<ExportStopCode> = new Set([
  'extension-error',
  'journal-too-large',
]);
