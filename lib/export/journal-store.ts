/**
 * Where journals live, one per Classroom course, and the writer that saves a running export's
 * journal. Both stores (in memory, and `storage.local`) keep the compact format (journal.ts) and
 * validate on read, so a corrupt entry is treated as absent (and reported) instead of being
 * resumed; format 1 is read too.
 */

import { storage } from 'wxt/utils/storage';
import {
  copyJournalState,
  decodeJournal,
  type ExportJournal,
  encodeJournal,
  Format1JournalSchema,
  fromFormat1,
  isUnfinished,
  JournalHeaderSchema,
  type JournalState,
  StoredJournalSchema,
} from './journal';
import { createThrottle, type EngineClock } from './run-clock';

/** Persistence of export journals, keyed by Classroom course id. */
export interface JournalStore {
  /** The course's journal, or undefined when there is none or it is unreadable. */
  load(courseId: string): Promise<ExportJournal | undefined>;
  /**
   * Only the state of the course's journal (undefined when there is none or it has no readable
   * header): what the panel asks twice a second, without checking 20,000 operations each time.
   */
  stateOf(courseId: string): Promise<JournalState | undefined>;
  save(journal: ExportJournal): Promise<void>;
  remove(courseId: string): Promise<void>;
  /**
   * Journals in state running, stopped or cancelled (pending operations may remain). At worker
   * start the background resumes the 'running' ones (a stopped worker's); 'stopped' and
   * 'cancelled' wait for the teacher or admin.
   */
  listUnfinished(): Promise<ExportJournal[]>;
  /**
   * At worker start: deletes the journals of finished exports (completed, with or without
   * errors), whose outcomes are in the export history, and returns the unfinished ones, like
   * `listUnfinished`, from the same single read.
   */
  sweep(): Promise<ExportJournal[]>;
  /**
   * Deletes every journal, unreadable ones included (Disconnect's "delete the grades"): they
   * may hold grades too, so none is parsed first.
   */
  removeAll(): Promise<void>;
}

/** Told about a stored journal that failed validation and is being ignored. */
export type CorruptJournalReporter = (key: string, problem: string) => void;

export const reportToConsole: CorruptJournalReporter = (key, problem) => {
  console.warn(`[sis-export] ignoring unreadable export journal ${key}: ${problem}`);
};

