/**
 * The stored journal is compact (issue #11, M4): a 200 × 100 class (20,100 operations) once
 * took ~0.6 KB per operation, 12 MB, over storage.local's 10 MB, so the export stopped before
 * sending anything. Stored now: what a resume needs and what proves exactness, payloads
 * derived from shared tables, a finished line item's payload dropped. Old journals still load.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { createJournal, type ExportJournal } from '@/lib/export/journal';
import { createMemoryJournalStore, createStorageJournalStore } from '@/lib/export/journal-store';
import type { Operation } from '@/lib/export/plan-types';
import { runExport } from '@/lib/export/run';
import { LARGE_COURSE, largePlanOperations } from '../../fixtures/export/large-plan';
import { engineRig, journalFor, makeOperations } from './engine-fixtures';

const journalOf = (operations: readonly Operation[]) =>
  createJournal({
    exportId: 'export-1',
    courseId: LARGE_COURSE,
    sisClassId: 'sis-class-large',
    operations,
    now: 1,
  });

async function storedBytes(courseId: string) {
  const raw = await fakeBrowser.storage.local.get(`exportJournal:${courseId}`);
  return new TextEncoder().encode(JSON.stringify(raw[`exportJournal:${courseId}`])).length;
}

/** The operations a resume of `journal` would send, in order. */
const pendingOf = (journal: ExportJournal) => {
  const pending = new Set(journal.ops.filter((op) => op.status === 'pending').map((op) => op.id));
  return journal.operations.filter((op) => pending.has(op.id));
};

describe('the compact stored journal', () => {
  it('stores a 200 × 100 export (20,100 operations) in well under storage.local’s 10 MB', async () => {
    const operations = largePlanOperations(200, 100);
    expect(operations).toHaveLength(20_100);
    await createStorageJournalStore().save(journalOf(operations));
    const bytes = await storedBytes(LARGE_COURSE);
    expect(bytes / operations.length).toBeLessThan(100);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });

  it('loads back exactly the operations still to send, payloads included', async () => {
    const operations = largePlanOperations(30, 12);
    const journal = journalOf(operations);
    // Every third operation done, every seventh failed, some with attempts and outcomes.
    journal.ops.forEach((op, i) => {
      if (i % 3 === 0) Object.assign(op, { status: 'done', attempts: 1, created: i % 2 === 0 });
      else if (i % 7 === 0) {
        Object.assign(op, {
          status: 'failed',
          attempts: 3,
          error: { code: 'invalid-data', message: `rejected ${i % 2}` },
        });
      } else if (i % 5 === 0) op.attempts = 2;
    });
    const store = createStorageJournalStore();
    await store.save(journal);
    const loaded = await store.load(LARGE_COURSE);
    if (!loaded) throw new Error('not loaded');
    expect(loaded.ops).toEqual(journal.ops);
    expect(pendingOf(loaded)).toEqual(pendingOf(journal));
    expect(pendingOf(loaded).length).toBeGreaterThan(100);
    const { operations: _, ...header } = loaded;
    const { operations: __, ...want } = journal;
    expect({ ...header, ops: [] }).toEqual({ ...want, ops: [] });
  });

  it('drops a finished line item’s payload, keeps a pending one’s and every result’s score', async () => {
    const operations = makeOperations(2, 2);
    const journal = journalFor(operations);
    const [first, , , second] = journal.ops;
    if (!first || !second) throw new Error('no ops');
    first.status = 'done';
    const store = createMemoryJournalStore();
    await store.save(journal);
    const raw = JSON.stringify(store.raw.get('course-1'));
    expect(raw).not.toContain('Assignment 1');
    expect(raw).toContain('Assignment 2');
    const loaded = await store.load('course-1');
    expect(pendingOf(loaded as ExportJournal)).toEqual(operations.slice(1));
    // What the class's history records for a done result survives the payload.
    expect(loaded?.ops.map((op) => op.written)).toEqual([
      undefined,
      { score: 1, scoreStatus: 'fully graded' },
      { score: 2, scoreStatus: 'fully graded' },
      undefined,
      { score: 1, scoreStatus: 'fully graded' },
      { score: 2, scoreStatus: 'fully graded' },
    ]);
  });

  it('reads a journal stored by the previous version (every payload in full) and resumes it', async () => {
    const operations = makeOperations(2, 3, 1);
    const old = {
      version: 1,
      exportId: 'export-old',
      courseId: 'course-old',
      sisClassId: 'class-1',
      startedAt: 1,
      updatedAt: 2,
      state: 'running',
      ops: operations.map((op, i) => ({
        id: op.id,
        kind: op.kind,
        courseworkId: op.courseworkId,
        ...('studentKey' in op ? { studentKey: op.studentKey } : {}),
        status: i < 3 ? 'done' : 'pending',
        attempts: i < 3 ? 1 : 0,
        ...(i < 3 && op.kind !== 'delete-result' ? { created: true } : {}),
      })),
      operations,
    };
    await storage.setItem('local:exportJournal:course-old', old);
    const store = createStorageJournalStore();
    const loaded = await store.load('course-old');
    expect(loaded?.exportId).toBe('export-old');
    expect(pendingOf(loaded as ExportJournal)).toEqual(operations.slice(3));

    const rig = engineRig();
    const summary = await runExport({
      client: rig.fake.client,
      journal: loaded as ExportJournal,
      store,
      clock: rig.clock,
    });
    expect(rig.fake.calls.map((c) => c.opId).sort()).toEqual(
      operations
        .slice(3)
        .map((op) => op.id)
        .sort(),
    );
    expect(summary).toMatchObject({ state: 'completed', pending: 0, failed: [] });
    // Saved again in the compact format.
    const raw = (await fakeBrowser.storage.local.get('exportJournal:course-old'))[
      'exportJournal:course-old'
    ];
    expect(raw).toMatchObject({ version: 2 });
  });
});

describe('a journal too large for the browser’s storage', () => {
  it('refuses before sending anything, and says what is too large', async () => {
    const rig = engineRig();
    // What Chrome's storage.local says when it is full.
    const summary = await rig.runWithSavesFailing('Resource::kQuotaBytes quota exceeded');
    expect(rig.fake.calls).toEqual([]);
    expect(summary).toMatchObject({ state: 'stopped', created: 0, pending: 15 });
    expect(summary.stop?.code).toBe('journal-too-large');
    expect(summary.stop?.message).toMatch(/^This export is too large.*15 writes/);
    expect(summary.stop?.message).not.toMatch(/export again/i);
  });
});
