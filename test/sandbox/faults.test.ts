/** Fault switches (latency, 500s, 429s, drops, title limit) and the request log. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../../sandbox/faults.ts';
import { type Sandbox, startSandbox } from '../../sandbox/server.ts';
import { type Client, makeClient, type Reply } from './test-client.ts';
import { expectImsx } from './test-expect.ts';

let sandbox: Sandbox;
let api: Client;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 9, students: 10, classes: 2 });
  api = await makeClient(sandbox, 'oauth2');
});
afterEach(() => {
  sandbox.setFaults(NO_FAULTS);
});
afterAll(() => sandbox.close());

describe('fault switches', () => {
  it('adds latency', async () => {
    sandbox.setFaults({ latencyMs: 120 });
    const started = performance.now();
    expect((await api.get('/orgs')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('answers a share of requests with 500 imsx', async () => {
    sandbox.setFaults({ errorRate: 1 });
    const reply = await api.get('/orgs');
    expectImsx(reply, 500, 'internal_server_error');
    sandbox.setFaults({ errorRate: 0.5 });
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => api.get('/orgs').then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
  });

  it('rate-limits every Nth request with 429 and Retry-After', async () => {
    sandbox.setFaults({ rateLimit: { every: 3, retryAfterSeconds: 2 } });
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await api.get('/orgs'));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 429, 200, 200, 429]);
    expect(replies[2]?.headers.get('retry-after')).toBe('2');
    expectImsx(replies[2] as Reply, 429, 'server_busy', /rate limit/);
  });

  it('drops connections', async () => {
    sandbox.setFaults({ dropRate: 1 });
    await expect(api.get('/orgs')).rejects.toThrow();
    expect(sandbox.requestLog.entries.at(-1)).toMatchObject({ status: 0, fault: 'drop' });
  });

  it('leaves the token endpoint alone', async () => {
    sandbox.setFaults({ errorRate: 1, dropRate: 0 });
    await expect(makeClient(sandbox, 'oauth2')).resolves.toBeDefined();
  });

  it('truncates stored line item titles', async () => {
    sandbox.setFaults({ titleLimit: 30 });
    const classId = [...sandbox.data.classes.keys()][0] as string;
    const title = 'Ünit 4 — a title that is much longer than thirty characters';
    const reply = await api.put('/lineItems/t1', {
      lineItem: {
        title,
        assignDate: '2025-09-01T00:00:00.000Z',
        resultValueMin: 0,
        resultValueMax: 10,
        class: { sourcedId: classId },
      },
    });
    expect(reply.body.lineItem.title).toBe(title.slice(0, 30));
    expect((await api.get('/lineItems/t1')).body.lineItem.title).toHaveLength(30);
  });

  it('refuses nonsense rates', () => {
    expect(() => sandbox.setFaults({ errorRate: 2 })).toThrow(RangeError);
  });
});

describe('request log', () => {
  it('records method, path, query, status, auth and PUT bodies, and clears', async () => {
    sandbox.requestLog.clear();
    const classId = [...sandbox.data.classes.keys()][0] as string;
    await api.get('/teachers', { filter: "status='active'", limit: 5 });
    const body = {
      lineItem: {
        title: 'Logged',
        assignDate: '2025-09-01T00:00:00.000Z',
        resultValueMin: 0,
        class: { sourcedId: classId },
      },
    };
    await api.put('/lineItems/logged', body);
    await api.get('/nowhere');
    const [get, put, missing] = sandbox.requestLog.entries;
    expect(get).toMatchObject({
      method: 'GET',
      path: '/api/ims/oneroster/v1p1/teachers',
      route: '/teachers',
      query: { filter: "status='active'", limit: '5' },
      status: 200,
      auth: 'oauth2',
    });
    expect(put).toMatchObject({ method: 'PUT', route: '/lineItems/:id', status: 201, body });
    expect(missing).toMatchObject({
      status: 404,
      error: expect.stringContaining('no OneRoster endpoint'),
    });
    expect(sandbox.requestLog.find('PUT', '/lineItems/:id')).toHaveLength(1);
    sandbox.requestLog.clear();
    expect(sandbox.requestLog.entries).toEqual([]);
  });
});