/** The stored value as a journal, or undefined (absent or corrupt — corrupt is reported). */
export function readJournal(
  key: string,
  raw: unknown,
  report: CorruptJournalReporter,
): ExportJournal | undefined {
  if (raw === undefined || raw === null) return undefined;
  const format1 = typeof raw === 'object' && 'version' in raw && raw.version === 1;
  const parsed = format1 ? Format1JournalSchema.safeParse(raw) : StoredJournalSchema.safeParse(raw);
  if (!parsed.success) {
    report(key, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return undefined;
  }
  try {
    return 'operations' in parsed.data ? fromFormat1(parsed.data) : decodeJournal(parsed.data);
  } catch (error) {
    // A reference into the tables that points nowhere: as corrupt as a failed schema.
    report(key, String(error));
    return undefined;
  }
}

/** The state a stored value says its journal is in (its header only is checked). */
export function stateOfStored(raw: unknown): JournalState | undefined {
  const parsed = JournalHeaderSchema.safeParse(raw);
  return parsed.success ? parsed.data.state : undefined;
}

/** The readable journals among raw stored values (corrupt ones are reported and skipped). */
export function journalsOf(
  entries: Iterable<[string, unknown]>,
  report: CorruptJournalReporter,
): ExportJournal[] {
  const journals: ExportJournal[] = [];
  for (const [key, raw] of entries) {
    const journal = readJournal(key, raw, report);
    if (journal) journals.push(journal);
  }
  return journals;
}

export const unfinished = (journals: ExportJournal[]) =>
  journals.filter((journal) => isUnfinished(journal.state));

/**
 * An in-memory store for tests and tools. Values are copied in and out (as real storage
 * serialises them), so later changes to a saved object are not "persisted" by accident.
 * `raw` is exposed so tests can plant corrupt entries.
 */
export function createMemoryJournalStore(report: CorruptJournalReporter = reportToConsole) {
  const raw = new Map<string, unknown>();
  const store: JournalStore & { raw: Map<string, unknown> } = {
    raw,
    async load(courseId) {
      return readJournal(courseId, structuredClone(raw.get(courseId)), report);
    },
    async stateOf(courseId) {
      return stateOfStored(raw.get(courseId));
    },
    async save(journal) {
      raw.set(journal.courseId, structuredClone(encodeJournal(journal)));
    },
    async remove(courseId) {
      raw.delete(courseId);
    },
    async listUnfinished() {
      return unfinished(journalsOf(structuredClone([...raw]), report));
    },
    async sweep() {
      const journals = journalsOf(structuredClone([...raw]), report);
      for (const journal of journals) {
        if (!isUnfinished(journal.state)) raw.delete(journal.courseId);
      }
      return unfinished(journals);
    },
    async removeAll() {
      raw.clear();
    },
  };
  return store;
}

/*
 * Journals in the extension's `storage.local`, one key per course: `local:exportJournal:<id>`.
 * Background only: storage.local is restricted to trusted contexts at every start (DESIGN.md),
 * and only the background runs exports.
 *
 * Why storage.local with `unlimitedStorage` (wxt.config.ts) rather than IndexedDB: the compact
 * journal (journal.ts) of a 200 × 100 class is ~1.3 MB, which storage.local holds; the
 * permission lifts its 10 MB cap for the rest (several large classes, their histories). One
 * store for everything keeps one access rule (trusted contexts only) and one way to delete
 * (Disconnect), and the unit tests run it under WXT's fake browser. A write the browser still
 * refuses (a full disk) stops the export before anything is sent, saying so (createRunContext in run.ts).
 */
const PREFIX = 'exportJournal:';
const keyFor = (courseId: string) => `local:${PREFIX}${courseId}` as const;

/** A JournalStore over `storage.local`. */
export function createStorageJournalStore(
  report: CorruptJournalReporter = reportToConsole,
): JournalStore {
  return {
    async load(courseId) {
      const key = keyFor(courseId);
      return readJournal(key, await storage.getItem(key), report);
    },
    async stateOf(courseId) {
      return stateOfStored(await storage.getItem(keyFor(courseId)));
    },
    async save(journal) {
      await storage.setItem(keyFor(journal.courseId), encodeJournal(journal));
    },
    async remove(courseId) {
      await storage.removeItem(keyFor(courseId));
    },
    async listUnfinished() {
      return unfinished(journalsOf(await storedJournals(), report));
    },
    async sweep() {
      const journals = journalsOf(await storedJournals(), report);
      for (const journal of journals) {
        if (!isUnfinished(journal.state)) await storage.removeItem(keyFor(journal.courseId));
      }
      return unfinished(journals);
    },
    async removeAll() {
      for (const [key] of await storedJournals()) await storage.removeItem(key);
    },
  };
}

/** Every stored journal entry, as `[key, raw value]`. */
async function storedJournals(): Promise<Array<[`local:${string}`, unknown]>> {
  // The snapshot holds the whole area (secrets included); only our keys are looked at.
  const all = await storage.snapshot('local');
  // `…$` keys are WXT's version metadata, never journals.
  return Object.entries(all)
    .filter(([key]) => key.startsWith(PREFIX) && !key.endsWith('$'))
    .map(([key, value]) => [`local:${key}` as const, value]);
}

/*
 * Saves a running export's journal, coalesced: at most one write per interval (plus one at each
 * phase end and at the finish), because a fast SIS completes hundreds of operations a second
 * and storage.local writes are not free.
 *
 * Why losing the last interval's progress to a crash is safe: a resumed export re-runs the
 * operations that were done but not yet saved, and each of them is idempotent —
 * - ids are deterministic (plan.ts), so a re-run addresses the same SIS resource;
 * - PUT by sourcedId is an upsert: the second PUT stores the same values again (the summary may
 *   then count it as updated rather than created);
 * - DELETE of a result that is already gone answers 404/410, which the client reports as
 *   `{deleted: false}` and the engine counts as already gone, not as a failure.
 */

/**
 * Default minimum time between two journal writes. Each write serialises the whole journal
 * (~66 bytes per operation, journal.ts); a second keeps that cost small, and a crash
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
