/**
 * Transient failures on a fake clock: retries with exponential backoff and full jitter,
 * Retry-After honoured to the millisecond (for every request, not only the one that got it),
 * concurrency halved on 429 and recovered, and the limits that make an export give up.
 */
import { describe, expect, it } from 'vitest';
import { engineRig, makeOperations, sisError } from './engine-fixtures';

/** Waits between the end of each attempt of `opId` and the start of the next. */
function gaps(rig: ReturnType<typeof engineRig>, opId: string) {
  const calls = rig.fake.callsOf(opId);
  return calls.slice(1).map((call, i) => call.startedAt - (calls[i]?.endedAt ?? 0));
}

function sequence(values: number[]) {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

describe('retries', () => {
  it.each([
    ['a network error', sisError.network],
    ['a timeout', sisError.timeout],
    ['a 500', () => sisError.server()],
    ['a 429 without Retry-After', () => sisError.rateLimited()],
  ])('retries %s with growing, jittered waits, then succeeds', async (_name, make) => {
    // Full jitter: wait k is random_k × 500 ms × 2^(k−1).
    const rig = engineRig({ random: sequence([0.1, 0.9, 0.25, 0.75, 0.5]) });
    rig.fake.script('li-1', ...Array.from({ length: 5 }, () => ({ error: make() })));
    const summary = await rig.run(makeOperations(1, 1));
    expect(gaps(rig, 'li-1')).toEqual([50, 900, 500, 3000, 4000]);
    expect(summary).toMatchObject({ state: 'completed', created: 2, attempts: 7, retries: 5 });
  });

  it('keeps every wait within [0, min(cap, base × 2^(k−1)))', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const rig = engineRig({ random });
    rig.fake.script('li-1', ...Array.from({ length: 5 }, () => ({ error: sisError.server() })));
    await rig.run(makeOperations(1, 0), { retry: { baseDelayMs: 1000, maxDelayMs: 5000 } });
    const ceilings = [1000, 2000, 4000, 5000, 5000];
    gaps(rig, 'li-1').forEach((gap, k) => {
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThan(ceilings[k] ?? 0);
    });
  });

  it.each([
    ['429', sisError.rateLimited(7000), 7000],
    ['503', sisError.server(3000), 3000],
  ])('waits exactly the Retry-After of a %s when it exceeds the jitter', async (_s, error, ms) => {
    const rig = engineRig({ random: () => 0.999 });
    rig.fake.script('li-1', { error });
    await rig.run(makeOperations(1, 0));
    expect(gaps(rig, 'li-1')).toEqual([ms]);
  });

  it('keeps the jittered wait when it is longer than Retry-After', async () => {
    const rig = engineRig({ random: () => 0.5 });
    rig.fake.script('li-1', { error: sisError.rateLimited(1000) });
    await rig.run(makeOperations(1, 0), { retry: { baseDelayMs: 20_000 } });
    expect(gaps(rig, 'li-1')).toEqual([10_000]);
  });

  it('sends no request at all until a Retry-After has passed', async () => {
    const rig = engineRig({ random: () => 0 });
    // li-1's answer comes first (at 10 ms): nothing may start after it until 5010 ms.
    rig.fake.script('li-1', { error: sisError.rateLimited(5000) });
    await rig.run(makeOperations(12, 0));
    const [first, ...later] = rig.fake.calls.filter((c) => c.startedAt > 0);
    expect(first?.startedAt).toBe(5010);
    for (const call of later) expect(call.startedAt).toBeGreaterThanOrEqual(5010);
  });
});

describe('concurrency under 429', () => {
  it('halves once for a burst of parallel 429s, then recovers one step per 8 successes', async () => {
    const rig = engineRig({ random: () => 0 });
    rig.fake.setRule((call) =>
      call.seq >= 8 && call.seq < 12 ? { error: sisError.rateLimited() } : undefined,
    );
    await rig.run(makeOperations(1, 80));
    const levels = rig.progress.map((p) => p.concurrency).filter((c, i, all) => c !== all[i - 1]);
    expect(levels).toEqual([4, 2, 3, 4]);
    const afterBurst = rig.fake.calls.filter((c) => c.seq >= 12 && c.seq < 20);
    for (const call of afterBurst) expect(call.inFlight).toBeLessThanOrEqual(2);
    expect(rig.fake.maxInFlight).toBe(4);
  });

  it('goes down to one request at a time under repeated 429s, never to zero', async () => {
    const rig = engineRig({ random: () => 0 });
    rig.fake.setRule((call) => (call.seq < 12 ? { error: sisError.rateLimited(100) } : undefined));
    const summary = await rig.run(makeOperations(3, 8));
    expect(Math.min(...rig.progress.map((p) => p.concurrency))).toBe(1);
    expect(summary.state).toBe('completed');
  });
});

