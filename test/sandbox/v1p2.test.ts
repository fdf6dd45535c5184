/**
 * The sandbox's OneRoster 1.2 service (Infinite Campus layout) beside 1.1: paths and token, scopes,
 * the 1.2 shapes (checked against the 1.2 rostering OpenAPI), typed refs, categories per class,
 * paging under the service base, strict validation (400 schema vs 422 semantic, 1.2 imsx), the
 * vendor header on gradebook requests only, and one store shared by both versions.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSchemas, openApiV1p2Path, openApiV1p2RosteringPath } from '../../sandbox/openapi.ts';
import { type Sandbox, startSandbox } from '../../sandbox/server.ts';
import {
  ALL_SCOPES_V1P2,
  type ClientV1p2,
  getToken,
  makeClient,
  makeClientV1p2,
  SCOPES_V1P2,
} from './test-client.ts';
import { expectImsxV1p2 } from './test-expect.ts';
import { signOAuth1 } from './test-oauth1-signer.ts';

const rostering = loadSchemas(openApiV1p2RosteringPath(), []);
const gradebook = loadSchemas(openApiV1p2Path(), []);
/** Asserts `value` is valid against a published 1.2 schema (unchanged, additionalProperties false). */
function expectSchema(schemas: typeof rostering, name: string, value: unknown) {
  const validate = schemas?.validator(name);
  if (!validate) throw new Error(`no ${name}`);
  expect(validate(value) ? [] : validate.errors).toEqual([]);
}

const TEACHER_ROSTER_SIZE = 4;
let sandbox: Sandbox;
let api: ClientV1p2;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, students: 40, classes: 6 });
  api = await makeClientV1p2(sandbox);
});
afterAll(() => sandbox.close());

const firstClass = () => {
  const teacher = sandbox.data.defaultTeacherId;
  const enrollment = [...sandbox.data.enrollments.values()].find(
    (e) => e.user.sourcedId === teacher,
  );
  const klass = sandbox.data.classes.get(enrollment?.class.sourcedId ?? '');
  if (!klass) throw new Error('no class');
  return klass;
};
const studentOf = (classId: string, nth = 0) => {
  const e = [...sandbox.data.enrollments.values()].filter(
    (x) => x.class.sourcedId === classId && x.role === 'student',
  )[nth];
  if (!e) throw new Error('no student');
  return e.user.sourcedId;
};
const iso = (d: string) => new Date(d).toISOString();

/** A line item body the published (strict) schema accepts. */
function strictLineItem(id: string, overrides: Record<string, unknown> = {}) {
  const klass = firstClass();
  const { rosteringBase, gradebookBase } = sandbox.oneRoster12;
  const category = [...sandbox.data.categories.values()][0]?.sourcedId ?? '';
  return {
    lineItem: {
      sourcedId: id,
      status: 'active',
      dateLastModified: iso('2025-09-01T12:00:00Z'),
      title: 'Essay',
      assignDate: iso('2025-09-01T12:00:00Z'),
      dueDate: iso('2025-09-08T12:00:00Z'),
      class: {
        href: `${rosteringBase}/classes/${klass.sourcedId}`,
        sourcedId: klass.sourcedId,
        type: 'class',
      },
      school: {
        href: `${rosteringBase}/orgs/${klass.school.sourcedId}`,
        sourcedId: klass.school.sourcedId,
        type: 'org',
      },
      category: {
        href: `${gradebookBase}/categories/${category}`,
        sourcedId: category,
        type: 'category',
      },
      resultValueMax: 10,
      ...overrides,
    },
  };
}

function strictResult(id: string, lineItemId: string, studentGuid: string, overrides = {}) {
  const { rosteringBase, gradebookBase } = sandbox.oneRoster12;
  return {
    result: {
      sourcedId: id,
      status: 'active',
      dateLastModified: iso('2025-09-09T08:30:00Z'),
      lineItem: {
        href: `${gradebookBase}/lineItems/${lineItemId}`,
        sourcedId: lineItemId,
        type: 'lineItem',
      },
      student: {
        href: `${rosteringBase}/users/${studentGuid}`,
        sourcedId: studentGuid,
        type: 'user',
      },
      scoreStatus: 'fully graded',
      score: 8,
      scoreDate: '2025-09-09',
      ...overrides,
    },
  };
}

