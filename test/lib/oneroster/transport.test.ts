import { describe, expect, it } from 'vitest';
import { SisNetworkError } from '@/lib/oneroster/errors';
import { clientFor, imsx, json, type Route } from './fake-sis';
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
