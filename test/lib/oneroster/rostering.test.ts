import { describe, expect, it } from 'vitest';
import { createOneRosterClient } from '@/lib/oneroster/client';
import { BASE, clientFor, fakeAuth, imsx, json, paged } from './fake-sis';
import * as fixtures from './fixtures';

const B = `${BASE}/`;

describe('OneRoster client: rostering endpoints', () => {
  it("finds a teacher by email with Google's filter, signing exactly the fetched URL", async () => {
    const { client, requests, authorized } = clientFor({
      'GET /teachers': () => json({ users: [fixtures.teacher] }),
    });
    await expect(client.findTeachersByEmail('t.one@school.org')).resolves.toMatchObject([
      { sourcedId: 'TCH_1001', email: 't.one@school.org' },
    ]);
    expect(requests.map((r) => r.url)).toEqual([
      `${B}teachers?filter=email%3D%27t.one%40school.org%27&limit=1000&offset=0`,
    ]);
    expect(authorized).toEqual([{ method: 'GET', url: requests[0]?.url }]);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer token-1');
    expect(requests[0]?.headers.get('accept')).toBe('application/json');
    expect(requests[0]?.query.get('filter')).toBe("email='t.one@school.org'");
  });

  it('quotes an apostrophe in an email and keeps %20/%27 (never +) in the signed URL', async () => {
    const email = "o'brien+kid@school.org";
    const { client, requests, authorized } = clientFor({
      'GET /teachers': () => json({ users: [{ ...fixtures.teacher, email }] }),
    });
    await expect(client.findTeachersByEmail(email)).resolves.toHaveLength(1);
    const url = requests[0]?.url ?? '';
    expect(url).toContain('filter=email%3D%27o%27%27brien%2Bkid%40school.org%27');
    expect(url).not.toContain('+');
    expect(authorized[0]?.url).toBe(url);
    expect(requests[0]?.query.get('filter')).toBe("email='o''brien+kid@school.org'");
  });

  it('re-checks the email itself, case-insensitively, for servers that ignore filters', async () => {
    const { client } = clientFor({
      'GET /teachers': () =>
        json({
          users: [
            { ...fixtures.teacher, email: 'T.One@School.org' },
            { ...fixtures.teacher, sourcedId: 'TCH_2', email: 'other@school.org' },
            { ...fixtures.teacher, sourcedId: 'TCH_3', email: undefined },
          ],
        }),
    });
    const found = await client.findTeachersByEmail('t.one@school.org');
    expect(found.map((user) => user.sourcedId)).toEqual(['TCH_1001']);
  });

  it("lists a teacher's active classes, or all of them on request", async () => {
    const { client, requests } = clientFor({
      'GET /teachers/TCH%201001/classes': () => json({ classes: [fixtures.klass] }),
    });
    const classes = await client.listClassesForTeacher('TCH 1001');
    expect(classes[0]?.terms[0]?.sourcedId).toBe('T1');
    await client.listClassesForTeacher('TCH 1001', { activeOnly: false });
    expect(requests.map((r) => r.url)).toEqual([
      `${B}teachers/TCH%201001/classes?filter=status%3D%27active%27&limit=1000&offset=0`,
      `${B}teachers/TCH%201001/classes?limit=1000&offset=0`,
    ]);
  });

  it("lists a class's students and a term's grading periods", async () => {
    const { client, requests } = clientFor({
      'GET /classes/CLS_42/students': () =>
        json({ users: [fixtures.student(1), fixtures.student(2)] }),
      'GET /terms/T1/gradingPeriods': () => json({ academicSessions: [fixtures.gradingPeriod] }),
    });
    expect((await client.listStudentsForClass('CLS_42')).map((s) => s.email)).toEqual([
      's1@school.org',
      's2@school.org',
    ]);
    expect(await client.listGradingPeriodsForTerm('T1')).toMatchObject([
      { sourcedId: 'GP1', type: 'gradingPeriod', schoolYear: '2025' },
    ]);
    expect(requests.map((r) => r.url)).toEqual([
      `${B}classes/CLS_42/students?limit=1000&offset=0`,
      `${B}terms/T1/gradingPeriods?limit=1000&offset=0`,
    ]);
  });

  it("reports an unknown teacher's classes as not-found", async () => {
    const { client } = clientFor({});
    await expect(client.listClassesForTeacher('nobody')).rejects.toMatchObject({
      code: 'not-found',
      status: 404,
    });
  });

  describe('getClass', () => {
    it('reads GET /classes/{id}', async () => {
      const { client, requests } = clientFor({
        'GET /classes/CLS_42': () => json({ class: fixtures.klass }),
      });
      await expect(client.getClass('CLS_42')).resolves.toMatchObject({ sourcedId: 'CLS_42' });
      expect(requests.map((r) => r.url)).toEqual([`${B}classes/CLS_42`]);
    });

    it("falls back to Google's filter query when the single GET is missing", async () => {
      const { client, requests } = clientFor({
        'GET /classes': () => json({ classes: [fixtures.klass] }),
      });
      await expect(client.getClass('CLS_42')).resolves.toMatchObject({
        title: 'Biology 1 - Period 3',
      });
      expect(requests.map((r) => r.url)).toEqual([
        `${B}classes/CLS_42`,
        `${B}classes?filter=sourcedId%3D%27CLS_42%27&limit=1000&offset=0`,
      ]);
    });

    it('falls back when the single GET answers another shape, and gives undefined when unknown', async () => {
      const { client } = clientFor({
        'GET /classes/CLS_9': () => json({ classes: [] }),
        'GET /classes': () => json({ classes: [] }),
      });
      await expect(client.getClass('CLS_9')).resolves.toBeUndefined();
    });

    it('does not fall back on credential failures', async () => {
      const { client, requests } = clientFor(
        { 'GET /classes/CLS_42': () => imsx(401, 'Unauthorized', 'unauthorisedrequest') },
        { refresh: false },
      );
      await expect(client.getClass('CLS_42')).rejects.toMatchObject({ code: 'bad-credentials' });
      expect(requests).toHaveLength(1);
    });
  });

  it('uses the configured page size (Google asks 10000) and keeps the vendor prefix', async () => {
    const prefixed =
      'https://district.infinitecampus.org/campus/oneroster/app1/ims/oneroster/v1p1/';
    const seen: string[] = [];
    const client = createOneRosterClient({
      baseUrl: prefixed,
      auth: fakeAuth().auth,
      pageSize: 10_000,
      fetch: async (input) => {
        seen.push(String(input));
        return paged('users', [fixtures.student(1)])({
          query: new URL(String(input)).searchParams,
          url: String(input),
        } as never);
      },
    });
    await client.listStudentsForClass('C 1');
    expect(seen).toEqual([`${prefixed}classes/C%201/students?limit=10000&offset=0`]);
    expect(client.baseUrl).toBe(prefixed);
  });
});

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
      version: '1.1',
      bases: { rostering: `${BASE}/`, gradebook: `${BASE}/` },
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
    await expect(client.checkConnection()).resolves.toEqual({
      version: '1.1',
      bases: { rostering: `${BASE}/`, gradebook: `${BASE}/` },
      endpoint: 'teachers',
    });
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

  // Issue 14: was `not-oneroster`; a base without OneRoster is now a wrong-base error naming the
  // service, the base and the version, with the not-oneroster answer as its cause.
  it('reports wrong-base when neither endpoint answers OneRoster data', async () => {
    const page = () =>
      new Response('<html>It works!</html>', { headers: { 'Content-Type': 'text/html' } });
    const { client } = clientFor({ 'GET /orgs': page, 'GET /teachers': page });
    await expect(client.checkConnection()).rejects.toMatchObject({
      code: 'wrong-base',
      service: 'rostering',
      baseUrl: `${BASE}/`,
      version: '1.1',
      cause: { code: 'not-oneroster' },
    });
  });
});