describe('giving up', () => {
  it('fails an operation with its last error after 6 attempts; the rest completes', async () => {
    const rig = engineRig();
    rig.fake.setRule((call) => (call.opId === 'r-1-2' ? { error: sisError.server() } : undefined));
    const summary = await rig.run(makeOperations(2, 3));
    expect(rig.fake.callsOf('r-1-2')).toHaveLength(6);
    expect(summary.state).toBe('completed-with-errors');
    expect(summary.failed).toEqual([
      expect.objectContaining({
        opId: 'r-1-2',
        kind: 'put-result',
        studentKey: 's2',
        code: 'server-error',
      }),
    ]);
    expect(summary.failed[0]?.message).toMatch(/500/);
    expect(summary).toMatchObject({ created: 7, pending: 0, retries: 5 });
  });

  it('honours maxAttempts from the options', async () => {
    const rig = engineRig();
    rig.fake.setRule(() => ({ error: sisError.timeout() }));
    await rig.run(makeOperations(1, 0), { retry: { maxAttempts: 3 } });
    expect(rig.fake.calls).toHaveLength(3);
  });

  it('gives up on a grade when the next wait would end past giveUpAfterMs', async () => {
    const rig = engineRig();
    rig.fake.setRule((call) =>
      call.opId.startsWith('r-') ? { error: sisError.rateLimited(6000) } : undefined,
    );
    const summary = await rig.run(makeOperations(1, 1), { retry: { giveUpAfterMs: 10_000 } });
    expect(rig.fake.calls.filter((c) => c.opId === 'r-1-1').map((c) => c.startedAt)).toEqual([
      10, 6020,
    ]);
    expect(summary.failed).toEqual([
      expect.objectContaining({ opId: 'r-1-1', code: 'rate-limited' }),
    ]);
  });

  it('stops, resumable, when a line item gives up: its grades would all fail too', async () => {
    const rig = engineRig();
    rig.fake.setRule(() => ({ error: sisError.server() }));
    const summary = await rig.run(makeOperations(2, 3), {
      concurrency: 1,
      retry: { maxAttempts: 2 },
    });
    expect(summary).toMatchObject({
      state: 'stopped',
      stop: { code: 'sis-unavailable' },
      failed: [],
    });
    expect(summary.pending).toBe(8);
    expect(rig.fake.calls).toHaveLength(2); // li-1 twice, then nothing more is sent
    expect((await rig.stored()).ops.every((op) => op.status === 'pending')).toBe(true);
  });

  it('stops the export as sis-unavailable after enough grades gave up in a row', async () => {
    const rig = engineRig();
    rig.fake.setRule((call) =>
      call.opId.startsWith('r-') ? { error: sisError.server() } : undefined,
    );
    const summary = await rig.run(makeOperations(1, 6), {
      concurrency: 1,
      retry: { maxAttempts: 2, stopAfterGiveUps: 3 },
    });
    expect(summary.state).toBe('stopped');
    expect(summary.stop?.code).toBe('sis-unavailable');
    expect(summary.failed.map((f) => f.opId)).toEqual(['r-1-1', 'r-1-2', 'r-1-3']);
    expect(summary.pending).toBe(3);
    expect(rig.fake.calls).toHaveLength(7);
  });
});

describe('a Retry-After longer than an operation may wait', () => {
  it('stops the export, resumable, instead of freezing every request', async () => {
    const rig = engineRig();
    rig.fake.script('li-2', { error: sisError.rateLimited(3_600_000) });
    const summary = await rig.run(makeOperations(3, 2));
    expect(summary.state).toBe('stopped');
    expect(summary.stop).toEqual({
      code: 'sis-unavailable',
      message: expect.stringMatching(/3600/),
    });
    expect((await rig.stored()).ops.find((op) => op.id === 'li-2')?.status).toBe('pending');
    expect(rig.clock.now()).toBeLessThan(60_000);
  });
});
