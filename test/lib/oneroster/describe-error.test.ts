import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '@/lib/auth/authenticator';
import { describeOneRosterError } from '@/lib/oneroster/describe-error';
import {
  ONEROSTER_ERROR_CODES,
  OneRosterDraftError,
  type OneRosterError,
  type OneRosterErrorCode,
  OneRosterHttpError,
  OneRosterResponseError,
  ResponseTooLargeError,
  SisClockSkewError,
  SisNetworkError,
  TooManyPagesError,
  WrongBaseError,
} from '@/lib/oneroster/errors';
import { useLocale } from '../../support/fake-i18n';

const request = { method: 'GET', url: 'https://sis.example.org/ims/oneroster/v1p1/classes' };
const http = (code: OneRosterErrorCode, status: number, extra = {}) =>
  new OneRosterHttpError(code, { status, body: '', ...extra }, request);

/** A representative error for every code, as the client would throw it. */
const SAMPLES: Record<OneRosterErrorCode, OneRosterError> = {
  'bad-credentials': http('bad-credentials', 401),
  forbidden: http('forbidden', 403),
  'under-scoped': http('under-scoped', 403),
  'not-found': http('not-found', 404),
  'not-oneroster': new OneRosterResponseError('not-oneroster', 'html', request, '<html>'),
  'invalid-data': http('invalid-data', 400, {
    statusInfo: { description: 'dueDate is outside the term', codeMinor: ['invaliddata'] },
  }),
  'rate-limited': http('rate-limited', 429, { retryAfterMs: 30_500 }),
  'server-error': http('server-error', 503),
  'unexpected-status': http('unexpected-status', 405),
  network: new SisNetworkError('network', 'failed', request),
  timeout: new SisNetworkError('timeout', 'slow', request),
  'clock-skew': new SisClockSkewError({ status: 401, body: '' }, request, -12 * 60_000),
  'schema-mismatch': new OneRosterResponseError(
    'schema-mismatch',
    `GET ${request.url}: results.0.score: Invalid input`,
    request,
    '{}',
    new ZodError([]),
  ),
  'missing-vendor-authorization': http('missing-vendor-authorization', 401),
  'too-many-pages': new TooManyPagesError(request, 200, 'page-cap'),
  'response-too-large': new ResponseTooLargeError(16 * 1024 * 1024, request),
  'wrong-base': new WrongBaseError(
    'gradebook',
    'https://sis.example.org/ims/oneroster/gradebook/v1p2/',
    '1.2',
    http('not-oneroster', 404),
  ),
};

const IC_V1P1 = 'https://ic.example.org/campus/oneroster/district/ims/oneroster/v1p1/';
const ROOT_V1P2 = 'https://sis.example.org/ims/oneroster/rostering/v1p2/';

describe('describeOneRosterError', () => {
  it.each(ONEROSTER_ERROR_CODES)('gives English and Dutch text for %s', (code) => {
    const error = SAMPLES[code];
    expect(error.code).toBe(code);
    const english = describeOneRosterError(error);
    expect(english.trim()).not.toBe('');
    expect(english).not.toMatch(/^sisError|\$[A-Z]+\$/);
    useLocale('nl');
    const dutch = describeOneRosterError(error);
    expect(dutch.trim()).not.toBe('');
    expect(dutch).not.toMatch(/^sisError|\$[A-Z]+\$/);
    expect(dutch).not.toBe(english);
  });

  it('says what to do, with the details that help', () => {
    expect(describeOneRosterError(SAMPLES['bad-credentials'])).toBe(
      "The SIS rejected the access key or secret code. Check them in the extension's options.",
    );
    expect(describeOneRosterError(SAMPLES['invalid-data'])).toContain(
      'dueDate is outside the term',
    );
    expect(describeOneRosterError(SAMPLES['rate-limited'])).toContain('31 seconds');
    expect(describeOneRosterError(SAMPLES['server-error'])).toContain('HTTP 503');
    expect(describeOneRosterError(SAMPLES['clock-skew'])).toContain('12 minutes');
    expect(describeOneRosterError(SAMPLES['schema-mismatch'])).toContain('results.0.score');
    expect(describeOneRosterError(SAMPLES['schema-mismatch'])).not.toContain('https://');
    expect(describeOneRosterError(SAMPLES['too-many-pages'])).toContain('200 pages');
  });

  it.each([
    [20 * 60_000, 'about 20 minutes off', 'ongeveer 20 minuten af'],
    [-20 * 60_000, 'about 20 minutes off', 'ongeveer 20 minuten af'],
    [75_000, 'about 75 seconds off', 'ongeveer 75 seconden af'],
    [95_000, 'about 2 minutes off', 'ongeveer 2 minuten af'],
    [89 * 60_000, 'about 89 minutes off', 'ongeveer 89 minuten af'],
    [3 * 3600_000, 'about 3 hours off', 'ongeveer 3 uur af'],
    [2 * 86_400_000, 'about 2 days off', 'ongeveer 2 dagen af'],
  ])('words a clock %i ms off from the measured difference', (skewMs, english, dutch) => {
    const error = new SisClockSkewError({ status: 401, body: '' }, request, skewMs);
    expect(describeOneRosterError(error)).toContain(english);
    useLocale('nl');
    expect(describeOneRosterError(error)).toContain(dutch);
  });

  it('has fallbacks when the SIS gave no detail', () => {
    expect(describeOneRosterError(http('invalid-data', 400))).toMatch(/without saying why/);
    expect(describeOneRosterError(http('rate-limited', 429))).toMatch(/Wait a minute/);
    expect(
      describeOneRosterError(new SisClockSkewError({ status: 401, body: '' }, request, undefined)),
    ).toMatch(/set automatically/);
  });

  it('describes anything else as an unexpected problem', () => {
    expect(describeOneRosterError(new Error('boom'))).toBe(
      'Unexpected problem talking to the SIS: boom',
    );
    useLocale('nl');
    expect(describeOneRosterError('boom')).toBe(
      'Onverwacht probleem in het contact met het SIS: boom',
    );
  });
});

