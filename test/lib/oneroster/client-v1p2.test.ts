import { describe, expect, it } from 'vitest';
import { AuthConfigError } from '@/lib/auth/authenticator';
import { createOneRosterClient } from '@/lib/oneroster/client';
import { OneRosterDraftError } from '@/lib/oneroster/errors';
import type { LineItemToPut, ResultToPut } from '@/lib/oneroster/schemas';
import { legacySourceId, userRoles } from '@/lib/oneroster/schemas';
import { clientFor, fakeAuth, imsx, json, type Route } from './fake-sis';
import * as fixtures from './fixtures';

const ROOT = 'https://ic.example.org/campus/api/oneroster/v1p2/district/ims/oneroster';
const R = `${ROOT}/rostering/v1p2/`;
const G = `${ROOT}/gradebook/v1p2/`;
const VENDOR = { 'x-vendor-authorization': 'vendor-key:vendor-secret' };
const NOW = Date.parse('2024-09-10T12:00:00.000Z');

/** A 1.2 client over a fake SIS whose routes are keyed below the root (`/rostering/v1p2/…`). */
const v1p2 = (routes: Record<string, Route>, options: Parameters<typeof clientFor>[1] = {}) =>
  clientFor(routes, {
    baseUrl: ROOT,
    version: '1.2',
    gradebookHeaders: VENDOR,
    now: () => NOW,
    ...options,
  });

const teacher12 = {
  sourcedId: '8c1e6a52-0000-4000-8000-000000000001',
  status: 'active',
  dateLastModified: '2024-08-20T10:00:00.000Z',
  givenName: 'Tess',
  familyName: 'One',
  email: 't.one@school.org',
  enabledUser: 'true',
  roles: [
    {
      roleType: 'primary',
      role: 'teacher',
      org: { href: `${R}orgs/894`, sourcedId: '894', type: 'org' },
    },
    { roleType: 'secondary', role: 'teacher', org: { sourcedId: '895', type: 'org' } },
  ],
  primaryOrg: { href: `${R}orgs/894`, sourcedId: '894', type: 'org' },
  metadata: { ic: { legacysourceId: 'TCH_1001' } },
};

const lineItem: LineItemToPut = {
  sourcedId: 'gc-li-1',
  title: 'Photosynthesis lab',
  assignDate: '2024-09-01T00:00:00.000Z',
  dueDate: '2024-09-08T23:59:00.000Z',
  class: { sourcedId: 'CLS_42' },
  school: { sourcedId: '894' },
  category: { sourcedId: 'CAT1' },
  resultValueMin: 0,
  resultValueMax: 100,
};
const result: ResultToPut = {
  sourcedId: 'gc-r-1',
  lineItem: { sourcedId: 'gc-li-1' },
  student: { sourcedId: 'STU_1' },
  scoreStatus: 'fully graded',
  score: 9,
  scoreDate: '2024-09-10T12:00:00.000Z',
  late: true,
};

