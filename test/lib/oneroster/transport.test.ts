import { describe, expect, it } from 'vitest';
import { createOAuth2Authenticator } from '@/lib/auth/oauth2';
import { createOneRosterClient } from '@/lib/oneroster/client';
import { SisNetworkError } from '@/lib/oneroster/errors';
import { CLIENT_ID, CLIENT_SECRET, createFakeTokenEndpoint } from '../auth/fake-token-endpoint';
import { BASE, clientFor, fakeSis, imsx, json, type Route } from './fake-sis';
import * as fixtures from './fixtures';

const PATH = 'GET /classes/CLS_42/students';
const list = (route: Route, options: Parameters<typeof clientFor>[1] = {}) => {
  const setup = clientFor({ [PATH]: route }, options);
  return { ...setup, students: () => setup.client.listStudentsForClass('CLS_42') };
};

describe('401 handling', () => {
  it('refreshes once and retries with new headers', async () => {
    let calls = 0;
    const { students, requests, refreshes, authorized } = list(() =>
      ++calls === 1
        ? imsx(401, 'Token expired', 'unauthorisedrequest')
        : json({ users: [fixtures.student(1)] }),
    );
    await expect(students()).resolves.toHaveLength(1);
    expect(refreshes()).toBe(1);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(authorized.map((a) => a.url)).toEqual(requests.map((r) => r.url));
  });

  it('gives up after the one retry when the SIS still says 401 (no loop)', async () => {
    const { students, requests, refreshes } = list(() =>
      imsx(401, 'Invalid client', 'unauthorisedrequest'),
    );
    await expect(students()).rejects.toMatchObject({ code: 'bad-credentials' });
    expect(refreshes()).toBe(1);
    expect(requests).toHaveLength(2);
  });

  it('does not retry when the authenticator says it would not help', async () => {
    const { students, requests, refreshes } = list(
      () => imsx(401, 'bad signature', 'unauthorisedrequest'),
      {
        refresh: false,
      },
    );
    await expect(students()).rejects.toMatchObject({ code: 'bad-credentials' });
    expect(refreshes()).toBe(1);
    expect(requests).toHaveLength(1);
  });
});

describe('401 handling with the real OAuth 2 authenticator', () => {
  /** A SIS that refuses every bearer token, behind a token endpoint that grants one per call. */
  function refusingSis() {
    const tokens = createFakeTokenEndpoint();
    const sis = fakeSis({ [PATH]: () => imsx(401, 'Token revoked', 'unauthorisedrequest') });
    const auth = createOAuth2Authenticator({
      tokenUrl: 'https://sis.example.org/oauth/token',
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetch: tokens.fetch,
    });
    const client = createOneRosterClient({ baseUrl: BASE, auth, fetch: sis.fetch });
    return { tokens, sis, students: () => client.listStudentsForClass('CLS_42') };
  }

  it('refreshes once and gives up on a token the SIS keeps refusing (no loop)', async () => {
    const { tokens, sis, students } = refusingSis();
    await expect(students()).rejects.toMatchObject({ code: 'bad-credentials' });
    expect(sis.requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(tokens.calls).toHaveLength(2);
  });

  it('refreshes once for many requests refused with the same token', async () => {
    const { tokens, sis, students } = refusingSis();
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, students));
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    // Six refused with token-1 and retried with token-2: one refresh between them.
    expect(sis.requests).toHaveLength(12);
    expect(tokens.calls).toHaveLength(2);
  });
});

describe('transport failures', () => {
  it('network: fetch rejecting with TypeError (DNS, TLS, refused)', async () => {
    const { students } = list(() => {
      throw new TypeError('Failed to fetch: net::ERR_CERT_AUTHORITY_INVALID');
    });
    const error = await students().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SisNetworkError);
    expect(error).toMatchObject({ code: 'network', request: { method: 'GET' } });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('timeout: a slow server is aborted after timeoutMs', async () => {
    const slow: Route = ({ init }) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const { students } = list(slow, { timeoutMs: 20 });
    const started = Date.now();
    await expect(students()).rejects.toMatchObject({ code: 'timeout', name: 'SisNetworkError' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a caller abort is rethrown as is, not reported as a SIS failure', async () => {
    const controller = new AbortController();
    const slow: Route = ({ init }) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        setTimeout(() => controller.abort(new DOMException('Export cancelled', 'AbortError')), 5);
      });
    const { client } = list(slow, { timeoutMs: 5000 });
    await expect(
      client.listStudentsForClass('CLS_42', { signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
      message: 'Export cancelled',
    });
  });

  it('an authenticator failure keeps its own type', async () => {
    class TokenError extends Error {
      code = 'token-rejected';
    }
    const setup = list(() => json({ users: [] }));
    setup.auth.authorize = async () => {
      throw new TokenError('token endpoint said invalid_client');
    };
    await expect(setup.students()).rejects.toBeInstanceOf(TokenError);
    expect(setup.requests).toHaveLength(0);
  });

  it('passes the timeout signal to the authenticator and sends its extra headers', async () => {
    const signals: Array<AbortSignal | undefined> = [];
    const setup = list(() => json({ users: [] }), {
      extra: { 'x-vendor-authorization': 'Vendor:Secret' },
    });
    const authorize = setup.auth.authorize.bind(setup.auth);
    setup.auth.authorize = (request, signal) => {
      signals.push(signal);
      return authorize(request, signal);
    };
    await setup.students();
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    const { init, headers } = setup.requests[0] ?? {};
    expect(headers?.get('x-vendor-authorization')).toBe('Vendor:Secret');
    expect(init).toMatchObject({ method: 'GET', redirect: 'error', cache: 'no-store' });
  });
});