describe('describeOneRosterError for 1.2 connections and items', () => {
  it('names the version, the service and the URL of a wrong base, never "no classes"', () => {
    const text = describeOneRosterError(SAMPLES['wrong-base']);
    expect(text).toBe(
      'Nothing at https://sis.example.org/ims/oneroster/gradebook/v1p2/ answers as the ' +
        'OneRoster 1.2 service for grades (gradebook). Check the Host URL and the OneRoster version. ' +
        'It answered HTTP 404.',
    );
    expect(text).not.toMatch(/class/i);
    useLocale('nl');
    expect(describeOneRosterError(SAMPLES['wrong-base'])).toContain(
      'OneRoster 1.2-service voor cijfers',
    );
  });

  it('says when the base answered with a web page (a sign-in page), and nothing more otherwise', () => {
    const page = new OneRosterResponseError('not-oneroster', 'html', request, ' <!doctype html>');
    expect(describeOneRosterError(new WrongBaseError('rostering', ROOT_V1P2, '1.2', page))).toMatch(
      /version\. It answered with a web page, perhaps the SIS's sign-in page/,
    );
    const json = new OneRosterResponseError('not-oneroster', 'no orgs', request, '{"a":1}');
    expect(describeOneRosterError(new WrongBaseError('rostering', ROOT_V1P2, '1.2', json))).toMatch(
      /the OneRoster version\.$/,
    );
  });

  it('says which version to choose when the URL looks like the other one', () => {
    const cause = http('not-oneroster', 404);
    const tried12 = new WrongBaseError('rostering', `${IC_V1P1}rostering/v1p2/`, '1.2', cause);
    expect(describeOneRosterError(tried12)).toContain(
      'classes and students (rostering). Check the Host URL and the OneRoster version. ' +
        'It answered HTTP 404. This address looks like OneRoster 1.1; choose 1.1 as the OneRoster version.',
    );
    const tried11 = new WrongBaseError('rostering', ROOT_V1P2, '1.1', cause);
    expect(describeOneRosterError(tried11)).toContain(
      'This address looks like OneRoster 1.2; choose 1.2 as the OneRoster version.',
    );
    useLocale('nl');
    expect(describeOneRosterError(tried11)).toContain('kies 1.2 als OneRoster-versie');
    // The same version: nothing to suggest.
    const same = new WrongBaseError('rostering', ROOT_V1P2, '1.2', cause);
    useLocale('en');
    expect(describeOneRosterError(same)).not.toContain('looks like');
  });

  it('explains a 422 as a refused item with the SIS explanation, 400 as rejected data', () => {
    const statusInfo = { description: 'Category does not belong to the class', codeMinor: [] };
    expect(describeOneRosterError(http('invalid-data', 422, { statusInfo }))).toBe(
      'The SIS refused this item: Category does not belong to the class',
    );
    expect(describeOneRosterError(http('invalid-data', 400, { statusInfo }))).toBe(
      'The SIS rejected the data that was sent: Category does not belong to the class',
    );
    expect(describeOneRosterError(http('invalid-data', 422))).toMatch(/without saying why/);
  });

  it('explains a line item 1.2 cannot carry: no school, no category', () => {
    const url = 'https://sis.example.org/ims/oneroster/gradebook/v1p2/lineItems/li';
    expect(describeOneRosterError(new OneRosterDraftError('no-school', 'li', url))).toMatch(
      /SIS class has no school/,
    );
    expect(describeOneRosterError(new OneRosterDraftError('no-category', 'li', url))).toMatch(
      /needs a grading category/,
    );
    useLocale('nl');
    expect(describeOneRosterError(new OneRosterDraftError('no-school', 'li', url))).toMatch(
      /SIS-klas heeft geen school/,
    );
  });
});

describe('describeOneRosterError for auth-layer failures', () => {
  it.each([
    [
      new AuthTokenError('token-rejected', 'x', { status: 401 }),
      /rejected the client ID or secret/,
    ],
    [new AuthTokenError('token-endpoint-invalid', 'x'), /did not answer like an OAuth 2 token/],
    [new AuthTokenError('token-endpoint-status', 'x', { status: 404 }), /HTTP status 404/],
    [new AuthTokenError('token-scope', 'x'), /without the gradebook permissions/],
    [new AuthNetworkError('down'), /could not be reached/],
    [new AuthConfigError('Header name "x y" is not an HTTP token.'), /cannot be used: Header name/],
  ])('%s', (error, expected) => {
    expect(describeOneRosterError(error)).toMatch(expected);
  });

  it('speaks Dutch too', () => {
    useLocale('nl');
    expect(describeOneRosterError(new AuthTokenError('token-rejected', 'x'))).toMatch(
      /weigerde de client-ID/,
    );
  });
});
