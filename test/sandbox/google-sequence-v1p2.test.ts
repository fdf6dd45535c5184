/**
 * Google's OneRoster 1.2 conformance sequence (oneroster-1.2.md §3, the notebook's 14 steps with
 * its expected status codes and read-backs) against the sandbox's 1.2 service in relaxed mode, with
 * the 1.2 OpenAPI and with the zod fallback; and strict mode refusing Google's bare-ref body.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.ts';
import { type ClientV1p2, makeClientV1p2 } from './test-client.ts';
import { expectImsxV1p2 } from './test-expect.ts';

const iso = (d: string) => new Date(d).toISOString(); // Google's YYYY-MM-DDTHH:MM:SS.mmmZ
const ids = (list: Array<{ sourcedId: string }>) => list.map((e) => e.sourcedId);

describe.each([
  ['the 1.2 OpenAPI', undefined, 'openapi'],
  ['the zod fallback', '/nonexistent/oneroster-v1p2.json', 'zod'],
] as const)('Google 1.2 sequence, relaxed mode, validated by %s', (_, path, source) => {
  let sandbox: Sandbox;
  let api: ClientV1p2;
  beforeAll(async () => {
    sandbox = await startSandbox({
      seed: 7,
      students: 40,
      classes: 6,
      v1p2Mode: 'relaxed',
      openApiV1p2Path: path,
    });
    api = await makeClientV1p2(sandbox);
  });
  afterAll(() => sandbox.close());

  it('runs all 14 steps with Google’s expected codes and read-backs', async () => {
    expect(sandbox.validationV1p2).toBe(source);
    // 1–2: a teacher by email, exactly one.
    expect((await api.roster.get('/teachers', { limit: 1 })).status).toBe(200);
    const teachers = await api.roster.get('/teachers', {
      filter: `email='${sandbox.teacherEmail}'`,
      limit: 10000,
    });
    expect(teachers.status).toBe(200);
    expect(teachers.body.users).toHaveLength(1);
    const teacher = teachers.body.users[0];
    expect(teacher).toMatchObject({ email: sandbox.teacherEmail, sourcedId: expect.any(String) });

    // 3: active classes; Google takes classes[0].school and classes[0].terms[0].
    const classes = await api.roster.get(`/teachers/${teacher.sourcedId}/classes`, {
      limit: 10000,
      filter: "status='active'",
    });
    expect(classes.status).toBe(200);
    expect(classes.body.classes.length).toBeGreaterThanOrEqual(2);
    const klass = classes.body.classes[0];
    const school = klass.school.sourcedId;
    const term = klass.terms[0].sourcedId;
    expect(school).toEqual(expect.any(String));
    expect(term).toEqual(expect.any(String));

    // 4: students.
    const students = await api.roster.get(`/classes/${klass.sourcedId}/students`, {
      limit: 10000,
    });
    expect(students.status).toBe(200);
    expect(students.body.users.length).toBeGreaterThan(0);
    const student = students.body.users[0];

    // 5: the class's categories (required in 1.2).
    const categories = await api.gradebook.get(`/classes/${klass.sourcedId}/categories`, {
      limit: 10000,
    });
    expect(categories.status).toBe(200);
    expect(categories.body.categories.length).toBeGreaterThan(0);
    const category = categories.body.categories[0].sourcedId;

    // 6: grading periods of the class's first term, all of type gradingPeriod.
    const periods = await api.roster.get(`/terms/${term}/gradingPeriods`, { limit: 10000 });
    expect(periods.status).toBe(200);
    expect(periods.body.academicSessions.length).toBeGreaterThan(0);
    for (const p of periods.body.academicSessions) expect(p.type).toBe('gradingPeriod');

    // 7: create a line item, bare refs, school included → 201 only.
    const lineItemId = randomUUID();
    const lineItem = {
      sourcedId: lineItemId,
      title: 'Fractions worksheet',
      description: 'Chapter 3',
      resultValueMin: 0,
      resultValueMax: 100,
      assignDate: iso('2025-09-01T12:00:00Z'),
      dueDate: iso('2025-09-08T12:00:00Z'),
      class: { sourcedId: klass.sourcedId },
      category: { sourcedId: category },
      school: { sourcedId: school },
    };
    expect((await api.gradebook.put(`/lineItems/${lineItemId}`, { lineItem })).status).toBe(201);

    // 8: the class lists it.
    const listed = await api.gradebook.get(`/classes/${klass.sourcedId}/lineItems`, {
      limit: 10000,
    });
    expect(ids(listed.body.lineItems)).toContain(lineItemId);

    // 9: update with a long title → 200, title read back whole.
    const longTitle = 'A very long assignment title '.repeat(10);
    const updated = await api.gradebook.put(`/lineItems/${lineItemId}`, {
      lineItem: { ...lineItem, title: longTitle },
    });
    expect(updated.status).toBe(200);
    const readBack = await api.gradebook.get(`/lineItems/${lineItemId}`);
    expect(readBack.body.lineItem.title).toBe(longTitle);
    expect(readBack.body.lineItem.school).toEqual({
      href: `${sandbox.oneRoster12.rosteringBase}/orgs/${school}`,
      sourcedId: school,
      type: 'org',
    });

    // 10: a result with a date-time scoreDate → 200/201.
    const resultId = randomUUID();
    const result = {
      sourcedId: resultId,
      score: 80,
      comment: '',
      scoreStatus: 'fully graded',
      scoreDate: iso('2025-09-09T08:30:00Z'),
      lineItem: { sourcedId: lineItemId },
      student: { sourcedId: student.sourcedId },
    };
    expect([200, 201]).toContain(
      (await api.gradebook.put(`/results/${resultId}`, { result })).status,
    );
    const results = await api.gradebook.get(
      `/classes/${klass.sourcedId}/lineItems/${lineItemId}/results`,
      { limit: 10000 },
    );
    expect(results.body.results).toHaveLength(1);
    expect(results.body.results[0]).toMatchObject({
      score: 80,
      scoreStatus: 'fully graded',
      student: { sourcedId: student.sourcedId, type: 'user' },
    });

    // 11: extra credit read back.
    await api.gradebook.put(`/results/${resultId}`, { result: { ...result, score: 300 } });
    expect((await api.gradebook.get(`/results/${resultId}`)).body.result.score).toBe(300);

    // 12: exempt read back.
    await api.gradebook.put(`/results/${resultId}`, {
      result: { ...result, scoreStatus: 'exempt' },
    });
    expect((await api.gradebook.get(`/results/${resultId}`)).body.result.scoreStatus).toBe(
      'exempt',
    );

    // 13: delete the result → 200/204, then gone.
    expect([200, 204]).toContain((await api.gradebook.del(`/results/${resultId}`)).status);
    expect((await api.gradebook.get(`/results/${resultId}`)).status).toBe(404);
    const afterDelete = await api.gradebook.get(
      `/classes/${klass.sourcedId}/lineItems/${lineItemId}/results`,
      { limit: 10000 },
    );
    expect(afterDelete.body.results).toEqual([]);

    // 14: delete the line item → 200/204, then gone.
    expect([200, 204]).toContain((await api.gradebook.del(`/lineItems/${lineItemId}`)).status);
    expect((await api.gradebook.get(`/lineItems/${lineItemId}`)).status).toBe(404);
    const remaining = await api.gradebook.get(`/classes/${klass.sourcedId}/lineItems`, {
      limit: 10000,
    });
    expect(ids(remaining.body.lineItems)).not.toContain(lineItemId);
  });

  it('strict mode refuses the same bare-ref body with 400 naming the missing fields', async () => {
    sandbox.setV1p2Mode('strict');
    try {
      const klass = [...sandbox.data.classes.values()][0];
      const category = [...sandbox.data.categories.values()][0];
      const id = randomUUID();
      const put = await api.gradebook.put(`/lineItems/${id}`, {
        lineItem: {
          sourcedId: id,
          title: 'Quiz',
          resultValueMin: 0,
          resultValueMax: 10,
          assignDate: iso('2025-09-01'),
          dueDate: iso('2025-09-02'),
          class: { sourcedId: klass?.sourcedId },
          category: { sourcedId: category?.sourcedId },
          school: { sourcedId: klass?.school.sourcedId },
        },
      });
      expectImsxV1p2(put, 400, 'invaliddata');
      for (const field of [
        'lineItem.status',
        'lineItem.dateLastModified',
        'lineItem.class.href',
        'lineItem.class.type',
        'lineItem.school.href',
        'lineItem.category.type',
      ])
        expect(put.body.imsx_description).toContain(field);
      expect(sandbox.data.lineItems.has(id)).toBe(false);
    } finally {
      sandbox.setV1p2Mode('relaxed');
    }
  });
});
