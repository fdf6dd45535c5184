/** Backoff arithmetic and the retry / fail / stop decision for every error type. */
import { describe, expect, it } from 'vitest';
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '@/lib/auth/authenticator';
import { classifyFailure, DEFAULT_RETRY_POLICY, retryDelayMs } from '@/lib/export/retry';
import { sisError } from './engine-fixtures';

describe('retryDelayMs', () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [6, 16_000],
    [7, 30_000],
    [20, 30_000],
  ])('retry %i draws from [0, %i)', (retry, ceiling) => {
    expect(retryDelayMs(retry, policy, () => 0)).toBe(0);
    expect(retryDelayMs(retry, policy, () => 0.999_999)).toBe(ceiling - 1);
  });

  it('never waits less than Retry-After', () => {
    expect(retryDelayMs(1, policy, () => 0.5, 7000)).toBe(7000);
    expect(retryDelayMs(7, policy, () => 0.5, 7000)).toBe(15_000);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxAttempts: 6,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      giveUpAfterMs: 300_000,
      stopAfterGiveUps: 10,
    });
  });
});

describe('classifyFailure', () => {
  it.each([
    ['network', sisError.network(), 'retry'],
    ['timeout', sisError.timeout(), 'retry'],
    ['server-error', sisError.server(), 'retry'],
    ['rate-limited', sisError.rateLimited(1000), 'retry'],
    ['auth network', new AuthNetworkError('offline'), 'retry'],
    [
      'token endpoint 503',
      new AuthTokenError('token-endpoint-status', '503', { status: 503 }),
      'retry',
    ],
    ['bad-credentials', sisError.badCredentials(), 'stop'],
    ['clock-skew', sisError.clockSkew(), 'stop'],
    ['token-rejected', sisError.tokenRejected(), 'stop'],
    [
      'token endpoint 404',
      new AuthTokenError('token-endpoint-status', '404', { status: 404 }),
      'stop',
    ],
    ['auth config', new AuthConfigError('empty key'), 'stop'],
    ['invalid-data', sisError.invalidData('x'), 'fail'],
    ['not-found', sisError.notFound(), 'fail'],
    ['forbidden', sisError.forbidden(), 'fail'],
    ['under-scoped', sisError.underScoped(), 'fail'],
    ['unexpected-status', sisError.unexpected(), 'fail'],
    ['schema-mismatch', sisError.schemaMismatch(), 'fail'],
    ['a TypeError', new TypeError('bug'), 'fail'],
  ])('%s → %s', (_name, error, action) => {
    expect(classifyFailure(error).action).toBe(action);
  });

  it('carries Retry-After and marks 429s as rate limiting', () => {
    expect(classifyFailure(sisError.rateLimited(4000))).toMatchObject({
      retryAfterMs: 4000,
      rateLimited: true,
      failure: { code: 'rate-limited' },
    });
    expect(classifyFailure(sisError.server(2000))).toMatchObject({
      retryAfterMs: 2000,
      rateLimited: false,
    });
  });

  it('keeps the SIS’s description next to the translated text', () => {
    const { failure } = classifyFailure(sisError.notFound());
    expect(failure.code).toBe('not-found');
    expect(failure.message).toMatch(/\(unknown object\)$/);
    // invalid-data's translation already quotes it: not twice.
    const invalid = classifyFailure(sisError.invalidData('lineItem: unknown')).failure.message;
    expect(invalid.split('lineItem: unknown')).toHaveLength(2);
  });
});
