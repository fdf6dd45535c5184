/**
 * PUT bodies are checked against the IMS 1.1 OpenAPI (relaxed where Google's suite differs) or,
 * without the file, the zod fallback; references must exist. Responses match the strict schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOpenApi } from '../../sandbox/openapi.ts';
import { type Sandbox, startSandbox } from '../../sandbox/server.ts';
import { type Client, makeClient, type Reply } from './test-client.ts';
import { expectImsx } from './test-expect.ts';

const sandboxes: Sandbox[] = [];
afterAll(() => Promise.all(sandboxes.map((s) => s.close())));

async function setup(openApiPath?: string) {
  const sandbox = await startSandbox({ seed: 11, students: 20, classes: 4, openApiPath });
  sandboxes.push(sandbox);
  const api = await makeClient(sandbox, 'oauth2');
  const klass = [...sandbox.data.classes.values()][0];
  const studentId = [...sandbox.data.enrollments.values()].find(
    (e) => e.class.sourcedId === klass?.sourcedId && e.role === 'student',
  )?.user.sourcedId;
  const enrolled = new Set(
    [...sandbox.data.enrollments.values()]
      .filter((e) => e.class.sourcedId === klass?.sourcedId)
      .map((e) => e.user.sourcedId),
  );
  const outsider = [...sandbox.data.users.values()].find(
    (u) => u.role === 'student' && !enrolled.has(u.sourcedId),
  );
  return {
    sandbox,
    api,
    classId: klass?.sourcedId as string,
    studentId: studentId as string,
    outsiderId: outsider?.sourcedId as string,
  };
}

const lineItem = (classId: string, extra: Record<string, unknown> = {}) => ({
  lineItem: {
    title: 'Essay',
    resultValueMin: 0,
    resultValueMax: 20,
    assignDate: '2025-10-01T00:00:00.000Z',
    class: { sourcedId: classId },
    ...extra,
  },
});
const result = (lineItemId: string, studentId: string, extra: Record<string, unknown> = {}) => ({
  result: {
    score: 15,
    scoreStatus: 'fully graded',
    scoreDate: '2025-10-02',
    lineItem: { sourcedId: lineItemId },
    student: { sourcedId: studentId },
    ...extra,
  },
});

describe.each([
  ['OpenAPI (ajv)', undefined, 'openapi'],
  ['zod fallback', '/nonexistent/oneroster.json', 'zod'],
] as const)('body validation with %s', (_, path, source) => {
  let api: Client;
  let classId: string;
  let studentId: string;
  let outsiderId: string;
  beforeAll(async () => {
    const s = await setup(path);
    expect(s.sandbox.validation).toBe(source);
    ({ api, classId, studentId, outsiderId } = s);
  });

  const expect400 = async (reply: Promise<Reply>, field: RegExp) =>
    expectImsx(await reply, 400, 'invaliddata', field);

  it('names missing and mistyped fields', async () => {
    await expect400(
      api.put('/lineItems/a', lineItem(classId, { title: undefined })),
      /lineItem\.title/,
    );
    await expect400(
      api.put('/lineItems/a', lineItem(classId, { resultValueMin: '0' })),
      /lineItem\.resultValueMin/,
    );
    await expect400(
      api.put('/lineItems/a', lineItem(classId, { assignDate: 'tomorrow' })),
      /lineItem\.assignDate/,
    );
    await expect400(api.put('/lineItems/a', { title: 'unwrapped' }), /lineItem/);
    await expect400(
      api.put('/results/r', result('a', studentId, { scoreStatus: 'excused' })),
      /result\.scoreStatus/,
    );
    await expect400(
      api.put('/results/r', result('a', studentId, { score: undefined })),
      /result\.score/,
    );
  });

  it('accepts what Google sends: bare GUIDRefs, no category, date-time scoreDate', async () => {
    expect((await api.put('/lineItems/ok', lineItem(classId))).status).toBe(201);
    const r = await api.put(
      '/results/ok',
      result('ok', studentId, { scoreDate: '2025-10-02T10:00:00.000Z' }),
    );
    expect(r.status).toBe(201);
    expect(r.body.result.scoreDate).toBe('2025-10-02T10:00:00.000Z');
  });

  it('refuses references to things that do not exist with 400', async () => {
    await expect400(
      api.put('/lineItems/b', lineItem('no-such-class')),
      /lineItem\.class\.sourcedId 'no-such-class' does not exist/,
    );
    await expect400(
      api.put('/lineItems/b', lineItem(classId, { category: { sourcedId: 'x' } })),
      /lineItem\.category/,
    );
    await expect400(
      api.put('/results/r', result('no-such-item', studentId)),
      /result\.lineItem\.sourcedId/,
    );
    await expect400(
      api.put('/results/r', result('ok', 'no-such-student')),
      /result\.student\.sourcedId/,
    );
  });

  it('refuses a student not enrolled in the line item class, and a sourcedId that differs from the URL', async () => {
    expect(outsiderId).toBeTruthy();
    await expect400(api.put('/results/r', result('ok', outsiderId)), /not enrolled/);
    await expect400(
      api.put('/lineItems/c', lineItem(classId, { sourcedId: 'd' })),
      /does not match/,
    );
  });

  it('refuses a body that is not JSON', async () => {
    expectImsx(await api.put('/lineItems/x', undefined), 400, 'invaliddata', /not valid JSON/);
  });
});

describe('responses match the IMS 1.1 OpenAPI schemas', () => {
  const strict = loadOpenApi(false);
  it.runIf(strict)('rostering collections validate unmodified', async () => {
    const { api, classId } = await setup();
    const check = async (path: string, schema: string) => {
      const reply = await api.get(path, { limit: 10000 });
      const validate = strict?.validator(schema);
      expect(
        validate?.(reply.body),
        `${path}: ${JSON.stringify(validate?.errors?.slice(0, 3))}`,
      ).toBe(true);
    };
    await check('/orgs', 'Orgs.Type');
    await check('/users', 'Users.Type');
    await check('/classes', 'Classes.Type');
    await check('/academicSessions', 'MultipleAcademicSessions.Type');
    await check('/enrollments', 'Enrollments.Type');
    await check('/categories', 'Categories.Type');
    await check(`/classes/${classId}/students`, 'Users.Type');
  });

  it.runIf(strict)('errors are imsx_StatusInfo', async () => {
    const { api } = await setup();
    const reply = await api.get('/classes/nope');
    expect(reply.status).toBe(404);
    expect(strict?.validator('imsx_StatusInfo.Type')(reply.body)).toBe(true);
  });
});
