/**
 * User-facing, translated text for every failure of a SIS call — the OneRoster client's and the
 * auth layer's (token endpoint, settings) — saying what happened and what to do.
 * Kept apart from errors.ts so the error classes stay free of i18n and usable anywhere.
 */
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '../auth/errors';
import { t } from '../i18n/t';
import type { OneRosterError } from './errors';
import {
  isOneRosterError,
  OneRosterHttpError,
  SisClockSkewError,
  TooManyPagesError,
} from './errors';

const MINUTE = 60_000;

function schemaDetail(error: OneRosterError): string {
  // The log message already names the failing field (`users.3.sourcedId: …`); drop the URL.
  return error.message.replace(/^\S+ \S+: /, '');
}

function describeKnown(error: OneRosterError): string {
  const http = error instanceof OneRosterHttpError ? error : undefined;
  switch (error.code) {
    case 'bad-credentials':
      return t('sisErrorBadCredentials');
    case 'forbidden':
      return t('sisErrorForbidden');
    case 'under-scoped':
      return t('sisErrorUnderScoped');
    case 'not-found':
      return t('sisErrorNotFound');
    case 'not-oneroster':
      return t('sisErrorNotOneRoster');
    case 'invalid-data': {
      const detail = http?.statusInfo?.description?.trim();
      return detail ? t('sisErrorInvalidData', detail) : t('sisErrorInvalidDataNoDetail');
    }
    case 'rate-limited': {
      const waitMs = http?.retryAfterMs;
      return waitMs === undefined
        ? t('sisErrorRateLimitedNoWait')
        : t('sisErrorRateLimited', Math.max(1, Math.ceil(waitMs / 1000)));
    }
    case 'server-error':
      return t('sisErrorServer', http?.status ?? 500);
    case 'unexpected-status':
      return t('sisErrorUnexpectedStatus', http?.status ?? 0);
    case 'network':
      return t('sisErrorNetwork');
    case 'timeout':
      return t('sisErrorTimeout');
    case 'clock-skew': {
      const skewMs = error instanceof SisClockSkewError ? error.skewMs : undefined;
      return skewMs === undefined
        ? t('sisErrorClockSkewUnmeasured')
        : t('sisErrorClockSkew', Math.max(1, Math.round(Math.abs(skewMs) / MINUTE)));
    }
    case 'schema-mismatch':
      return t('sisErrorSchemaMismatch', schemaDetail(error));
    case 'missing-vendor-authorization':
      return t('sisErrorVendorAuthorization');
    case 'response-too-large':
      return t('sisErrorResponseTooLarge');
    case 'too-many-pages':
      return t('sisErrorTooManyPages', error instanceof TooManyPagesError ? error.pages : 0);
  }
}

function describeAuth(error: AuthTokenError | AuthNetworkError | AuthConfigError): string {
  if (error instanceof AuthNetworkError) {
    return error.code === 'timeout' ? t('sisErrorTokenTimeout') : t('sisErrorNetwork');
  }
  if (error instanceof AuthConfigError) return t('sisErrorAuthConfig', error.message);
  switch (error.code) {
    case 'token-rejected':
      return t('sisErrorTokenRejected');
    case 'token-endpoint-invalid':
      return t('sisErrorTokenEndpointInvalid');
    case 'token-endpoint-status':
      return error.redirect
        ? t('sisErrorTokenRedirect')
        : t('sisErrorTokenEndpointStatus', error.status ?? 0);
    case 'token-scope':
      return t('sisErrorTokenScope');
  }
}

/** Actionable text for any error a OneRoster call threw, in the browser's language. */
export function describeOneRosterError(error: unknown): string {
  if (isOneRosterError(error)) return describeKnown(error);
  if (
    error instanceof AuthTokenError ||
    error instanceof AuthNetworkError ||
    error instanceof AuthConfigError
  ) {
    return describeAuth(error);
  }
  return t('sisErrorUnknown', error instanceof Error ? error.message : String(error));
}
