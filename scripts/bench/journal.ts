/**
 * Journal benchmarks (issue #11, M4): the bytes a stored export journal takes per operation for
 * a 200 × 100 class (20,100 operations), and the JavaScript heap a 500 × 200 class's plan and
 * journal take (heap used after garbage collection, before and after building them). Prints
 * figures; asserts nothing. Run: npx tsx scripts/bench/journal.ts
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createJournal } from '../../lib/export/journal';
import { createMemoryJournalStore } from '../../lib/export/journal-store';
import { planExport } from '../../lib/export/plan';
import {
  LARGE_COURSE,
  LARGE_SIS_CLASS,
  largePlanInput,
} from '../../test/fixtures/export/large-plan';

export interface JournalFigures {
  operations: number;
  storedBytes: number;
  bytesPerOperation: number;
  memory: { operations: number; heapBeforeMb: number; heapAfterMb: number; deltaMb: number };
}

// A collection before each heap reading, so the figure is what is reachable, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const MB = (bytes: number) => bytes / 1024 / 1024;

/** The stored size of a fresh journal of `students` × `coursework`, as the store saves it. */
async function storedSize(students: number, coursework: number) {
  const { operations } = planExport(largePlanInput(students, coursework));
  const store = createMemoryJournalStore();
  const journal = createJournal({
    exportId: 'bench',
    courseId: LARGE_COURSE,
    sisClassId: LARGE_SIS_CLASS,
    operations,
    now: Date.now(),
  });
  await store.save(journal);
  const bytes = new TextEncoder().encode(JSON.stringify(store.raw.get(LARGE_COURSE))).length;
  return { operations: operations.length, bytes };
}

export async function benchJournal(): Promise<JournalFigures> {
  const stored = await storedSize(200, 100);
  const input = largePlanInput(500, 200);
  const before = heapUsed();
  const plan = planExport(input);
  const journal = createJournal({
    exportId: 'bench',
    courseId: LARGE_COURSE,
    sisClassId: LARGE_SIS_CLASS,
    operations: plan.operations,
    now: Date.now(),
  });
  const after = heapUsed();
  // Keep both alive until the reading above.
  if (journal.ops.length !== plan.operations.length) throw new Error('journal mismatch');
  return {
    operations: stored.operations,
    storedBytes: stored.bytes,
    bytesPerOperation: stored.bytes / stored.operations,
    memory: {
      operations: plan.operations.length,
      heapBeforeMb: MB(before),
      heapAfterMb: MB(after),
      deltaMb: MB(after - before),
    },
  };
}

export function printJournalFigures(f: JournalFigures) {
  console.log(
    `journal of ${f.operations} operations (200 × 100): ${(f.storedBytes / 1024).toFixed(0)} KB stored, ${f.bytesPerOperation.toFixed(1)} bytes per operation`,
  );
  const m = f.memory;
  console.log(
    `500 × 200 plan + journal (${m.operations} operations): heap ${m.heapBeforeMb.toFixed(1)} MB → ${m.heapAfterMb.toFixed(1)} MB (+${m.deltaMb.toFixed(1)} MB)`,
  );
}

if (process.argv[1] === import.meta.filename) printJournalFigures(await benchJournal());
