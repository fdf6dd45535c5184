/**
 * The engine's only view of time. Injected so unit tests run retries, Retry-After waits and
 * throttles on a fake clock in no real time; the background uses `systemClock`.
 */

/** Time source and timer for the export engine. */
export interface EngineClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` as soon as the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Wall-clock time and real timers. */
export const systemClock: EngineClock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        // Remove the listener: one run signal is shared by thousands of sleeps.
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/*
 * Leading + trailing throttle on the engine clock, shared by the journal writer and the
 * progress reporter: the first request fires at once, later ones within `intervalMs` are folded
 * into one trailing call, so the last state is never left unreported during a long quiet wait.
 */
export interface Throttle {
  /** Asks for a call; fires now or at the end of the current interval. */
  request(): void;
  /** Fires now if a trailing call is waiting. */
  flush(): void;
  /** Drops a waiting trailing call (its timer included). */
  dispose(): void;
}

export function createThrottle(clock: EngineClock, intervalMs: number, fire: () => void): Throttle {
  let lastFired = Number.NEGATIVE_INFINITY;
  let timer: AbortController | undefined;

  function fireNow() {
    timer?.abort();
    timer = undefined;
    lastFired = clock.now();
    fire();
  }

  return {
    request() {
      if (timer) return;
      const wait = lastFired + intervalMs - clock.now();
      if (wait <= 0) {
        fireNow();
        return;
      }
      const own = new AbortController();
      timer = own;
      clock.sleep(wait, own.signal).then(
        () => {
          if (timer === own) fireNow();
        },
        // Aborted by flush or dispose: nothing is waiting any more.
        () => {},
      );
    },
    flush() {
      if (timer) fireNow();
    },
    dispose() {
      timer?.abort();
      timer = undefined;
    },
  };
}
