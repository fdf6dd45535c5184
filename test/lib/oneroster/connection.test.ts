import { describe, expect, it } from 'vitest';
import { BASE, clientFor, imsx, json } from './fake-sis';
import * as fixtures from './fixtures';

const NOW = Date.parse('2024-09-10T12:00:00Z');
const district = {
  sourcedId: '894',
  name: 'Springfield Public Schools',
  type: 'district',
  identifier: null,
};

describe('checkConnection', () => {
  it('reads GET /orgs?limit=1 and names the org', async () => {
    const { client, requests, authorized } = clientFor(
      {
        'GET /orgs': () =>
          json({ orgs: [district] }, 200, { Date: new Date(NOW + 3000).toUTCString() }),
      },
      { now: () => NOW },
    );
    await expect(client.checkConnection()).resolves.toEqual({
      endpoint: 'orgs',
      orgName: 'Springfield Public Schools',
      serverClockSkewMs: 3000,
    });
    expect(requests.map((r) => r.url)).toEqual([`${BASE}/orgs?limit=1&offset=0`]);
    expect(authorized[0]?.url).toBe(requests[0]?.url);
  });

  it('reads one page only, even when the server says there are more', async () => {
    const { client, requests } = clientFor({
      'GET /orgs': () => json({ orgs: [district] }, 200, { 'X-Total-Count': '40' }),
    });
    await expect(client.checkConnection()).resolves.toMatchObject({ endpoint: 'orgs' });
    expect(requests).toHaveLength(1);
  });

  it.each([
    ['forbidden', () => imsx(403, 'Access denied', 'unauthorisedrequest')],
    ['under-scoped', () => imsx(403, 'roster-core.readonly scope required', 'unauthorisedrequest')],
    ['missing', () => imsx(404, 'Not found', 'unknownobject')],
  ])('falls back to GET /teachers?limit=1 when /orgs is %s', async (_name, orgs) => {
    const { client, requests } = clientFor({
      'GET /orgs': orgs,
      'GET /teachers': () => json({ users: [fixtures.teacher] }),
    });
    await expect(client.checkConnection()).resolves.toEqual({ endpoint: 'teachers' });
    expect(requests.map((r) => r.url)).toEqual([
      `${BASE}/orgs?limit=1&offset=0`,
      `${BASE}/teachers?limit=1&offset=0`,
    ]);
  });

  it('fails straight away on bad credentials', async () => {
    const { client, requests } = clientFor(
      { 'GET /orgs': () => imsx(401, 'Invalid key', 'unauthorisedrequest') },
      { refresh: false },
    );
    await expect(client.checkConnection()).rejects.toMatchObject({ code: 'bad-credentials' });
    expect(requests).toHaveLength(1);
  });

  it('reports not-oneroster when neither endpoint answers OneRoster data', async () => {
    const page = () =>
      new Response('<html>It works!</html>', { headers: { 'Content-Type': 'text/html' } });
    const { client } = clientFor({ 'GET /orgs': page, 'GET /teachers': page });
    await expect(client.checkConnection()).rejects.toMatchObject({ code: 'not-oneroster' });
  });
});