describe('paths, token and scopes', () => {
  it('serves IC’s layout and token URL, with 1.2 scopes by default', async () => {
    const { root, rosteringBase, gradebookBase, tokenUrl } = sandbox.oneRoster12;
    expect(root).toBe(`${sandbox.origin}/campus/api/oneroster/v1p2/riverside/ims/oneroster`);
    expect(rosteringBase).toBe(`${root}/rostering/v1p2`);
    expect(gradebookBase).toBe(`${root}/gradebook/v1p2`);
    expect(tokenUrl).toBe(`${sandbox.origin}/campus/oauth2/token?appName=riverside`);
    const { clientId, clientSecret } = sandbox.credentials.oauth2;
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { scope: string }).scope).toBe(ALL_SCOPES_V1P2);
    const wrongApp = await fetch(tokenUrl.replace('riverside', 'elsewhere'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
    });
    expect(wrongApp.status).toBe(400);
    expect(await wrongApp.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('a path under the root but outside the services is a 1.2 404; bulk POST is not served', async () => {
    const bare = await api.getUrl(`${sandbox.oneRoster12.root}/teachers`);
    expectImsxV1p2(bare, 404, 'unknownobject', /rostering\/v1p2/);
    const klass = firstClass();
    const post = await api.send(
      'POST',
      `${sandbox.oneRoster12.gradebookBase}/classes/${klass.sourcedId}/lineItems`,
      { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json' },
      JSON.stringify({ lineItems: [] }),
    );
    expectImsxV1p2(post, 405, 'unknownobject');
  });

  it('needs the v1p2 scope URIs: a 1.1 token gets 403, a token without createput too', async () => {
    const v1p1 = await getToken(sandbox);
    const res = await api.send('GET', `${sandbox.oneRoster12.rosteringBase}/teachers`, {
      Authorization: `Bearer ${v1p1}`,
    });
    expectImsxV1p2(res, 403, 'forbidden', /v1p2\/scope\/roster\.readonly/);
    const readOnly = await makeClientV1p2(sandbox, {
      scope: `${SCOPES_V1P2.roster} ${SCOPES_V1P2.read}`,
    });
    expect((await readOnly.gradebook.get('/categories')).status).toBe(200);
    const put = await readOnly.gradebook.put(`/lineItems/${randomUUID()}`, {});
    expectImsxV1p2(put, 403, 'forbidden', /gradebook\.createput/);
    const del = await readOnly.gradebook.del(`/lineItems/${randomUUID()}`);
    expectImsxV1p2(del, 403, 'forbidden', /gradebook\.delete/);
  });

  it('is OAuth 2 only: an OAuth 1.0a signed request gets 401', async () => {
    const url = `${sandbox.oneRoster12.rosteringBase}/teachers`;
    const { header } = signOAuth1({ method: 'GET', url, ...sandbox.credentials.oauth1 });
    const res = await api.send('GET', url, { Authorization: header });
    expectImsxV1p2(res, 401, 'unauthorisedrequest', /OAuth 2/);
  });
});

describe('1.2 shapes', () => {
  it('re-keys users with GUIDs, keeps the 1.1 id in metadata, and uses roles[]', async () => {
    const teachers = await api.roster.get('/teachers', {
      filter: `email='${sandbox.teacherEmail}'`,
    });
    const [teacher] = teachers.body.users;
    const legacy = sandbox.data.defaultTeacherId;
    expect(teacher.sourcedId).not.toBe(legacy);
    expect(teacher.sourcedId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(teacher.sourcedId).toBe(sandbox.inspect.userGuid(legacy));
    expect(sandbox.inspect.legacyUserId(teacher.sourcedId)).toBe(legacy);
    const school = sandbox.data.users.get(legacy)?.orgs[0]?.sourcedId;
    expect(teacher).toMatchObject({
      enabledUser: 'true',
      metadata: { ic: { legacysourceId: legacy } },
      roles: [
        {
          roleType: 'primary',
          role: 'teacher',
          org: {
            href: `${sandbox.oneRoster12.rosteringBase}/orgs/${school}`,
            sourcedId: school,
            type: 'org',
          },
        },
      ],
    });
    expect(teacher).not.toHaveProperty('role');
    expect(teacher).not.toHaveProperty('orgs');
    expectSchema(rostering, 'UserDType', teacher);

    // The GUID addresses the teacher; the 1.1 id does not.
    expect((await api.roster.get(`/teachers/${teacher.sourcedId}`)).body.user.email).toBe(
      sandbox.teacherEmail,
    );
    expectImsxV1p2(await api.roster.get(`/teachers/${legacy}`), 404, 'unknownobject');
    const classes = await api.roster.get(`/teachers/${teacher.sourcedId}/classes`);
    expect(classes.body.classes).toHaveLength(TEACHER_ROSTER_SIZE);
  });

  it('filters users by roles.role and by GUID', async () => {
    const v1p1 = await makeClient(sandbox, 'oauth2');
    const teachers11 = await v1p1.get('/teachers', { limit: 1000 });
    const byRole = await api.roster.get('/users', { filter: "roles.role='teacher'", limit: 1000 });
    expect(byRole.status).toBe(200);
    expect(
      byRole.body.users.map(
        (u: { metadata: { ic: { legacysourceId: string } } }) => u.metadata.ic.legacysourceId,
      ),
    ).toEqual(teachers11.body.users.map((u: { sourcedId: string }) => u.sourcedId));
    const guid = byRole.body.users[1].sourcedId;
    const one = await api.roster.get('/users', { filter: `sourcedId='${guid}'` });
    expect(one.body.users).toHaveLength(1);
    expectImsxV1p2(
      await api.roster.get('/users', { filter: "role='teacher'" }),
      400,
      'invalid_filter_field',
    );
  });

  it('serves classes, sessions, orgs, courses and enrollments valid against the 1.2 schemas', async () => {
    const klass = firstClass();
    const got = await api.roster.get(`/classes/${klass.sourcedId}`);
    expect(got.body.class.sourcedId).toBe(klass.sourcedId); // class ids are the same in 1.2
    expectSchema(rostering, 'ClassDType', got.body.class);
    expect(got.body.class.terms[0]).toEqual({
      href: `${sandbox.oneRoster12.rosteringBase}/academicSessions/${klass.terms[0]?.sourcedId}`,
      sourcedId: klass.terms[0]?.sourcedId,
      type: 'academicSession',
    });
    expect(got.body.class.course.type).toBe('course');
    for (const [path, wrapper, schema] of [
      ['/classes', 'classes', 'ClassDType'],
      ['/academicSessions', 'academicSessions', 'AcademicSessionDType'],
      ['/orgs', 'orgs', 'OrgDType'],
      ['/courses', 'courses', 'CourseDType'],
      ['/enrollments', 'enrollments', 'EnrollmentDType'],
      ['/users', 'users', 'UserDType'],
    ] as const) {
      const list = await api.roster.get(path, { limit: 10000 });
      expect(list.status).toBe(200);
      for (const item of list.body[wrapper]) expectSchema(rostering, schema, item);
    }
    const students = await api.roster.get(`/classes/${klass.sourcedId}/students`);
    expect(students.body.users[0].sourcedId).toBe(
      sandbox.inspect.userGuid(studentOf(klass.sourcedId)),
    );
    const periods = await api.roster.get(`/terms/${klass.terms[0]?.sourcedId}/gradingPeriods`);
    expect(periods.body.academicSessions).toHaveLength(2);
  });

  it('lists categories per class (new in 1.2) and score scales (none)', async () => {
    const [a, b] = [...sandbox.data.classes.values()];
    if (!a || !b) throw new Error('classes');
    const own = {
      sourcedId: randomUUID(),
      status: 'active' as const,
      dateLastModified: iso('2025-08-01'),
      title: 'Labs',
      metadata: { classId: a.sourcedId },
    };
    sandbox.data.categories.set(own.sourcedId, own);
    try {
      const ofA = await api.gradebook.get(`/classes/${a.sourcedId}/categories`);
      const ofB = await api.gradebook.get(`/classes/${b.sourcedId}/categories`);
      expect(ofA.body.categories.map((c: { title: string }) => c.title)).toContain('Labs');
      expect(ofB.body.categories.map((c: { title: string }) => c.title)).not.toContain('Labs');
      for (const c of ofA.body.categories) expectSchema(gradebook, 'CategoryDType', c);
    } finally {
      sandbox.data.categories.delete(own.sourcedId);
    }
    const scales = await api.gradebook.get(`/classes/${a.sourcedId}/scoreScales`);
    expect(scales.status).toBe(200);
    expect(scales.body).toEqual({ scoreScales: [] });
  });

  it('keeps paging links under the service base they came from', async () => {
    const users = await api.roster.get('/users', { limit: 5, filter: "roles.role='student'" });
    expect(Number(users.headers.get('x-total-count'))).toBe(40);
    const next = /<([^>]+)>; rel="next"/.exec(users.headers.get('link') ?? '')?.[1] ?? '';
    expect(next.startsWith(`${sandbox.oneRoster12.rosteringBase}/users?`)).toBe(true);
    const page2 = await api.getUrl(next);
    expect(page2.status).toBe(200);
    expect(page2.body.users).toHaveLength(5);
    expect(page2.body.users[0].sourcedId).not.toBe(users.body.users[0].sourcedId);

    const categories = await api.gradebook.get('/categories', { limit: 1 });
    const nextCategories = /<([^>]+)>; rel="next"/.exec(categories.headers.get('link') ?? '')?.[1];
    expect(nextCategories?.startsWith(`${sandbox.oneRoster12.gradebookBase}/categories?`)).toBe(
      true,
    );
  });
});

describe('strict writes', () => {
  beforeEach(() => sandbox.setV1p2Mode('strict'));

  it('stores a schema-valid line item and result (201, then 200) and reads them back typed', async () => {
    expect(sandbox.v1p2Mode).toBe('strict');
    const klass = firstClass();
    const lineItemId = randomUUID();
    const body = strictLineItem(lineItemId);
    const created = await api.gradebook.put(`/lineItems/${lineItemId}`, body);
    expect(created.status).toBe(201);
    expect((await api.gradebook.put(`/lineItems/${lineItemId}`, body)).status).toBe(200);
    const got = await api.gradebook.get(`/lineItems/${lineItemId}`);
    expectSchema(gradebook, 'LineItemDType', got.body.lineItem);
    expect(got.body.lineItem).toMatchObject({
      ...body.lineItem,
      dateLastModified: expect.any(String),
    });

    const student = sandbox.inspect.userGuid(studentOf(klass.sourcedId));
    const resultId = randomUUID();
    const result = strictResult(resultId, lineItemId, student, { late: 'true', missing: 'false' });
    expect((await api.gradebook.put(`/results/${resultId}`, result)).status).toBe(201);
    const read = await api.gradebook.get(`/classes/${klass.sourcedId}/results`);
    const mine = read.body.results.find((r: { sourcedId: string }) => r.sourcedId === resultId);
    expectSchema(gradebook, 'ResultDType', mine);
    expect(mine).toMatchObject({
      late: 'true',
      missing: 'false',
      score: 8,
      student: result.result.student,
    });

    // Submitted but ungraded: no score at all.
    const ungradedId = randomUUID();
    const { score: _, ...noScore } = strictResult(ungradedId, lineItemId, student, {
      scoreStatus: 'submitted',
    }).result;
    expect((await api.gradebook.put(`/results/${ungradedId}`, { result: noScore })).status).toBe(
      201,
    );
    expect((await api.gradebook.get(`/results/${ungradedId}`)).body.result).not.toHaveProperty(
      'score',
    );
  });

  it('schema errors are 400 with a 1.2 imsx payload naming each field', async () => {
    const id = randomUUID();
    const body = strictLineItem(id, { gradebookColor: 'red', dueDate: undefined });
    const res = await api.gradebook.put(`/lineItems/${id}`, body);
    expectImsxV1p2(res, 400, 'invaliddata');
    expect(res.body.imsx_description).toContain('lineItem.gradebookColor');
    expect(res.body.imsx_description).toContain('lineItem.dueDate: is required');
    expectSchema(gradebook, 'imsx_StatusInfoDType', res.body);

    const student = sandbox.inspect.userGuid(studentOf(firstClass().sourcedId));
    const date = await api.gradebook.put(
      `/results/${id}`,
      strictResult(id, id, student, { scoreDate: iso('2025-09-09T08:30:00Z'), late: true }),
    );
    expectImsxV1p2(date, 400, 'invaliddata');
    expect(date.body.imsx_description).toContain('result.scoreDate');
    expect(date.body.imsx_description).toContain('result.late');
  });

  it('semantic errors are 422', async () => {
    const klass = firstClass();
    const otherSchool = [...sandbox.data.orgs.values()].find(
      (o) => o.type === 'school' && o.sourcedId !== klass.school.sourcedId,
    );
    const id = randomUUID();
    const put = (overrides: Record<string, unknown>, url = id) =>
      api.gradebook.put(`/lineItems/${url}`, strictLineItem(id, overrides));
    const ref = (type: string, sourcedId: string) => ({
      href: `${sandbox.oneRoster12.rosteringBase}/x/${sourcedId}`,
      sourcedId,
      type,
    });
    expectImsxV1p2(
      await put({ class: ref('class', 'nope') }),
      422,
      'invaliddata',
      /lineItem\.class/,
    );
    expectImsxV1p2(
      await put({ school: ref('org', otherSchool?.sourcedId ?? '') }),
      422,
      'invaliddata',
      /is not the school of class/,
    );
    expectImsxV1p2(await put({ category: undefined }), 422, 'invaliddata', /real category/);
    expectImsxV1p2(
      await put({ category: ref('category', '11111111-1111-1111-1111-111111111111') }),
      422,
      'invaliddata',
      /real category/,
    );
    expectImsxV1p2(await put({ category: ref('category', 'nope') }), 422, 'invaliddata');
    expectImsxV1p2(
      await put({ gradingPeriod: ref('academicSession', klass.terms[0]?.sourcedId ?? '') }),
      422,
      'invaliddata',
      /gradingPeriod/,
    );
    expectImsxV1p2(await put({}, randomUUID()), 422, 'invaliddata', /does not match/);
    expect(sandbox.data.lineItems.has(id)).toBe(false);

    expect((await put({})).status).toBe(201);
    const legacy = studentOf(klass.sourcedId);
    const resultId = randomUUID();
    const byLegacyId = await api.gradebook.put(
      `/results/${resultId}`,
      strictResult(resultId, id, legacy),
    );
    expectImsxV1p2(byLegacyId, 422, 'invaliddata', /1\.1 sourcedId/);
    const outsider = [...sandbox.data.users.values()].find(
      (u) =>
        u.role === 'student' &&
        ![...sandbox.data.enrollments.values()].some(
          (e) => e.user.sourcedId === u.sourcedId && e.class.sourcedId === klass.sourcedId,
        ),
    );
    const notEnrolled = await api.gradebook.put(
      `/results/${resultId}`,
      strictResult(resultId, id, sandbox.inspect.userGuid(outsider?.sourcedId ?? '')),
    );
    expectImsxV1p2(notEnrolled, 422, 'invaliddata', /not enrolled/);
    const unknownLineItem = await api.gradebook.put(
      `/results/${resultId}`,
      strictResult(resultId, randomUUID(), sandbox.inspect.userGuid(legacy)),
    );
    expectImsxV1p2(unknownLineItem, 422, 'invaliddata', /result\.lineItem/);
    expect(sandbox.data.results.has(resultId)).toBe(false);
  });

  it('DELETE answers 204, then 404, and takes the line item’s results along', async () => {
    const klass = firstClass();
    const id = randomUUID();
    expect((await api.gradebook.put(`/lineItems/${id}`, strictLineItem(id))).status).toBe(201);
    const resultId = randomUUID();
    const student = sandbox.inspect.userGuid(studentOf(klass.sourcedId));
    await api.gradebook.put(`/results/${resultId}`, strictResult(resultId, id, student));
    expect((await api.gradebook.del(`/lineItems/${id}`)).status).toBe(204);
    expectImsxV1p2(await api.gradebook.del(`/lineItems/${id}`), 404, 'unknownobject');
    expect((await api.gradebook.get(`/results/${resultId}`)).status).toBe(404);
  });
});

describe('one store for both versions', () => {
  it('shows 1.1 writes over 1.2 with GUIDs and 1.2 writes over 1.1 with 1.1 ids', async () => {
    const v1p1 = await makeClient(sandbox, 'oauth2');
    const klass = firstClass();
    const legacy = studentOf(klass.sourcedId, 1);
    const lineItemId = randomUUID();
    const put11 = await v1p1.put(`/lineItems/${lineItemId}`, {
      lineItem: {
        sourcedId: lineItemId,
        title: 'Written over 1.1',
        assignDate: iso('2025-09-01'),
        class: { sourcedId: klass.sourcedId },
        resultValueMin: 0,
        resultValueMax: 10,
      },
    });
    expect(put11.status).toBe(201);
    const r11 = randomUUID();
    await v1p1.put(`/results/${r11}`, {
      result: {
        sourcedId: r11,
        lineItem: { sourcedId: lineItemId },
        student: { sourcedId: legacy },
        scoreStatus: 'fully graded',
        score: 7,
        scoreDate: '2025-09-09',
      },
    });

    const over12 = await api.gradebook.get(
      `/classes/${klass.sourcedId}/lineItems/${lineItemId}/results`,
    );
    expect(over12.body.results).toEqual([
      expect.objectContaining({
        sourcedId: r11,
        score: 7,
        student: {
          href: `${sandbox.oneRoster12.rosteringBase}/users/${sandbox.inspect.userGuid(legacy)}`,
          sourcedId: sandbox.inspect.userGuid(legacy),
          type: 'user',
        },
      }),
    ]);
    // A 1.1-era line item shows its class's school over 1.2.
    const li12 = await api.gradebook.get(`/lineItems/${lineItemId}`);
    expect(li12.body.lineItem.school.sourcedId).toBe(klass.school.sourcedId);

    // A second result for the same (line item, student), written over 1.2: kept, not refused.
    const r12 = randomUUID();
    const dup = await api.gradebook.put(
      `/results/${r12}`,
      strictResult(r12, lineItemId, sandbox.inspect.userGuid(legacy), { late: 'true' }),
    );
    expect(dup.status).toBe(201);
    expect(sandbox.inspect.resultsFor(lineItemId, legacy).map((r) => r.sourcedId)).toEqual([
      r11,
      r12,
    ]);
    expect(sandbox.inspect.resultsFor(lineItemId, sandbox.inspect.userGuid(legacy))).toHaveLength(
      2,
    );
    expect(sandbox.inspect.lineItems(klass.sourcedId).map((l) => l.sourcedId)).toContain(
      lineItemId,
    );
    expect(sandbox.inspect.results(klass.sourcedId).map((r) => r.sourcedId)).toEqual(
      expect.arrayContaining([r11, r12]),
    );

    const over11 = await v1p1.get(`/results/${r12}`);
    expect(over11.body.result.student).toMatchObject({ sourcedId: legacy });
    expect(over11.body.result).not.toHaveProperty('late'); // 1.1 has no flags
    expect((await v1p1.get(`/lineItems/${lineItemId}`)).body.lineItem).not.toHaveProperty('school');
  });
});

describe('vendor header', () => {
  let vendored: Sandbox;
  beforeAll(async () => {
    vendored = await startSandbox({
      seed: 3,
      students: 10,
      classes: 2,
      vendorAuthorization: 'vk:vs',
    });
  });
  afterAll(() => vendored.close());

  it('is required on gradebook requests (1.1 and 1.2) only, and logged per request', async () => {
    const without = await makeClientV1p2(vendored);
    const withKey = await makeClientV1p2(vendored, { vendor: 'vk:vs' });
    const wrongKey = await makeClientV1p2(vendored, { vendor: 'vk:nope' });
    expect((await without.roster.get('/teachers')).status).toBe(200);
    expectImsxV1p2(
      await without.gradebook.get('/categories'),
      401,
      'unauthorisedrequest',
      /x-vendor-authorization/,
    );
    expectImsxV1p2(await wrongKey.gradebook.get('/categories'), 401, 'unauthorisedrequest');
    expect((await withKey.gradebook.get('/categories')).status).toBe(200);

    const v1p1 = await makeClient(vendored, 'oauth2');
    expect((await v1p1.get('/teachers')).status).toBe(200);
    expect((await v1p1.get('/categories')).status).toBe(401);
    const res = await v1p1.send('GET', `${vendored.baseUrl}/categories`, {
      Authorization: `Bearer ${await getToken(vendored)}`,
      'x-vendor-authorization': 'vk:vs',
    });
    expect(res.status).toBe(200);

    const log = vendored.requestLog.entries.filter((e) => e.route !== undefined);
    expect(log.filter((e) => e.service === 'rostering').every((e) => !e.vendorAuthorization)).toBe(
      true,
    );
    expect(
      log.filter((e) => e.vendorAuthorization).map((e) => [e.version, e.service, e.status]),
    ).toEqual([
      ['1.2', 'gradebook', 401],
      ['1.2', 'gradebook', 200],
      ['1.1', 'gradebook', 200],
    ]);
    vendored.setVendorAuthorization(undefined);
    expect((await without.gradebook.get('/categories')).status).toBe(200);
  });
});
