/**
 * A service worker stopped mid-export: the journal in storage.local (WXT's fake browser) still
 * says 'running' with whatever the last coalesced write held. Resuming it finishes the export
 * from the stored plan; only operations done in the last unsaved interval run twice (safe: same
 * ids, PUT upserts), and the summary covers the whole export.
 */
import { describe, expect, it } from 'vitest';
import { createJournal, type ExportJournal } from '@/lib/export/journal';
import type { JournalStore } from '@/lib/export/journal-store';
import { createStorageJournalStore } from '@/lib/export/journal-store';
import { runExport } from '@/lib/export/run';
import { makeOperations } from './engine-fixtures';
import { createFakeClock } from './fake-clock';
import { createScriptedClient } from './scripted-client';

/** A store whose writes stop landing once `kill()` was called, as when Chrome stops the worker. */
function killableStore(inner: JournalStore) {
  let dead = false;
  return {
    ...inner,
    save: (journal: ExportJournal) => (dead ? Promise.resolve() : inner.save(journal)),
    kill: () => {
      dead = true;
    },
  };
}

describe('resuming an export after the worker was stopped', () => {
  it('finishes from the stored journal, re-running only the unsaved interval', async () => {
    const clock = createFakeClock();
    const fake = createScriptedClient(clock, 50);
    const storageStore = createStorageJournalStore();
    const store = killableStore(storageStore);
    const operations = makeOperations(5, 20);
    const worker = new AbortController();
    // The 61st request is where Chrome stops the worker: no further write lands, work dies.
    fake.setRule((call) => {
      if (call.seq === 60) {
        store.kill();
        worker.abort();
      }
      return undefined;
    });
    const journal = createJournal({
      exportId: 'export-1',
      courseId: 'course-1',
      sisClassId: 'class-1',
      operations,
      now: clock.now(),
    });
    const first = await runExport({
      journal,
      client: fake.client,
      store,
      clock,
      signal: worker.signal,
      // The mechanism with a 250 ms save interval (the default is longer; see journal-store.ts).
      saveIntervalMs: 250,
    }).catch((error: unknown) => error);
    expect(first).toMatchObject({ state: 'cancelled' }); // what the dead worker would have said

    const left = await storageStore.load('course-1');
    expect(left?.state).toBe('running');
    expect((await storageStore.listUnfinished()).map((j) => j.courseId)).toEqual(['course-1']);
    const storedDone = new Set(left?.ops.filter((op) => op.status === 'done').map((op) => op.id));
    const doneBeforeKill = new Set(fake.calls.filter((c) => c.outcome === 'ok').map((c) => c.opId));
    const unsaved = [...doneBeforeKill].filter((id) => !storedDone.has(id));
    expect(storedDone.size).toBeGreaterThan(0);
    expect(unsaved.length).toBeGreaterThan(0);
    // 4 requests of 50 ms in flight: at most ~20 finish within one 250 ms save interval.
    expect(unsaved.length).toBeLessThanOrEqual(24);
    fake.setRule(() => undefined);

    if (!left) throw new Error('no journal left to resume');
    const summary = await runExport({
      journal: left,
      client: fake.client,
      store: storageStore,
      clock,
    });

    const okCalls = new Map<string, number>();
    for (const call of fake.calls.filter((c) => c.outcome === 'ok')) {
      okCalls.set(call.opId, (okCalls.get(call.opId) ?? 0) + 1);
    }
    for (const op of operations) {
      expect(okCalls.get(op.id), op.id).toBe(unsaved.includes(op.id) ? 2 : 1);
    }
    expect(summary).toMatchObject({
      state: 'completed',
      created: operations.length - unsaved.length,
      updated: unsaved.length,
      failed: [],
      pending: 0,
    });
    const final = await storageStore.load('course-1');
    expect(final?.state).toBe('completed');
    expect(final?.exportId).toBe(left?.exportId);
    expect(await storageStore.listUnfinished()).toEqual([]);
  });
});
