/**
 * User-facing, translated text for every failure of a SIS call — the OneRoster client's and the
 * auth layer's (token endpoint, settings) — saying what happened and what to do.
 * Kept apart from errors.ts so the error classes stay free of i18n and usable anywhere.
 */
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '../auth/authenticator';
import { t } from '../i18n/t';
import type { OneRosterError } from './errors';
import {
  isOneRosterError,
  OneRosterDraftError,
  OneRosterHttpError,
  SisClockSkewError,
  TooManyPagesError,
  WrongBaseError,
} from './errors';
import { suggestVersion } from './version';

/** A measured difference under this means this computer's clock is right (Date has 1 s steps). */
const CLOCK_RIGHT_MS = 60_000;

/**
 * A clock difference as words: "75 seconds", "20 minutes", "3 hours", "2 days". Each unit takes
 * over at 1.5 of itself (90 s, 90 min, 36 h), so the count is never 1 and the plural always fits.
 */
export function describeClockOffset(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 90) return t('clockOffsetSeconds', seconds);
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return t('clockOffsetMinutes', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 36) return t('clockOffsetHours', hours);
  return t('clockOffsetDays', Math.round(hours / 24));
}

/** Why a timestamp was refused: this computer's clock (and by how much), or not the clock at all. */
function describeClockSkew(skewMs: number | undefined): string {
  if (skewMs === undefined) return t('sisErrorClockSkewUnmeasured');
  // The request was already retried with a correction measured from the same Date header.
  if (Math.abs(skewMs) < CLOCK_RIGHT_MS) return t('sisErrorClockSkewClockRight');
  return t('sisErrorClockSkew', describeClockOffset(skewMs));
}

function schemaDetail(error: OneRosterError): string {
  // The log message already names the failing field (`users.3.sourcedId: …`); drop the URL.
  return error.message.replace(/^\S+ \S+: /, '');
}

/**
 * A base without the expected service: the version, the service and the URL, and when the URL
 * looks like the other version, which one to choose (a 404 there is never "no classes").
 */
function describeWrongBase(error: WrongBaseError): string {
  const service =
    error.service === 'rostering' ? t('sisServiceRostering') : t('sisServiceGradebook');
  const answered =
    error.status !== undefined
      ? t('sisErrorWrongBaseStatus', error.status)
      : error.webPage
        ? t('sisErrorWrongBaseWebPage')
        : undefined;
  const looksLike = suggestVersion(error.baseUrl);
  const hint =
    looksLike && looksLike !== error.version
      ? t('sisErrorWrongBaseOtherVersion', looksLike)
      : undefined;
  return [t('sisErrorWrongBase', error.baseUrl, error.version, service), answered, hint]
    .filter(Boolean)
    .join(' ');
}

/** A rejected item: 422 is "well-formed but refused" (1.2), 400 "the data was wrong". */
function describeInvalidData(error: OneRosterError): string {
  if (error instanceof OneRosterDraftError) {
    return error.problem === 'no-school'
      ? t('sisErrorDraftNoSchool')
      : t('sisErrorDraftNoCategory');
  }
  const http = error instanceof OneRosterHttpError ? error : undefined;
  const detail = http?.statusInfo?.description?.trim();
  if (!detail) return t('sisErrorInvalidDataNoDetail');
  return http?.status === 422 ? t('sisErrorRefusedItem', detail) : t('sisErrorInvalidData', detail);
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
    case 'invalid-data':
      return describeInvalidData(error);
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
    case 'clock-skew':
      return describeClockSkew(error instanceof SisClockSkewError ? error.skewMs : undefined);
    case 'schema-mismatch':
      return t('sisErrorSchemaMismatch', schemaDetail(error));
    case 'missing-vendor-authorization':
      return t('sisErrorVendorAuthorization');
    case 'response-too-large':
      return t('sisErrorResponseTooLarge');
    case 'too-many-pages':
      return t('sisErrorTooManyPages', error instanceof TooManyPagesError ? error.pages : 0);
    case 'wrong-base':
      return error instanceof WrongBaseError ? describeWrongBase(error) : t('sisErrorNotOneRoster');
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
