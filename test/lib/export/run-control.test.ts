/**
 * One export per course at a time: a second start is refused while one runs in this worker or
 * while the stored journal says 'running' and is fresh; a stale 'running' journal (a stopped
 * worker's) can be replaced or resumed; a corrupt one is ignored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { storage } from 'wxt/utils/storage';
import { createStorageJournalStore } from '@/lib/export/journal-storage';
import {
  cancelExport,
  type ExportDeps,
  isExportRunning,
  RUNNING_STALE_AFTER_MS,
  resumeExport,
  startExport,
} from '@/lib/export/run-control';
import { journalFor, makeOperations } from './engine-fixtures';
import { createFakeClock } from './fake-clock';
import { createScriptedClient } from './scripted-client';

const request = (courseId = 'course-1') => ({
  courseId,
  sisClassId: 'class-1',
  operations: makeOperations(2, 3),
});

function deps(start = 1_000_000): ExportDeps & { fake: ReturnType<typeof createScriptedClient> } {
  const clock = createFakeClock(start);
  const fake = createScriptedClient(clock);
  return { fake, client: fake.client, store: createStorageJournalStore(() => {}), clock };
}

afterEach(() => {
  for (const id of ['course-1', 'course-2']) cancelExport(id);
});

describe('the export lock', () => {
  it('refuses a second export of a course while one runs here, not of another course', async () => {
    const d = deps();
    d.fake.setRule(() => 'hang');
    const first = startExport(request(), d);
    expect(isExportRunning('course-1')).toBe(true);
    await expect(startExport(request(), d)).rejects.toMatchObject({
      name: 'ExportControlError',
      code: 'export-running',
    });
    await expect(resumeExport('course-1', d)).rejects.toMatchObject({ code: 'export-running' });

    const other = deps();
    const second = await startExport(request('course-2'), other);
    expect(second.state).toBe('completed');

    expect(cancelExport('course-1')).toBe(true);
    await expect(first).resolves.toMatchObject({ state: 'cancelled' });
    expect(isExportRunning('course-1')).toBe(false);
    await expect(startExport(request(), deps())).resolves.toMatchObject({ state: 'completed' });
  });

  it('refuses while the stored journal is running and fresh; replaces it once stale', async () => {
    const d = deps();
    const now = d.clock?.now() ?? 0;
    const left = { ...journalFor(makeOperations(1, 1)), updatedAt: now - 1000 };
    await d.store.save(left);
    await expect(startExport(request(), d)).rejects.toMatchObject({ code: 'export-running' });

    await d.store.save({ ...left, updatedAt: now - RUNNING_STALE_AFTER_MS });
    const summary = await startExport(request(), { ...d, newExportId: () => 'export-2' });
    expect(summary).toMatchObject({ state: 'completed', exportId: 'export-2', created: 8 });
  });

  it('resumes a fresh running journal at any time (it is this course’s dead worker’s)', async () => {
    const d = deps();
    const left = journalFor(makeOperations(1, 2));
    const [item] = left.ops;
    if (item) Object.assign(item, { status: 'done', attempts: 1, created: true });
    await d.store.save({ ...left, updatedAt: d.clock?.now() ?? 0 });
    const summary = await resumeExport('course-1', d);
    expect(d.fake.calls.map((c) => c.opId)).toEqual(['r-1-1', 'r-1-2']);
    expect(summary).toMatchObject({ state: 'completed', created: 3 });
  });

  it('says nothing-to-resume without a readable journal', async () => {
    await expect(resumeExport('course-1', deps())).rejects.toMatchObject({
      code: 'nothing-to-resume',
    });
    await storage.setItem('local:exportJournal:course-1', { state: 'running' });
    await expect(resumeExport('course-1', deps())).rejects.toMatchObject({
      code: 'nothing-to-resume',
    });
  });

  it('ignores a corrupt journal when starting a new export', async () => {
    await storage.setItem('local:exportJournal:course-1', {
      state: 'running',
      updatedAt: 1_000_000,
    });
    await expect(startExport(request(), deps())).resolves.toMatchObject({ state: 'completed' });
  });
});
