/**
 * Cancelling: the engine stops at once — requests in flight are aborted, a backoff wait is cut
 * short — and every operation not yet done stays pending in a journal marked cancelled.
 */
import { describe, expect, it } from 'vitest';
import { engineRig, makeOperations, sisError } from './engine-fixtures';

/** Lets real macrotasks run until `condition` holds (the fake clock advances meanwhile). */
async function until(condition: () => boolean) {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise((r) => setImmediate(r));
  if (!condition()) throw new Error('condition never held');
}

describe('cancel', () => {
  it('aborts the requests in flight and keeps the rest pending', async () => {
    const rig = engineRig();
    rig.fake.setRule((call) => (call.seq >= 10 ? 'hang' : undefined));
    const controller = new AbortController();
    const running = rig.run(makeOperations(2, 20), { signal: controller.signal });
    await until(() => rig.fake.calls.length === 14);
    const cancelledAt = rig.clock.now();
    controller.abort();
    const summary = await running;

    expect(summary.state).toBe('cancelled');
    expect(rig.clock.now()).toBe(cancelledAt);
    const hung = rig.fake.calls.filter((c) => c.seq >= 10);
    expect(hung.map((c) => c.outcome)).toEqual(['aborted', 'aborted', 'aborted', 'aborted']);
    expect(rig.fake.calls).toHaveLength(14);
    expect(summary).toMatchObject({ created: 10, failed: [], pending: 42 - 10 });
    const journal = await rig.stored();
    expect(journal.state).toBe('cancelled');
    expect(journal.ops.filter((op) => op.status === 'pending')).toHaveLength(32);
  });

  it('cuts a Retry-After wait short', async () => {
    const rig = engineRig();
    rig.fake.script('li-1', { error: sisError.rateLimited(60_000) });
    const controller = new AbortController();
    const running = rig.run(makeOperations(1, 3), { signal: controller.signal });
    await until(() => rig.fake.calls[0]?.outcome === 'error');
    controller.abort();
    const summary = await running;
    expect(summary).toMatchObject({ state: 'cancelled', pending: 4, attempts: 1 });
    expect(rig.clock.now()).toBeLessThan(60_000);
  });

  it('sends nothing when cancelled before it starts', async () => {
    const rig = engineRig();
    const summary = await rig.run(makeOperations(2, 2), { signal: AbortSignal.abort() });
    expect(rig.fake.calls).toEqual([]);
    expect(summary).toMatchObject({ state: 'cancelled', pending: 6 });
  });
});
