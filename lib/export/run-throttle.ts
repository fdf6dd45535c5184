/**
 * Leading + trailing throttle on the engine clock, shared by the journal writer and the
 * progress reporter: the first request fires at once, later ones within `intervalMs` are folded
 * into one trailing call, so the last state is never left unreported during a long quiet wait.
 */
import type { EngineClock } from './run-clock';

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
