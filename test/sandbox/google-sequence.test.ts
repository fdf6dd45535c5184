/**
 * Google's OneRoster 1.1 conformance sequence (research §A), in both auth modes: teacher by email,
 * active classes, students, line item create/update, results incl. extra credit and exempt,
 * deletes, categories, and class terms → grading periods.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.ts';
import { type Client, makeClient } from './test-client.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, students: 40, classes: 6 });
});
afterAll(() => sandbox.close());

const iso = (d: string) => new Date(d).toISOString(); // Google's YYYY-MM-DDTHH:MM:SS.mmmZ

describe.each(['oauth1', 'oauth2'] as const)('Google call sequence over %s', (mode) => {
  let api: Client;
  beforeAll(async () => {
    api = await makeClient(sandbox, mode);
  });

  it('grade sync: teacher → classes → students → line item → results → deletes', async () => {
    expect((await api.get('/teachers', { limit: 1 })).status).toBe(200);

    const teachers = await api.get('/teachers', {
      filter: `email='${sandbox.teacherEmail}'`,
      limit: 10000,
    });
    expect(teachers.status).toBe(200);
    expect(teachers.body.users).toHaveLength(1);
    const teacher = teachers.body.users[0];
    expect(teacher).toMatchObject({ email: sandbox.teacherEmail, sourcedId: expect.any(String) });

    const all = await api.get(`/teachers/${teacher.sourcedId}/classes`, { limit: 10000 });
    const classes = await api.get(`/teachers/${teacher.sourcedId}/classes`, {
      limit: 10000,
      filter: "status='active'",
    });
    expect(classes.status).toBe(200);
    expect(classes.body.classes.length).toBeGreaterThanOrEqual(2);
    expect(all.body.classes.length).toBe(classes.body.classes.length + 1); // one tobedeleted
    const klass = classes.body.classes[0];

    const students = await api.get(`/classes/${klass.sourcedId}/students`, { limit: 10000 });
    expect(students.status).toBe(200);
    for (const s of students.body.users)
      expect(s).toMatchObject({ email: expect.any(String), sourcedId: expect.any(String) });
    const student = students.body.users[0];

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
    };
    const created = await api.put(`/lineItems/${lineItemId}`, { lineItem });
    expect(created.status).toBe(201);
    expect(created.body.lineItem).toMatchObject({
      ...lineItem,
      class: { sourcedId: klass.sourcedId, type: 'class' },
    });
    expect(created.body.lineItem.dateLastModified).toEqual(expect.any(String));

    const listed = await api.get(`/classes/${klass.sourcedId}/lineItems`, { limit: 10000 });
    expect(listed.body.lineItems.map((l: { sourcedId: string }) => l.sourcedId)).toContain(
      lineItemId,
    );

    const longTitle = 'A very long assignment title '.repeat(10);
    const updated = await api.put(`/lineItems/${lineItemId}`, {
      lineItem: { ...lineItem, title: longTitle },
    });
    expect(updated.status).toBe(200);
    expect((await api.get(`/lineItems/${lineItemId}`)).body.lineItem.title).toBe(longTitle);

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
    expect((await api.put(`/results/${resultId}`, { result })).status).toBe(201);
    const results = await api.get(`/classes/${klass.sourcedId}/lineItems/${lineItemId}/results`, {
      limit: 10000,
    });
    expect(results.body.results).toHaveLength(1);
    expect(results.body.results[0]).toMatchObject({ score: 80, scoreStatus: 'fully graded' });

    expect(
      (await api.put(`/results/${resultId}`, { result: { ...result, score: 300 } })).status,
    ).toBe(200);
    expect((await api.get(`/results/${resultId}`)).body.result.score).toBe(300);

    await api.put(`/results/${resultId}`, { result: { ...result, scoreStatus: 'exempt' } });
    expect((await api.get(`/results/${resultId}`)).body.result.scoreStatus).toBe('exempt');

    expect((await api.del(`/results/${resultId}`)).status).toBe(204);
    const afterDelete = await api.get(
      `/classes/${klass.sourcedId}/lineItems/${lineItemId}/results`,
      { limit: 10000 },
    );
    expect(afterDelete.body.results).toEqual([]);
    expect((await api.get(`/results/${resultId}`)).status).toBe(404);
    expect((await api.del(`/results/${resultId}`)).status).toBe(404);

    expect((await api.del(`/lineItems/${lineItemId}`)).status).toBe(204);
    const remaining = await api.get(`/classes/${klass.sourcedId}/lineItems`, { limit: 10000 });
    expect(remaining.body.lineItems.map((l: { sourcedId: string }) => l.sourcedId)).not.toContain(
      lineItemId,
    );
  });

  it('categories: both list endpoints, and a line item keeps its category', async () => {
    const global = await api.get('/categories', { limit: 10000 });
    const klass = [...sandbox.data.classes.values()][0];
    const perClass = await api.get(`/classes/${klass?.sourcedId}/categories`, { limit: 10000 });
    expect(global.body.categories.map((c: { title: string }) => c.title)).toEqual([
      'Homework',
      'Quizzes',
      'Tests',
      'Projects',
    ]);
    expect(perClass.body.categories).toEqual(global.body.categories);

    const id = randomUUID();
    const category = global.body.categories[1].sourcedId;
    const put = await api.put(`/lineItems/${id}`, {
      lineItem: {
        sourcedId: id,
        title: 'Quiz 1',
        resultValueMin: 0,
        resultValueMax: 10,
        assignDate: iso('2025-09-01'),
        dueDate: iso('2025-09-02'),
        class: { sourcedId: klass?.sourcedId },
        category: { sourcedId: category },
      },
    });
    expect(put.status).toBe(201);
    expect((await api.get(`/lineItems/${id}`)).body.lineItem.category.sourcedId).toBe(category);
  });

  it('grading periods: class terms → /terms/{id}/gradingPeriods', async () => {
    const klass = [...sandbox.data.classes.values()][0];
    const found = await api.get('/classes', {
      filter: `sourcedId='${klass?.sourcedId}'`,
      limit: 10000,
    });
    expect(found.body.classes).toHaveLength(1);
    const terms = found.body.classes[0].terms;
    expect(terms.length).toBeGreaterThan(0);
    expect(terms[0]).toMatchObject({ type: 'term', href: expect.stringContaining('/terms/') });
    const periods = await api.get(`/terms/${terms[0].sourcedId}/gradingPeriods`, { limit: 10000 });
    expect(periods.status).toBe(200);
    expect(periods.body.academicSessions).toHaveLength(2);
    for (const p of periods.body.academicSessions) {
      expect(p).toMatchObject({
        sourcedId: expect.any(String),
        title: expect.any(String),
        startDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
        endDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
        schoolYear: expect.any(String),
        type: 'gradingPeriod',
      });
    }
    expect((await api.get(`/classes/${klass?.sourcedId}`)).body.class.terms).toEqual(terms);
  });
});
