/**
 * The extension's real OneRoster client and authenticators against the real sandbox SIS, over
 * HTTP on loopback, through the whole call sequence Google's own export makes (research §A), in
 * both auth modes. The sandbox verifies signatures and tokens with its own code.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthConfig, createAuthenticator } from '@/lib/auth/config';
import { createOneRosterClient, type OneRosterClient } from '@/lib/oneroster/client';
import { type Sandbox, startSandbox } from '../../sandbox/index';

let sis: Sandbox;
beforeAll(async () => {
  sis = await startSandbox({ seed: 11, students: 30, classes: 5 });
});
afterAll(() => sis.close());

function authFor(mode: 'oauth1' | 'oauth2', signatureMethod?: 'HMAC-SHA1'): AuthConfig {
  return mode === 'oauth1'
    ? { mode, ...sis.credentials.oauth1, signatureMethod }
    : { mode, tokenUrl: sis.tokenUrl, ...sis.credentials.oauth2 };
}
const clientFor = (auth: AuthConfig): OneRosterClient =>
  createOneRosterClient({ baseUrl: sis.baseUrl, auth: createAuthenticator(auth), fetch });

describe.each([
  ['oauth1', undefined],
  ['oauth1', 'HMAC-SHA1'],
  ['oauth2', undefined],
] as const)('Google’s export sequence over %s %s', (mode, signatureMethod) => {
  let client: OneRosterClient;
  beforeAll(() => {
    client = clientFor(authFor(mode, signatureMethod));
  });

  it('checks the connection and names the district', async () => {
    await expect(client.checkConnection()).resolves.toMatchObject({
      endpoint: 'orgs',
      orgName: 'Riverside Unified School District',
    });
  });

  it('teacher → classes → students → line item → results → extra credit → exempt → deletes', async () => {
    const [teacher, ...others] = await client.findTeachersByEmail(sis.teacherEmail);
    expect(others).toEqual([]);
    expect(teacher?.email).toBe(sis.teacherEmail);

    const active = await client.listClassesForTeacher(teacher?.sourcedId ?? '');
    const all = await client.listClassesForTeacher(teacher?.sourcedId ?? '', { activeOnly: false });
    expect(active.length).toBeGreaterThan(1);
    expect(all.length).toBe(active.length + 1);
    const klass = active[0];
    if (!klass) throw new Error('no class');

    const students = await client.listStudentsForClass(klass.sourcedId);
    expect(students.length).toBeGreaterThan(0);
    const student = students[0];
    if (!student) throw new Error('no student');

    const lineItemId = randomUUID();
    const lineItem = {
      sourcedId: lineItemId,
      title: 'Fractions worksheet',
      description: 'Chapter 3',
      assignDate: '2025-09-01T12:00:00.000Z',
      dueDate: '2025-09-08T12:00:00.000Z',
      class: { sourcedId: klass.sourcedId },
      resultValueMin: 0,
      resultValueMax: 100,
    };
    await expect(client.putLineItem(lineItem)).resolves.toMatchObject({ created: true });
    await expect(
      client.putLineItem({ ...lineItem, title: 'Fractions (amended)' }),
    ).resolves.toMatchObject({
      created: false,
    });
    const items = await client.listLineItemsForClass(klass.sourcedId);
    expect(items.find((item) => item.sourcedId === lineItemId)?.title).toBe('Fractions (amended)');

    const resultId = randomUUID();
    const result = {
      sourcedId: resultId,
      lineItem: { sourcedId: lineItemId },
      student: { sourcedId: student.sourcedId },
      scoreStatus: 'fully graded' as const,
      score: 80,
      scoreDate: '2025-09-09',
      comment: '',
    };
    await expect(client.putResult(result)).resolves.toMatchObject({ created: true });
    await client.putResult({ ...result, score: 300 }); // extra credit on a 0–100 item
    let stored = await client.listResultsForLineItem(klass.sourcedId, lineItemId);
    expect(stored).toEqual([expect.objectContaining({ sourcedId: resultId, score: 300 })]);

    await client.putResult({ ...result, scoreStatus: 'exempt', score: 0 });
    stored = await client.listResultsForLineItem(klass.sourcedId, lineItemId);
    expect(stored[0]?.scoreStatus).toBe('exempt');
    expect((await client.listResultsForClass(klass.sourcedId)).map((r) => r.sourcedId)).toContain(
      resultId,
    );

    await expect(client.deleteResult(resultId)).resolves.toEqual({ deleted: true });
    await expect(client.listResultsForLineItem(klass.sourcedId, lineItemId)).resolves.toEqual([]);
    await expect(client.deleteResult(resultId)).resolves.toEqual({ deleted: false });
    await expect(client.deleteLineItem(lineItemId)).resolves.toEqual({ deleted: true });
    const after = await client.listLineItemsForClass(klass.sourcedId);
    expect(after.map((item) => item.sourcedId)).not.toContain(lineItemId);
  });

  it('reads categories and the grading periods of the class’s term', async () => {
    const [teacher] = await client.findTeachersByEmail(sis.teacherEmail);
    const [klass] = await client.listClassesForTeacher(teacher?.sourcedId ?? '');
    const categories = await client.listCategoriesForClass(klass?.sourcedId ?? '');
    expect(categories.categories.map((c) => c.title)).toEqual(
      expect.arrayContaining(['Homework', 'Quizzes', 'Tests', 'Projects']),
    );
    const full = await client.getClass(klass?.sourcedId ?? '');
    const term = full?.terms?.[0]?.sourcedId;
    expect(term).toBeTruthy();
    const periods = await client.listGradingPeriodsForTerm(term ?? '');
    expect(periods.length).toBeGreaterThan(0);
    for (const period of periods) expect(period.type).toBe('gradingPeriod');
  });
});

describe('what goes wrong, end to end', () => {
  it('a wrong OAuth 1.0a secret is bad-credentials', async () => {
    const client = clientFor({ ...authFor('oauth1'), consumerSecret: 'wrong' } as AuthConfig);
    await expect(client.checkConnection()).rejects.toMatchObject({ code: 'bad-credentials' });
  });

  it('a wrong OAuth 2 secret is token-rejected', async () => {
    const client = clientFor({ ...authFor('oauth2'), clientSecret: 'wrong' } as AuthConfig);
    await expect(client.checkConnection()).rejects.toMatchObject({ code: 'token-rejected' });
  });

  it('a Base URL that is not a OneRoster endpoint is not-oneroster', async () => {
    const client = createOneRosterClient({
      baseUrl: `${sis.origin}/not/oneroster`,
      auth: createAuthenticator(authFor('oauth1')),
      fetch,
    });
    await expect(client.listCategories()).rejects.toMatchObject({ code: 'not-oneroster' });
  });

  it('an unreachable host is a network error', async () => {
    const client = createOneRosterClient({
      baseUrl: 'http://127.0.0.1:9/ims/oneroster/v1p1',
      auth: createAuthenticator(authFor('oauth1')),
      fetch,
    });
    await expect(client.checkConnection()).rejects.toMatchObject({ code: 'network' });
  });

  it('a clock 20 minutes fast is measured from the refusal, corrected and kept', async () => {
    const fast = () => Date.now() + 20 * 60_000;
    const learned: number[] = [];
    const auth = createAuthenticator(authFor('oauth1'), {
      now: fast,
      onClockSkewChange: (ms) => learned.push(ms),
    });
    // One clock for signing and for reading the server's Date header, as in the extension.
    const client = createOneRosterClient({ baseUrl: sis.baseUrl, auth, fetch, now: fast });
    sis.requestLog.clear();
    await expect(client.listCategories()).resolves.not.toHaveLength(0);
    await expect(client.listCategories()).resolves.not.toHaveLength(0);
    // Refused once, retried with the measured correction, which the next request keeps.
    expect(sis.requestLog.entries.map((e) => e.status)).toEqual([401, 200, 200]);
    expect(learned).toHaveLength(1);
    expect(Math.abs((learned[0] ?? 0) + 20 * 60_000)).toBeLessThan(5_000);
  });

  it('a token without gradebook.createput cannot write: under-scoped', async () => {
    const client = clientFor({
      ...authFor('oauth2'),
      scopes: ['https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly'],
    } as AuthConfig);
    const [teacher] = await client.findTeachersByEmail(sis.teacherEmail);
    const [klass] = await client.listClassesForTeacher(teacher?.sourcedId ?? '');
    await expect(
      client.putLineItem({
        sourcedId: randomUUID(),
        title: 'x',
        assignDate: '2025-09-01T00:00:00.000Z',
        dueDate: '2025-09-01T00:00:00.000Z',
        class: { sourcedId: klass?.sourcedId ?? '' },
        resultValueMin: 0,
        resultValueMax: 10,
      }),
    ).rejects.toMatchObject({ code: 'under-scoped' });
  });

  it('an invalid body is invalid-data with the SIS’s explanation', async () => {
    const client = clientFor(authFor('oauth1'));
    const error = await client
      .putResult({
        sourcedId: randomUUID(),
        lineItem: { sourcedId: 'no-such-line-item' },
        student: { sourcedId: 'no-such-student' },
        scoreStatus: 'fully graded',
        score: 1,
        scoreDate: '2025-09-09',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-data', status: 400 });
    expect((error as { statusInfo?: { description?: string } }).statusInfo?.description).toMatch(
      /lineItem/,
    );
  });

  it('429 carries Retry-After for the export engine', async () => {
    sis.setFaults({ rateLimit: { every: 1, retryAfterSeconds: 7 } });
    try {
      const client = clientFor(authFor('oauth1'));
      await expect(client.listCategories()).rejects.toMatchObject({
        code: 'rate-limited',
        retryAfterMs: 7000,
      });
    } finally {
      sis.setFaults({ rateLimit: null });
    }
  });
});
