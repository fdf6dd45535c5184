/**
 * Where journals live: one per Classroom course. Both implementations store the compact format
 * (journal-codec.ts) and validate on read, so a corrupt entry is treated as absent (and
 * reported) instead of being resumed; format 1 is read too.
 */
import { type ExportJournal, isUnfinished, type JournalState } from './journal';
import { decodeJournal, encodeJournal, fromFormat1 } from './journal';
import { Format1JournalSchema, JournalHeaderSchema, StoredJournalSchema } from './journal';

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
