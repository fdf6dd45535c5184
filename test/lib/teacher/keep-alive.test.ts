/** The worker is kept alive exactly while at least one export holds the keep-alive. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeepAlive, KEEP_ALIVE_INTERVAL_MS } from '@/lib/teacher/keep-alive';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('keep-alive', () => {
  it('pings every 20 s while held, once however many hold it, and stops when all released', async () => {
    let pings = 0;
    const keepAlive = createKeepAlive(async () => {
      pings++;
    });
    expect(KEEP_ALIVE_INTERVAL_MS).toBeLessThan(30_000); // Chrome's idle limit
    const first = keepAlive.hold();
    const second = keepAlive.hold();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_INTERVAL_MS * 3);
    expect(pings).toBe(3);
    first();
    first(); // releasing twice is harmless
    expect(keepAlive.active).toBe(true);
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_INTERVAL_MS);
    expect(pings).toBe(4);
    second();
    expect(keepAlive.active).toBe(false);
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_INTERVAL_MS * 3);
    expect(pings).toBe(4);
  });

  it('survives a failing ping', async () => {
    const ping = vi.fn(() => {
      throw new Error('not available');
    });
    const release = createKeepAlive(ping).hold();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_INTERVAL_MS * 2);
    expect(ping).toHaveBeenCalledTimes(2);
    release();
  });
});