describe('1.2 client: two service bases', () => {
  it('exposes the version and the bases derived from the pasted root', () => {
    const { client } = v1p2({});
    expect(client.version).toBe('1.2');
    expect(client.bases).toEqual({ rostering: R, gradebook: G });
    expect(client.baseUrl).toBe(R);
  });

  it('takes a gradebook base override, and 1.1 stays one base', () => {
    const other = 'https://grades.example.org/ims/oneroster/gradebook/v1p2';
    expect(v1p2({}, { gradebookBaseUrl: other }).client.bases).toEqual({
      rostering: R,
      gradebook: `${other}/`,
    });
    const { client } = clientFor({});
    expect(client.version).toBe('1.1');
    expect(client.bases.rostering).toBe(client.bases.gradebook);
  });

  it('reads rostering under the rostering base and the gradebook under the gradebook base', async () => {
    const { client, requests } = v1p2({
      'GET /rostering/v1p2/teachers': () => json({ users: [teacher12] }),
      'GET /rostering/v1p2/classes/CLS_42/students': () => json({ users: [] }),
      'GET /gradebook/v1p2/classes/CLS_42/categories': () =>
        json({ categories: [fixtures.category('C1')] }),
      'GET /gradebook/v1p2/classes/CLS_42/lineItems': () => json({ lineItems: [] }),
      'GET /gradebook/v1p2/classes/CLS_42/results': () => json({ results: [] }),
    });
    await client.findTeachersByEmail('t.one@school.org');
    await client.listStudentsForClass('CLS_42');
    await client.listCategoriesForClass('CLS_42');
    await client.listLineItemsForClass('CLS_42');
    await client.listResultsForClass('CLS_42');
    expect(requests.map((r) => r.url.split('?')[0])).toEqual([
      `${R}teachers`,
      `${R}classes/CLS_42/students`,
      `${G}classes/CLS_42/categories`,
      `${G}classes/CLS_42/lineItems`,
      `${G}classes/CLS_42/results`,
    ]);
  });

  it('sends the gradebook headers with every gradebook request and never to rostering', async () => {
    const { client, requests } = v1p2({
      'GET /rostering/v1p2/classes/CLS_42/students': () => json({ users: [] }),
      'GET /gradebook/v1p2/categories': () => json({ categories: [] }),
      'PUT /gradebook/v1p2/lineItems/gc-li-1': () => new Response(null, { status: 201 }),
      'DELETE /gradebook/v1p2/results/gc-r-1': () => new Response(null, { status: 204 }),
    });
    await client.listStudentsForClass('CLS_42');
    await client.listCategories();
    await client.putLineItem(lineItem);
    await client.deleteResult('gc-r-1');
    const vendor = requests.map((r) => [
      r.url.startsWith(G),
      r.headers.get('x-vendor-authorization'),
    ]);
    expect(vendor).toEqual([
      [false, null],
      [true, 'vendor-key:vendor-secret'],
      [true, 'vendor-key:vendor-secret'],
      [true, 'vendor-key:vendor-secret'],
    ]);
    // The authenticator's own header still wins, and is on every request.
    expect(requests.every((r) => r.headers.get('authorization') === 'Bearer token-1')).toBe(true);
  });

  it('sends 1.1 gradebook headers to gradebook endpoints only, too', async () => {
    const { client, requests } = clientFor(
      {
        'GET /teachers': () => json({ users: [fixtures.teacher] }),
        'GET /categories': () => json({ categories: [] }),
      },
      { gradebookHeaders: VENDOR },
    );
    await client.findTeachersByEmail('t.one@school.org');
    await client.listCategories();
    expect(requests.map((r) => r.headers.get('x-vendor-authorization'))).toEqual([
      null,
      'vendor-key:vendor-secret',
    ]);
  });

  it.each([
    [{ Authorization: 'Bearer stolen' }],
    [{ 'x vendor': 'a' }],
    [{ 'x-vendor-authorization': 'a\r\nInjected: 1' }],
  ])('refuses unusable gradebook headers up front: %o', (gradebookHeaders) => {
    expect(() =>
      createOneRosterClient({
        baseUrl: ROOT,
        version: '1.2',
        auth: fakeAuth().auth,
        gradebookHeaders,
      }),
    ).toThrow(AuthConfigError);
  });
});

describe('1.2 client: paging stays under the base a link came from', () => {
  const students = Array.from({ length: 4 }, (_, i) => fixtures.student(i + 1));
  const page = (offset: number) => json({ users: students.slice(offset, offset + 2) }, 200);

  it('ignores a rostering next link that points into the gradebook service', async () => {
    const { client, requests } = v1p2(
      {
        'GET /rostering/v1p2/classes/CLS_42/students': ({ query }) => {
          const offset = Number(query.get('offset'));
          const response = page(offset);
          response.headers.set(
            'Link',
            `<${G}classes/CLS_42/students?limit=2&offset=${offset + 2}>; rel="next"`,
          );
          return response;
        },
      },
      { pageSize: 2 },
    );
    expect(await client.listStudentsForClass('CLS_42')).toHaveLength(4);
    expect(requests.every((r) => r.url.startsWith(R))).toBe(true);
    expect(requests.map((r) => r.query.get('offset'))).toEqual(['0', '2', '4']);
  });

  it('follows a gradebook next link under the gradebook base, with the vendor header', async () => {
    const items = [fixtures.lineItem, { ...fixtures.lineItem, sourcedId: 'gc-li-2' }];
    const { client, requests } = v1p2(
      {
        'GET /gradebook/v1p2/classes/CLS_42/lineItems': ({ query }) => {
          const offset = Number(query.get('offset'));
          const headers: Record<string, string> =
            offset === 0
              ? { Link: `<${G}classes/CLS_42/lineItems?limit=1&offset=1&page=2>; rel="next"` }
              : {};
          return json({ lineItems: items.slice(offset, offset + 1) }, 200, headers);
        },
      },
      { pageSize: 1 },
    );
    expect(await client.listLineItemsForClass('CLS_42')).toHaveLength(2);
    expect(requests[1]?.url).toBe(`${G}classes/CLS_42/lineItems?limit=1&offset=1&page=2`);
    expect(requests[1]?.headers.get('x-vendor-authorization')).toBe('vendor-key:vendor-secret');
  });
});

