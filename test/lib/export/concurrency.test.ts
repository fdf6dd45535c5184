/** The adaptive limiter on its own: slots, halving per round, recovery, Retry-After pauses. */
import { describe, expect, it } from 'vitest';
import { createAdaptiveLimiter, RECOVER_AFTER_SUCCESSES } from '@/lib/export/concurrency';
import { createFakeClock } from './fake-clock';

const never = new AbortController().signal;

describe('createAdaptiveLimiter', () => {
  it('hands out `max` slots and makes the next caller wait for a release', async () => {
    const limiter = createAdaptiveLimiter(2, createFakeClock());
    await limiter.acquire(never);
    await limiter.acquire(never);
    let third = false;
    const waiting = limiter.acquire(never).then(() => {
      third = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);
    limiter.release();
    await waiting;
    expect(limiter.inFlight).toBe(2);
  });

  it('halves once per round, down to 1, and recovers one step per run of successes', async () => {
    const changes: number[] = [];
    const limiter = createAdaptiveLimiter(8, createFakeClock(), (n) => changes.push(n));
    const round = await limiter.acquire(never);
    limiter.release();
    for (let i = 0; i < 4; i++) limiter.pushedBack(round, true); // a burst from one round
    expect(limiter.limit).toBe(4);
    for (let i = 0; i < 3; i++) {
      const r = await limiter.acquire(never);
      limiter.release();
      limiter.pushedBack(r, true);
    }
    expect(limiter.limit).toBe(1);
    for (let i = 0; i < RECOVER_AFTER_SUCCESSES * 2; i++) limiter.succeeded();
    expect(changes).toEqual([4, 2, 1, 2, 3]);
  });

  it('does not lower the limit for a 5xx, but honours its Retry-After for everyone', async () => {
    const clock = createFakeClock();
    const limiter = createAdaptiveLimiter(4, clock);
    const round = await limiter.acquire(never);
    limiter.release();
    limiter.pushedBack(round, false, 3000);
    expect(limiter.limit).toBe(4);
    await limiter.acquire(never);
    expect(clock.now()).toBe(3000);
  });

  it('rejects a waiting acquire when its signal aborts', async () => {
    const limiter = createAdaptiveLimiter(1, createFakeClock());
    await limiter.acquire(never);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });
});
