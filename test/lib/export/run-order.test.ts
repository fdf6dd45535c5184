/**
 * The engine's shape on a healthy SIS: bounded concurrency, line items strictly before grades,
 * only pending operations sent, a correct summary and sensible progress reports.
 */
import { describe, expect, it } from 'vitest';
import { engineRig, journalFor, makeOperations } from './engine-fixtures';

describe('runExport on a healthy SIS', () => {
  it.each([1, 2, 4, 7])(
    'never has more than %i requests in flight, and uses them all',
    async (n) => {
      const rig = engineRig();
      const summary = await rig.run(makeOperations(6, 8), { concurrency: n });
      expect(summary.state).toBe('completed');
      expect(rig.fake.maxInFlight).toBe(n);
      expect(rig.fake.calls).toHaveLength(6 * 9);
    },
  );

  it('defaults to 4 requests in flight', async () => {
    const rig = engineRig();
    await rig.run(makeOperations(3, 10));
    expect(rig.fake.maxInFlight).toBe(4);
  });

  it('finishes every line item before it sends the first grade', async () => {
    const rig = engineRig();
    await rig.run(makeOperations(9, 5, 2));
    const items = rig.fake.calls.filter((c) => c.kind === 'put-line-item');
    const grades = rig.fake.calls.filter((c) => c.kind !== 'put-line-item');
    const lastItemEnd = Math.max(...items.map((c) => c.endedAt ?? Number.POSITIVE_INFINITY));
    const firstGradeStart = Math.min(...grades.map((c) => c.startedAt));
    expect(items).toHaveLength(9);
    expect(grades).toHaveLength(9 * 7);
    expect(Math.max(...items.map((c) => c.seq))).toBeLessThan(
      Math.min(...grades.map((c) => c.seq)),
    );
    expect(lastItemEnd).toBeLessThanOrEqual(firstGradeStart);
  });

  it('counts created, updated, deleted and already gone, and saves a completed journal', async () => {
    const rig = engineRig();
    rig.fake.sis.add('li-1').add('r-1-1').add('d-1-1').add('d-2-1');
    const summary = await rig.run(makeOperations(2, 2, 2));
    expect(summary).toMatchObject({
      state: 'completed',
      created: 2 + 4 - 2,
      updated: 2,
      deleted: 2,
      alreadyGone: 2,
      failed: [],
      pending: 0,
      attempts: 10,
      retries: 0,
    });
    expect(summary.durationMs).toBeGreaterThan(0);
    const journal = await rig.stored();
    expect(journal.state).toBe('completed');
    expect(journal.ops.every((op) => op.status === 'done' && op.attempts === 1)).toBe(true);
    expect(journal.ops.find((op) => op.id === 'li-1')).toMatchObject({ created: false });
    expect(journal.ops.find((op) => op.id === 'd-1-2')).toMatchObject({ deleted: false });
  });

  it('sends only the operations still pending in the journal', async () => {
    const rig = engineRig();
    const journal = journalFor(makeOperations(2, 3));
    for (const op of journal.ops.slice(0, 5))
      Object.assign(op, { status: 'done', attempts: 1, created: true });
    const summary = await rig.run([], { journal });
    expect(rig.fake.calls.map((c) => c.opId)).toEqual(['r-2-1', 'r-2-2', 'r-2-3']);
    expect(summary).toMatchObject({ state: 'completed', created: 8, attempts: 8 });
  });

  it('reports progress per phase, throttled, ending at done = total', async () => {
    const rig = engineRig({ latencyMs: 1 });
    await rig.run(makeOperations(4, 100), { progressIntervalMs: 50 });
    const items = rig.progress.filter((p) => p.phase === 'line-items');
    const grades = rig.progress.filter((p) => p.phase === 'grades');
    expect(items[0]).toEqual({
      phase: 'line-items',
      done: 0,
      total: 4,
      failed: 0,
      retrying: 0,
      concurrency: 4,
    });
    expect(items.at(-1)).toMatchObject({ done: 4, total: 4 });
    expect(grades[0]).toMatchObject({ done: 0, total: 400 });
    expect(grades.at(-1)).toMatchObject({ done: 400, total: 400, failed: 0 });
    // 400 grades at 4 per fake ms take ~100 ms: a report every 50 ms, not one per grade.
    expect(grades.length).toBeLessThan(10);
    const done = grades.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('rejects a concurrency that is not a positive integer', async () => {
    const rig = engineRig();
    await expect(rig.run(makeOperations(1, 1), { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});