describe('1.2 client: reads in the 1.2 shapes', () => {
  it("reads a user's roles[], primaryOrg, string enabledUser and legacy id", async () => {
    const { client, requests } = v1p2({
      'GET /rostering/v1p2/teachers': () => json({ users: [teacher12] }),
    });
    const [found] = await client.findTeachersByEmail('t.one@school.org');
    expect(requests[0]?.query.get('filter')).toBe("email='t.one@school.org'");
    expect(found).toMatchObject({ primaryOrg: { sourcedId: '894' }, enabledUser: 'true' });
    expect(found && userRoles(found)).toEqual(['teacher']);
    expect(found && legacySourceId(found)).toBe('TCH_1001');
  });

  it('reads results without a score, with string or boolean flags, textScore and ext: statuses', async () => {
    const { client } = v1p2({
      'GET /gradebook/v1p2/classes/CLS_42/results': () =>
        json({
          results: [
            {
              ...fixtures.result,
              score: undefined,
              scoreStatus: 'submitted',
              late: 'true',
              missing: 'false',
            },
            {
              ...fixtures.result,
              sourcedId: 'r2',
              scoreStatus: 'ext:teacher.review',
              textScore: 'B+',
              inProgress: true,
            },
          ],
        }),
    });
    const [submitted, extended] = await client.listResultsForClass('CLS_42');
    expect(submitted).toMatchObject({ scoreStatus: 'submitted', late: true, missing: false });
    expect(submitted).not.toHaveProperty('score');
    expect(extended).toMatchObject({
      scoreStatus: 'ext:teacher.review',
      textScore: 'B+',
      inProgress: true,
    });
  });
});

describe('1.2 client: writes', () => {
  it('PUTs the 1.2 body to the gradebook base; 201 = created, empty body fine', async () => {
    const { client, requests } = v1p2({
      'PUT /gradebook/v1p2/lineItems/gc-li-1': () => new Response(null, { status: 201 }),
      'PUT /gradebook/v1p2/results/gc-r-1': () => new Response('', { status: 200 }),
    });
    await expect(client.putLineItem(lineItem)).resolves.toEqual({ created: true });
    await expect(client.putResult(result)).resolves.toEqual({ created: false });
    expect(requests[0]?.url).toBe(`${G}lineItems/gc-li-1`);
    expect(requests[0]?.body).toMatchObject({
      lineItem: {
        status: 'active',
        dateLastModified: '2024-09-10T12:00:00.000Z',
        school: { href: `${R}orgs/894`, sourcedId: '894', type: 'org' },
      },
    });
    expect(requests[1]?.body).toEqual({
      result: {
        sourcedId: 'gc-r-1',
        status: 'active',
        dateLastModified: '2024-09-10T12:00:00.000Z',
        lineItem: { href: `${G}lineItems/gc-li-1`, sourcedId: 'gc-li-1', type: 'lineItem' },
        student: { href: `${R}users/STU_1`, sourcedId: 'STU_1', type: 'user' },
        scoreStatus: 'fully graded',
        score: 9,
        scoreDate: '2024-09-10',
        late: 'true',
      },
    });
  });

  it('writes the date-time scoreDate when the connection asks for it', async () => {
    const { client, requests } = v1p2(
      { 'PUT /gradebook/v1p2/results/gc-r-1': () => new Response(null, { status: 201 }) },
      { scoreDateFormat: 'date-time' },
    );
    await client.putResult(result);
    expect(requests[0]?.body).toMatchObject({ result: { scoreDate: '2024-09-10T12:00:00.000Z' } });
  });

  it('refuses a line item without school before anything is sent', async () => {
    const { client, requests, authorized } = v1p2({});
    const error = await client.putLineItem({ ...lineItem, school: undefined }).catch((e) => e);
    expect(error).toBeInstanceOf(OneRosterDraftError);
    expect(error).toMatchObject({ code: 'invalid-data', problem: 'no-school' });
    expect(requests).toHaveLength(0);
    expect(authorized).toHaveLength(0);
  });

  it.each([400, 422])(
    'turns %i into a per-item invalid-data error with the SIS explanation',
    async (status) => {
      const { client } = v1p2({
        'PUT /gradebook/v1p2/results/gc-r-1': () =>
          json(
            {
              imsx_codeMajor: 'failure',
              imsx_severity: 'error',
              imsx_description: 'Student is not enrolled in the class',
              imsx_CodeMinor: {
                imsx_codeMinorField: [
                  {
                    imsx_codeMinorFieldName: 'TargetEndSystem',
                    imsx_codeMinorFieldValue: 'invaliddata',
                  },
                ],
              },
            },
            status,
          ),
      });
      await expect(client.putResult(result)).rejects.toMatchObject({
        code: 'invalid-data',
        status,
        statusInfo: {
          description: 'Student is not enrolled in the class',
          codeMinor: ['invaliddata'],
        },
      });
    },
  );

  it.each([
    [200, true],
    [204, true],
    [404, false],
    [410, false],
  ])('DELETE answered %i → deleted: %s', async (status, deleted) => {
    const { client } = v1p2({
      'DELETE /gradebook/v1p2/lineItems/gc-li-1': () =>
        status === 404 ? imsx(404, 'gone', 'unknownobject') : new Response(null, { status }),
    });
    await expect(client.deleteLineItem('gc-li-1')).resolves.toEqual({ deleted });
  });
});

