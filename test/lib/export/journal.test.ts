/**
 * The journal: its shape, validation on read (a corrupt entry is ignored and reported), the
 * storage.local store under WXT's fake browser, and coalesced writes.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { createJournal, type ExportJournal, encodeJournal } from '@/lib/export/journal';
import {
  createJournalWriter,
  createMemoryJournalStore,
  createStorageJournalStore,
  type JournalStore,
} from '@/lib/export/journal-store';
import { journalFor, makeOperations } from './engine-fixtures';
import { createFakeClock } from './fake-clock';

const withState = (state: ExportJournal['state'], courseId: string) => ({
  ...journalFor(makeOperations(1, 2), courseId),
  state,
});

describe('createJournal', () => {
  it('records every operation as pending, in plan order, with its payload', () => {
    const operations = makeOperations(1, 1, 1);
    const journal = createJournal({
      exportId: 'e',
      courseId: 'c',
      sisClassId: 's',
      operations,
      now: 5,
    });
    expect(journal).toMatchObject({
      state: 'running',
      startedAt: 5,
      updatedAt: 5,
      operations,
    });
    expect(journal.ops).toEqual([
      { id: 'li-1', kind: 'put-line-item', courseworkId: 'cw-1', status: 'pending', attempts: 0 },
      {
        id: 'r-1-1',
        kind: 'put-result',
        courseworkId: 'cw-1',
        studentKey: 's1',
        lineItemId: 'li-1',
        sisStudentId: 'student-1',
        status: 'pending',
        attempts: 0,
        written: { score: 1, scoreStatus: 'fully graded' },
      },
      {
        id: 'd-1-1',
        kind: 'delete-result',
        courseworkId: 'cw-1',
        studentKey: 's1',
        lineItemId: 'li-1',
        status: 'pending',
        attempts: 0,
      },
    ]);
  });

  it('refuses duplicate operation ids', () => {
    const [op] = makeOperations(1, 0);
    if (!op) throw new Error('no op');
    expect(() =>
      createJournal({
        exportId: 'e',
        courseId: 'c',
        sisClassId: 's',
        operations: [op, op],
        now: 0,
      }),
    ).toThrow(RangeError);
  });
});

describe('the storage.local journal store', () => {
  it('saves under local:exportJournal:<courseId>, loads, lists unfinished, removes', async () => {
    const store = createStorageJournalStore();
    for (const [state, id] of [
      ['running', 'a'],
      ['stopped', 'b'],
      ['cancelled', 'c'],
      ['completed', 'd'],
      ['completed-with-errors', 'e'],
    ] as const) {
      await store.save(withState(state, id));
    }
    await storage.setItem('local:somethingElse', { state: 'running' });
    expect(await fakeBrowser.storage.local.get('exportJournal:a')).toHaveProperty(
      'exportJournal:a.courseId',
      'a',
    );
    expect((await store.load('d'))?.state).toBe('completed');
    expect(await store.load('zzz')).toBeUndefined();
    // The panel's question, answered from the header alone.
    expect(await store.stateOf('b')).toBe('stopped');
    expect(await store.stateOf('zzz')).toBeUndefined();
    const unfinished = await store.listUnfinished();
    expect(unfinished.map((j) => j.courseId).sort()).toEqual(['a', 'b', 'c']);
    await store.remove('a');
    expect(await store.load('a')).toBeUndefined();
    // Finished ones (kept by earlier versions) go; unfinished ones and other keys stay.
    expect((await store.sweep()).map((j) => j.courseId).sort()).toEqual(['b', 'c']);
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).sort()).toEqual([
      'exportJournal:b',
      'exportJournal:c',
      'somethingElse',
    ]);
  });

  it.each([
    ['not a journal at all', 'garbage'],
    ['an unknown version', { ...encodeJournal(withState('running', 'x')), version: 3 }],
    ['a score that is not a number', corruptScore()],
    ['a line item reference that points nowhere', danglingLineItem()],
    [
      'format-1 ops that do not match its operations',
      { ...withState('running', 'x'), version: 1, ops: [] },
    ],
  ])('ignores and reports a stored journal with %s', async (_name, value) => {
    const report = vi.fn();
    const store = createStorageJournalStore(report);
    await storage.setItem('local:exportJournal:x', value);
    expect(await store.load('x')).toBeUndefined();
    expect(await store.listUnfinished()).toEqual([]);
    if (value === 'garbage') expect(await store.stateOf('x')).toBeUndefined();
    expect(report).toHaveBeenCalledWith('local:exportJournal:x', expect.any(String));
  });
});

function corruptScore() {
  const stored = encodeJournal(withState('running', 'x'));
  const op = stored.ops[1];
  if (op) op[8] = 'ten' as unknown as number;
  return stored;
}

function danglingLineItem() {
  const stored = encodeJournal(withState('running', 'x'));
  const op = stored.ops[1];
  if (op) op[1] = 99;
  return stored;
}

describe('the memory journal store', () => {
  it('sweeps finished journals away and returns the unfinished ones, like storage', async () => {
    const store = createMemoryJournalStore();
    await store.save(withState('completed', 'done'));
    await store.save(withState('stopped', 'left'));
    expect((await store.sweep()).map((j) => j.courseId)).toEqual(['left']);
    expect([...store.raw.keys()]).toEqual(['left']);
  });

  it('copies values in and out, like real storage', async () => {
    const store = createMemoryJournalStore();
    const journal = withState('running', 'm');
    await store.save(journal);
    journal.state = 'completed';
    expect((await store.load('m'))?.state).toBe('running');
  });

  it('ignores a corrupt entry the same way', async () => {
    const report = vi.fn();
    const store = createMemoryJournalStore(report);
    store.raw.set('m', { version: 2 });
    expect(await store.load('m')).toBeUndefined();
    expect(report).toHaveBeenCalledOnce();
  });
});

describe('coalesced journal writes', () => {
  it('writes at most once per interval, the latest state last, and everything on flush', async () => {
    const clock = createFakeClock();
    const saved: Array<{ at: number; attempts: number }> = [];
    const inner = createMemoryJournalStore();
    const store: JournalStore = {
      ...inner,
      save: async (j) => {
        saved.push({ at: clock.now(), attempts: j.ops[0]?.attempts ?? 0 });
        await inner.save(j);
      },
    };
    const journal = journalFor(makeOperations(1, 0));
    const writer = createJournalWriter(store, journal, clock, 250);
    const op = journal.ops[0];
    if (!op) throw new Error('no op');
    for (let i = 1; i <= 100; i++) {
      op.attempts = i;
      writer.changed();
      await clock.sleep(10);
    }
    op.attempts = 101;
    writer.changed();
    await writer.flush();
    writer.dispose();

    expect(saved.length).toBeLessThanOrEqual(1 + 1000 / 250 + 1);
    // 0, 250, 500, 750, 1000, then the flush (which does not wait for the interval).
    const throttled = saved.slice(0, -1);
    throttled.slice(1).forEach((s, i) => {
      expect(s.at - (throttled[i]?.at ?? 0)).toBeGreaterThanOrEqual(250);
    });
    expect(saved.map((s) => s.attempts)).toEqual(
      [...saved.map((s) => s.attempts)].sort((a, b) => a - b),
    );
    expect((await inner.load('course-1'))?.ops[0]?.attempts).toBe(101);
    expect((await inner.load('course-1'))?.updatedAt).toBe(clock.now());
  });

  it('reports a failed write on flush', async () => {
    const store = {
      ...createMemoryJournalStore(),
      save: () => Promise.reject(new Error('QUOTA_BYTES')),
    };
    const writer = createJournalWriter(store, journalFor([]), createFakeClock());
    writer.changed();
    await expect(writer.flush()).rejects.toThrow('QUOTA_BYTES');
  });
});
