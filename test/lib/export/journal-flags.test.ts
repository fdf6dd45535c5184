/**
 * OneRoster 1.2 results in the stored journal: an optional score (submitted, not graded yet;
 * exempt) and the late/missing flags survive save and load exactly, so a resumed export sends
 * the very bodies it planned and the history records what was written.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJournal, type ExportJournal } from '@/lib/export/journal';
import { createStorageJournalStore } from '@/lib/export/journal-store';
import type { Operation } from '@/lib/export/plan-types';
import type { ResultToPut } from '@/lib/oneroster/schemas';

const NOW = '2026-03-01T10:00:00.000Z';
const result = (n: number, over: Partial<ResultToPut>): Operation => ({
  kind: 'put-result',
  id: `r${n}`,
  courseworkId: 'cw1',
  studentKey: `s${n}`,
  lineItemId: 'li1',
  result: {
    sourcedId: `r${n}`,
    lineItem: { sourcedId: 'li1' },
    student: { sourcedId: `sis-${n}` },
    scoreStatus: 'fully graded',
    score: n,
    scoreDate: NOW,
    comment: '',
    ...over,
  },
});

const operations: Operation[] = [
  {
    kind: 'put-line-item',
    id: 'li1',
    courseworkId: 'cw1',
    lineItem: {
      sourcedId: 'li1',
      title: 'Essay',
      assignDate: NOW,
      dueDate: NOW,
      class: { sourcedId: 'c1' },
      school: { sourcedId: 'school-1' },
      category: { sourcedId: 'cat' },
      resultValueMin: 0,
      resultValueMax: 10,
    },
  },
  result(1, {}),
  result(2, { late: true }),
  result(3, { scoreStatus: 'not submitted', score: 0, missing: true }),
  result(4, { scoreStatus: 'submitted', score: undefined, late: true }),
  result(5, { scoreStatus: 'exempt', score: undefined }),
  // Not rebuildable from the shared fields (an explicit false): kept whole.
  result(6, { late: false }),
];
// `score: undefined` is "no score": the planner leaves the key out.
for (const op of operations) {
  if (op.kind === 'put-result' && op.result.score === undefined) delete op.result.score;
}

const journalOf = (): ExportJournal =>
  createJournal({ exportId: 'e1', courseId: 'course-12', sisClassId: 'c1', operations, now: 1 });

describe('the journal with OneRoster 1.2 results', () => {
  it('records what each result writes: score when there is one, and its flags', () => {
    expect(journalOf().ops.map((op) => op.written)).toEqual([
      undefined,
      { score: 1, scoreStatus: 'fully graded' },
      { score: 2, scoreStatus: 'fully graded', late: true },
      { score: 0, scoreStatus: 'not submitted', missing: true },
      { scoreStatus: 'submitted', late: true },
      { scoreStatus: 'exempt' },
      { score: 6, scoreStatus: 'fully graded' },
    ]);
  });

  it('loads back exactly the planned bodies and records (resume sends what was planned)', async () => {
    fakeBrowser.reset();
    const journal = journalOf();
    const store = createStorageJournalStore();
    await store.save(journal);
    const raw = JSON.stringify(await fakeBrowser.storage.local.get('exportJournal:course-12'));
    expect(raw).toContain('"sourcedId":"r6"');
    const loaded = await store.load('course-12');
    expect(loaded?.operations).toEqual(operations);
    expect(loaded?.ops).toEqual(journal.ops);
  });

  it('keeps a done result’s flags and missing score when its payload is dropped', async () => {
    fakeBrowser.reset();
    const journal = journalOf();
    for (const op of journal.ops) Object.assign(op, { status: 'done', attempts: 1 });
    const store = createStorageJournalStore();
    await store.save(journal);
    const raw = JSON.stringify(await fakeBrowser.storage.local.get('exportJournal:course-12'));
    expect(raw).not.toContain('"sourcedId":"r6"'); // the one kept whole while pending is dropped
    const loaded = await store.load('course-12');
    expect(loaded?.operations).toEqual([]);
    expect(loaded?.ops.map((op) => op.written)).toEqual(journal.ops.map((op) => op.written));
  });
});
