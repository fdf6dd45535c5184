/**
 * Why Authorize failed, as a protocol error code and translated, actionable text. Builds on
 * describeOneRosterError and tells apart the two ways a wrong Host URL shows, which need different
 * fixes: nothing there (404), or a web page (often the SIS's sign-in page) instead of the API.
 */

import { AuthConfigError, AuthNetworkError, AuthTokenError } from '../auth/authenticator';
import type { ErrorCode } from '../errors';
import { t } from '../i18n/t';
import { describeOneRosterError } from '../oneroster/describe-error';
import { isOneRosterError, OneRosterHttpError, OneRosterResponseError } from '../oneroster/errors';

export interface AuthorizeFailure {
  code: ErrorCode;
  message: string;
}

export function describeAuthorizeFailure(error: unknown): AuthorizeFailure {
  if (error instanceof OneRosterHttpError && error.code === 'not-oneroster') {
    return { code: error.code, message: t('sisErrorPageNotFound', error.status) };
  }
  if (
    error instanceof OneRosterResponseError &&
    error.code === 'not-oneroster' &&
    /^\s*</.test(error.body)
  ) {
    return { code: error.code, message: t('sisErrorHtmlPage') };
  }
  const message = describeOneRosterError(error);
  if (isOneRosterError(error) || error instanceof AuthTokenError) {
    return { code: error.code, message };
  }
  if (error instanceof AuthNetworkError) return { code: error.code, message };
  if (error instanceof AuthConfigError) return { code: 'auth-config-invalid', message };
  return { code: 'internal', message };
}
