/**
 * Journals in the extension's `storage.local`, one key per course: `local:exportJournal:<id>`.
 * Background only: storage.local is restricted to trusted contexts at every start (DESIGN.md),
 * and only the background runs exports.
 *
 * Why storage.local with `unlimitedStorage` (wxt.config.ts) rather than IndexedDB: the compact
 * journal (journal-codec.ts) of a 200 × 100 class is ~1.3 MB, which storage.local holds; the
 * permission lifts its 10 MB cap for the rest (several large classes, their histories). One
 * store for everything keeps one access rule (trusted contexts only) and one way to delete
 * (Disconnect), and the unit tests run it under WXT's fake browser. A write the browser still
 * refuses (a full disk) stops the export before anything is sent, saying so (createRunContext in run.ts).
 */

import { storage } from 'wxt/utils/storage';
import { isUnfinished } from './journal';
import { encodeJournal } from './journal';
import {
  type CorruptJournalReporter,
  type JournalStore,
  journalsOf,
  readJournal,
  reportToConsole,
  stateOfStored,
  unfinished,
} from './journal-store';

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
