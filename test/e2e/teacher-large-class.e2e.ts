/**
 * Issue #11, M4, the one scale test: a 200-student × 100-coursework class (100 line items +
 * 20,000 results = 20,100 writes) exported end to end in real Chromium, through the real panel,
 * against the sandbox SIS. Before the compact journal it stopped before sending anything: the
 * journal (~0.6 KB per write, 12 MB) exceeded storage.local's 10 MB. The SIS must then hold
 * exactly what the page says. Sandbox latency 0 and the product's own concurrency; the time is
 * printed (the note records it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCell, PageCoursework } from '../fixtures/classroom/sandbox-class';
import { sisStateOf } from './support/sandbox-class';
import { startTeacherScenario, type TeacherScenario } from './support/teacher-scenario';

const STUDENTS = 200;
const COURSEWORK: PageCoursework[] = Array.from({ length: 100 }, (_, j) => ({
  id: String(610_000_000_000 + j),
  title: j % 10 === 9 ? `Quiz ${(j + 1) / 10}` : `Assignment ${j + 1}: chapter review`,
  maxPoints: 100,
  due: { month: 9 + (j % 3), day: (j % 28) + 1 },
  category: j % 10 === 9 ? 'Quizzes' : 'Homework',
}));
/** Every cell is sent: a grade, or (one in 23) Excused. */
const cell = (_cw: PageCoursework, j: number, i: number): PageCell =>
  (i + j) % 23 === 0 ? { kind: 'excused' } : { kind: 'returned', score: (i * 7 + j * 13) % 101 };

const LONG = { timeout: 15 * 60_000, interval: 1000 };

let scenario: TeacherScenario;
beforeAll(async () => {
  scenario = await startTeacherScenario({
    seed: 41,
    // 60 % of 500 students in the high school: the teacher's class can hold all 200.
    sandbox: { students: 500, classSize: STUDENTS, faults: { latencyMs: 0 } },
    classes: [{ courseId: '778899001122', coursework: COURSEWORK, cell }],
  });
}, 300_000);
afterAll(async () => {
  await scenario?.close();
});

describe('a 200 × 100 class', () => {
  it(
    'exports all 20,100 writes through the panel, and the SIS holds exactly the page',
    async () => {
      const fixture = scenario.fixtures[0];
      if (!fixture) throw new Error('no class');
      expect(fixture.rows).toHaveLength(STUDENTS);
      const teacher = await scenario.open(fixture);
      await teacher.findClasses(fixture.klass.classCode);
      await teacher.linkClass(fixture.klass.title);
      await teacher.waitForPreview();
      await scenario.matchByHand(teacher, fixture);
      expect(await teacher.byTestId('preview-totals').textContent()).toMatch(
        /^100 line items to create, 0 to update, 0 unchanged, 0 skipped; 20,?000 grades to send, 0 to delete\.$/,
      );

      const started = Date.now();
      await teacher.startExport();
      await teacher.summary.waitFor(LONG);
      const seconds = (Date.now() - started) / 1000;
      console.log(`200 × 100 export: 20,100 writes in ${seconds.toFixed(1)} s`);

      expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export finished');
      expect(await teacher.summaryCounts()).toEqual({
        created: 20_100,
        updated: 0,
        deleted: 0,
        unchanged: 0,
        failed: 0,
      });
      const expected = scenario.expected(fixture);
      expect(expected.lineItems).toHaveLength(100);
      expect(expected.results).toHaveLength(20_000);
      const held = sisStateOf(scenario.sis, fixture.klass.sourcedId);
      expect(held.lineItems).toHaveLength(100);
      expect(held.results).toHaveLength(20_000);
      // Spot checks, then everything: each write exactly once, with the page's values.
      expect(held.results[0]).toEqual(expected.results[0]);
      expect(held.results.at(-1)).toEqual(expected.results.at(-1));
      expect(held).toEqual(expected);
      const writes = scenario.writes();
      expect(
        writes.filter((w) => w.method === 'PUT' && w.status !== 200 && w.status !== 201),
      ).toEqual([]);
      expect(new Set(writes.map((w) => w.path)).size).toBe(20_100);
    },
    20 * 60_000,
  );
});
