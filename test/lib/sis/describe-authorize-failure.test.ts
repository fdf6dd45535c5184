import { describe, expect, it } from 'vitest';
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '@/lib/auth/authenticator';
import {
  OneRosterHttpError,
  OneRosterResponseError,
  SisNetworkError,
} from '@/lib/oneroster/errors';
import { describeAuthorizeFailure } from '@/lib/sis/describe-authorize-failure';
import { useLocale } from '../../support/fake-i18n';

const request = { method: 'GET', url: 'https://sis.example.org/ims/oneroster/v1p1/orgs' };

describe('describeAuthorizeFailure', () => {
  it('tells a 404 (nothing there) from a web page (the wrong address)', () => {
    const missing = describeAuthorizeFailure(
      new OneRosterHttpError('not-oneroster', { status: 404, body: '' }, request),
    );
    const page = describeAuthorizeFailure(
      new OneRosterResponseError('not-oneroster', 'html', request, '  <!doctype html><p>Sign in'),
    );
    expect(missing).toEqual({
      code: 'not-oneroster',
      message:
        'Nothing was found at this Host URL (HTTP 404). Check the address: it usually ends in /ims/oneroster/v1p1.',
    });
    expect(page.code).toBe('not-oneroster');
    expect(page.message).toContain('answered with a web page');
    // JSON without OneRoster data keeps the general explanation.
    const json = describeAuthorizeFailure(
      new OneRosterResponseError('not-oneroster', 'no orgs', request, '{"hello":1}'),
    );
    expect(json.message).toContain('does not answer like a OneRoster 1.1 service');
  });

  it.each([
    [
      new OneRosterHttpError('bad-credentials', { status: 401, body: '' }, request),
      'bad-credentials',
    ],
    [new SisNetworkError('network', 'refused', request), 'network'],
    [new AuthTokenError('token-rejected', 'no'), 'token-rejected'],
    [new AuthTokenError('token-scope', 'narrow', { missingScopes: ['x'] }), 'token-scope'],
    [new AuthNetworkError('offline'), 'network'],
    [new AuthConfigError('bad header'), 'auth-config-invalid'],
    [new Error('bug'), 'internal'],
  ])('keeps the code of %o', (error, code) => {
    const failure = describeAuthorizeFailure(error);
    expect(failure.code).toBe(code);
    expect(failure.message.length).toBeGreaterThan(10);
  });

  it('speaks Dutch in a Dutch browser', () => {
    useLocale('nl');
    const failure = describeAuthorizeFailure(
      new OneRosterResponseError('not-oneroster', 'html', request, '<html>'),
    );
    expect(failure.message).toContain('antwoordde met een webpagina');
  });
});