describe('1.2 client: checkConnection', () => {
  const orgs = () => json({ orgs: [{ sourcedId: '894', name: 'Springfield' }] });

  it('probes rostering (orgs) and the gradebook (categories, with its headers)', async () => {
    const { client, requests } = v1p2({
      'GET /rostering/v1p2/orgs': orgs,
      'GET /gradebook/v1p2/categories': () => json({ categories: [] }),
    });
    await expect(client.checkConnection()).resolves.toEqual({
      version: '1.2',
      bases: { rostering: R, gradebook: G },
      endpoint: 'orgs',
      orgName: 'Springfield',
    });
    expect(requests.map((r) => r.url)).toEqual([
      `${R}orgs?limit=1&offset=0`,
      `${G}categories?limit=1&offset=0`,
    ]);
    expect(requests[1]?.headers.get('x-vendor-authorization')).toBe('vendor-key:vendor-secret');
  });

  it('reports a gradebook base that answers 404 as wrong-base for the gradebook', async () => {
    const { client } = v1p2({ 'GET /rostering/v1p2/orgs': orgs });
    await expect(client.checkConnection()).rejects.toMatchObject({
      code: 'wrong-base',
      service: 'gradebook',
      baseUrl: G,
      version: '1.2',
    });
  });

  it('reports a rostering base where neither orgs nor teachers exist as wrong-base, before the gradebook', async () => {
    const { client, requests } = v1p2({
      'GET /gradebook/v1p2/categories': () => json({ categories: [] }),
    });
    await expect(client.checkConnection()).rejects.toMatchObject({
      code: 'wrong-base',
      service: 'rostering',
      baseUrl: R,
      version: '1.2',
    });
    expect(requests.map((r) => r.url.split('?')[0])).toEqual([`${R}orgs`, `${R}teachers`]);
  });

  it('reports a 1.1 URL tried as 1.2 as wrong-base (a 404 is never "no classes")', async () => {
    const v1p1Url = 'https://sis.example.org/ims/oneroster/v1p1';
    const { client } = clientFor({ 'GET /orgs': orgs }, { baseUrl: v1p1Url, version: '1.2' });
    await expect(client.checkConnection()).rejects.toMatchObject({
      code: 'wrong-base',
      service: 'rostering',
      baseUrl: `${v1p1Url}/rostering/v1p2/`,
    });
  });

  it('keeps credential failures as they are: a gradebook 401 asking for vendor authorization', async () => {
    const { client } = v1p2(
      {
        'GET /rostering/v1p2/orgs': orgs,
        'GET /gradebook/v1p2/categories': () =>
          json({ message: 'Missing x-vendor-authorization header' }, 401),
      },
      { refresh: false, gradebookHeaders: {} },
    );
    await expect(client.checkConnection()).rejects.toMatchObject({
      code: 'missing-vendor-authorization',
    });
  });
});
