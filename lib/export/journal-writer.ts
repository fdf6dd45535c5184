/**
 * Saves a running export's journal, coalesced: at most one write per interval (plus one at each
 * phase end and at the finish), because a fast SIS completes hundreds of operations a second
 * and storage.local writes are not free.
 *
 * Why losing the last interval's progress to a crash is safe: a resumed export re-runs the
 * operations that were done but not yet saved, and each of them is idempotent —
 * - ids are deterministic (ids.ts), so a re-run addresses the same SIS resource;
 * - PUT by sourcedId is an upsert: the second PUT stores the same values again (the summary may
 *   then count it as updated rather than created);
 * - DELETE of a result that is already gone answers 404/410, which the client reports as
 *   `{deleted: false}` and the engine counts as already gone, not as a failure.
 */
import { copyJournalState, type ExportJournal } from './journal';
import type { JournalStore } from './journal-store';
import type { EngineClock } from './run-clock';
import { createThrottle } from './run-clock';

/**
 * Default minimum time between two journal writes. Each write serialises the whole journal
 * (~66 bytes per operation, journal-codec.ts); a second keeps that cost small, and a crash
 * costs at most a second of idempotent re-sends.
 */
export const JOURNAL_SAVE_INTERVAL_MS = 1000;

export interface JournalWriter {
  /** The journal changed; it will be saved within the interval. */
  changed(): void;
  /** Saves now if anything changed, and waits for every write started so far. */
  flush(): Promise<void>;
  /** Stops the trailing timer (call after the last flush). */
  dispose(): void;
}

/**
 * `onFailure` hears of the first write that failed, when it fails (flush reports it later): the
 * engine stops sending then, since an export whose journal cannot be saved cannot be resumed.
 */
export function createJournalWriter(
  store: JournalStore,
  journal: ExportJournal,
  clock: EngineClock,
  intervalMs = JOURNAL_SAVE_INTERVAL_MS,
  onFailure: (error: unknown) => void = () => {},
): JournalWriter {
  let dirty = false;
  // Writes are chained so an older snapshot can never land after a newer one.
  let writes: Promise<void> = Promise.resolve();
  let failure: unknown;
  let failed = false;

  function save() {
    dirty = false;
    journal.updatedAt = clock.now();
    // A copy: the engine keeps changing `journal`'s state while the write is pending.
    const snapshot = copyJournalState(journal);
    writes = writes.then(() =>
      store.save(snapshot).catch((error: unknown) => {
        if (!failed) {
          failed = true;
          onFailure(error);
        }
        failure ??= error;
      }),
    );
  }
  const throttle = createThrottle(clock, intervalMs, save);

  return {
    changed() {
      dirty = true;
      throttle.request();
    },
    async flush() {
      throttle.dispose();
      if (dirty) save();
      await writes;
      // Surface a failed background write at a point where the engine can report it.
      if (failure !== undefined) {
        const error = failure;
        failure = undefined;
        throw error;
      }
    },
    dispose: () => throttle.dispose(),
  };
}
