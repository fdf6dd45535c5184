/**
 * A fake EngineClock that advances by itself: whenever everything else is idle (a few real
 * macrotask turns with no progress), it jumps to the earliest timer and fires it. Retries,
 * Retry-After waits and throttles then take no real time, yet happen in the right order at the
 * right fake instants.
 */
import type { EngineClock } from '@/lib/export/run-clock';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

const idle = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createFakeClock(start = 0) {
  let now = start;
  let seq = 0;
  let timers: Timer[] = [];
  let ticking = false;

  async function tick() {
    // Let promise chains (fake SIS answers, storage) settle before time moves on.
    for (let i = 0; i < 5; i++) await idle();
    ticking = false;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const timer = timers.shift();
    if (!timer) return;
    now = Math.max(now, timer.at);
    timer.fire();
    schedule();
  }
  function schedule() {
    if (ticking || timers.length === 0) return;
    ticking = true;
    void tick();
  }

  const clock: EngineClock & { sleeps: number[]; readonly pending: number } = {
    now: () => now,
    /** Every requested sleep duration, in order. */
    sleeps: [],
    get pending() {
      return timers.length;
    },
    sleep(ms, signal) {
      clock.sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const timer: Timer = {
          at: now + Math.max(0, ms),
          seq: seq++,
          fire: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          timers = timers.filter((t) => t !== timer);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
        schedule();
      });
    },
  };
  return clock;
}

export type FakeClock = ReturnType<typeof createFakeClock>;
