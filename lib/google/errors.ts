/**
 * How a Classroom API read fails: a stable code per cause the teacher or admin can act on, and
 * its translated text for the panel. Codes only, no token: an error may reach a log or Copy
 * diagnostics, so nothing here ever carries the Google token.
 */
import { t } from '../i18n/t';

export const CLASSROOM_API_ERROR_CODES = [
  /** 403 `@ClassroomApiDisabled` / `@ClassroomDisabled` / SERVICE_DISABLED: the admin turned it off. */
  'api-disabled',
  /** 401 twice: the token was refused again after one renewal. */
  'token-expired',
  /** 403 insufficient scopes: the teacher did not grant one of the read-only scopes. */
  'scope-missing',
  /** Any other 403: the signed-in account may not read this class (not one of its teachers). */
  'not-teacher',
  /** 404: no such course (or not visible to this account). */
  'course-not-found',
  /** 429 / RESOURCE_EXHAUSTED still after every retry. */
  'rate-limited',
  /** No answer: offline, DNS, TLS, a timeout, or Google's 5xx after every retry. */
  'network',
  /** An answer we cannot use: not JSON, not Google's shape, or a 4xx we do not expect. */
  'bad-response',
] as const;
export type ClassroomApiErrorCode = (typeof CLASSROOM_API_ERROR_CODES)[number];

export class ClassroomApiError extends Error {
  override name = 'ClassroomApiError';
  constructor(
    readonly code: ClassroomApiErrorCode,
    /** Technical detail for diagnostics (method, path, status, Google's message); no token. */
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The translated text the panel shows for a failed read. */
export function describeClassroomApiError(code: ClassroomApiErrorCode): string {
  switch (code) {
    case 'api-disabled':
      return t('googleApiErrorApiDisabled');
    case 'token-expired':
      return t('googleApiErrorTokenExpired');
    case 'scope-missing':
      return t('googleApiErrorScopeMissing');
    case 'not-teacher':
      return t('googleApiErrorNotTeacher');
    case 'course-not-found':
      return t('googleApiErrorCourseNotFound');
    case 'rate-limited':
      return t('googleApiErrorRateLimited');
    case 'network':
      return t('googleApiErrorNetwork');
    case 'bad-response':
      return t('googleApiErrorBadResponse');
  }
}
