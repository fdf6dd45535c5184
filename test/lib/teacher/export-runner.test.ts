/**
 * The export runner's own parts: its lock, its keep-alive and what it records. (Starting,
 * resuming, cancelling and stopping through the background: test/entrypoints.)
 *
 * One export per course at a time: a second start is refused while one runs in this worker; a
 * 'running' journal no run here holds (a stopped worker's) can be replaced or resumed at once; a
 * corrupt one is ignored.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from 'wxt/utils/storage';
import { createJournal, type ExportJournal } from '@/lib/export/journal';
import { createStorageJournalStore } from '@/lib/export/journal-store';
import { summarizeJournal } from '@/lib/export/summary';
import {
  HISTORY_LENGTH,
  readExportHistory,
  updateExportHistory,
} from '@/lib/settings/export-history';
import {
  createExportRunner,
  createKeepAlive,
  type ExportRunner,
  KEEP_ALIVE_INTERVAL_MS,
  MAX_FAILURES_KEPT,
  recordExportOutcome,
  recordExportStart,
  recordNothingToSend,
  type StartRequest,
  toSummaryView,
} from '@/lib/teacher/export-runner';
import { journalFor, makeOperations } from '../export/engine-fixtures';
import { createFakeClock } from '../export/fake-clock';
import { createScriptedClient } from '../export/scripted-client';

const request = (courseId = 'course-1', exportId = 'export-1'): StartRequest => ({
  exportId,
  courseId,
  sisClassId: 'class-1',
  operations: makeOperations(2, 3),
});

const runners: ExportRunner[] = [];

/** A runner over storage.local and a scripted SIS. */
function rig(start = 1_000_000) {
  const clock = createFakeClock(start);
  const fake = createScriptedClient(clock);
  const store = createStorageJournalStore(() => {});
  const runner = createExportRunner({
    store,
    keepAlive: createKeepAlive(async () => {}),
    now: () => new Date(clock.now()),
  });
  runners.push(runner);
  const engine = { clock };
  return {
    fake,
    store,
    clock,
    runner,
    start: (req = request()) => runner.start(req, fake.client, engine),
    resume: (courseId = 'course-1') => runner.resume(courseId, fake.client, engine),
  };
}

/** What a synchronous call threw. */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

afterEach(() => {
  for (const runner of runners.splice(0)) {
    for (const id of ['course-1', 'course-2']) runner.cancel(id);
  }
});

describe('the export lock', () => {
  it('refuses a second export of a course while one runs here, not of another course', async () => {
    const d = rig();
    d.fake.setRule(() => 'hang');
    const first = d.start();
    expect(d.runner.isRunning('course-1')).toBe(true);
    expect(thrownBy(() => d.start())).toMatchObject({
      name: 'RequestError',
      code: 'export-running',
    });
    expect(thrownBy(() => d.resume('course-1'))).toMatchObject({ code: 'export-running' });

    const other = createScriptedClient(d.clock).client;
    const second = await d.runner.start(request('course-2'), other, { clock: d.clock });
    expect(second).toMatchObject({ summary: { state: 'completed' } });

    expect(d.runner.cancel('course-1')).toBe(true);
    await expect(first).resolves.toMatchObject({ summary: { state: 'cancelled' } });
    expect(d.runner.isRunning('course-1')).toBe(false);
    const fresh = createScriptedClient(d.clock).client;
    await expect(d.runner.start(request(), fresh, { clock: d.clock })).resolves.toMatchObject({
      summary: { state: 'completed' },
    });
  });

  it('replaces at once a stored running journal that no run here holds (a stopped worker’s)', async () => {
    const d = rig();
    const now = d.clock.now();
    const left = { ...journalFor(makeOperations(1, 1)), updatedAt: now - 1000 };
    await d.store.save(left);
    const outcome = await d.start(request('course-1', 'export-2'));
    expect(outcome).toMatchObject({
      summary: { state: 'completed', exportId: 'export-2', created: 8 },
    });
  });

  it('resumes a fresh running journal at any time (it is this course’s dead worker’s)', async () => {
    const d = rig();
    const left = journalFor(makeOperations(1, 2));
    const [item] = left.ops;
    if (item) Object.assign(item, { status: 'done', attempts: 1, created: true });
    await d.store.save({ ...left, updatedAt: d.clock.now() });
    const outcome = await d.resume('course-1');
    expect(d.fake.calls.map((c) => c.opId)).toEqual(['r-1-1', 'r-1-2']);
    expect(outcome).toMatchObject({ summary: { state: 'completed', created: 3 } });
  });

  it('says nothing-to-resume without a readable journal', async () => {
    await expect(rig().resume('course-1')).resolves.toMatchObject({
      refused: { code: 'nothing-to-resume' },
    });
    await storage.setItem('local:exportJournal:course-1', { state: 'running' });
    await expect(rig().resume('course-1')).resolves.toMatchObject({
      refused: { code: 'nothing-to-resume' },
    });
  });

  it('ignores a corrupt journal when starting a new export', async () => {
    await storage.setItem('local:exportJournal:course-1', {
      state: 'running',
      updatedAt: 1_000_000,
    });
    await expect(rig().start()).resolves.toMatchObject({ summary: { state: 'completed' } });
  });
});

/* The worker is kept alive exactly while at least one export holds the keep-alive. */
describe('keep-alive', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings every 20 s while held, once however many hold it, and stops when all released', async () => {
    let pings = 0;
    const keepAlive = createKeepAlive(async () => {
      pings++;
    });
    expect(KEEP_ALIVE_INTERVAL_MS).toBeLessThan(30_000); // Chrome's idle limit
    const first = keepAlive.hold();
    const second = keepAlive.hold();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_INTERVAL_MS * 3);
    expect(pings).toBe(3);
    first();
    first(); // releasing twice is harmless
    expect(keepAlive.active).toBe(true);
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_INTERVAL_MS);
    expect(pings).toBe(4);
    second();
    expect(keepAlive.active).toBe(false);
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_INTERVAL_MS * 3);
    expect(pings).toBe(4);
  });

  it('survives a failing ping', async () => {
    const ping = vi.fn(() => {
      throw new Error('not available');
    });
    const release = createKeepAlive(ping).hold();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_INTERVAL_MS * 2);
    expect(ping).toHaveBeenCalledTimes(2);
    release();
  });
});

/*
 * What an ended export leaves in the class's history: its summary (a resumed export replaces
 * its earlier one), "last exported" only for coursework whose writes all succeeded, and the
 * results it wrote or deleted, for the next plan.
 */
const AT = new Date('2026-03-02T10:00:00.000Z');

/** cw-1 and cw-2, 2 results each, plus one delete on cw-2; `status` decides each op. */
function ended(status: (id: string) => 'done' | 'failed' | 'pending'): ExportJournal {
  const operations = makeOperations(2, 2, 1);
  const journal = createJournal({
    exportId: 'e-1',
    courseId: '7',
    sisClassId: 'c',
    operations,
    now: 0,
  });
  for (const op of journal.ops) {
    op.status = status(op.id);
    op.attempts = op.status === 'pending' ? 0 : 1;
    if (op.status === 'done') op.created = true;
    if (op.status === 'failed') op.error = { code: 'invalid-data', message: 'The SIS refused it.' };
  }
  journal.state = journal.ops.some((op) => op.status === 'pending') ? 'cancelled' : 'completed';
  return journal;
}

describe('recordExportOutcome', () => {
  it('records the summary, last-exported times and written results', async () => {
    await updateExportHistory('7', (h) => ({
      ...h,
      previousResults: { 'd-2-1': { score: 3, scoreStatus: 'fully graded' } },
    }));
    await recordExportStart('7', {
      exportId: 'e-1',
      unchanged: 4,
      courseworkIds: ['cw-1', 'cw-2', 'cw-3'],
    });
    const journal = ended((id) => (id === 'r-2-2' ? 'failed' : 'done'));
    await recordExportOutcome(summarizeJournal(journal, 10), journal, AT);

    const history = await readExportHistory('7');
    expect(history.summaries).toEqual([
      expect.objectContaining({
        exportId: 'e-1',
        state: 'completed-with-errors',
        unchanged: 4,
        created: 5,
        failedCount: 1,
        finishedAt: AT.toISOString(),
      }),
    ]);
    // cw-2 had a failure; cw-3 had nothing to send.
    expect(history.lastExported).toEqual({ 'cw-1': AT.toISOString(), 'cw-3': AT.toISOString() });
    expect(Object.keys(history.previousResults).sort()).toEqual(['r-1-1', 'r-1-2', 'r-2-1']);
    expect(history.pending).toBeUndefined();
  });

  it('keeps the pending record of a cancelled export and replaces its summary once resumed', async () => {
    await recordExportStart('7', { exportId: 'e-1', unchanged: 0, courseworkIds: ['cw-1'] });
    const cancelled = ended((id) =>
      id.startsWith('r-2') || id.startsWith('d-') ? 'pending' : 'done',
    );
    await recordExportOutcome(summarizeJournal(cancelled, 1), cancelled, AT);
    expect((await readExportHistory('7')).pending?.exportId).toBe('e-1');

    const resumed = ended(() => 'done');
    const later = new Date(AT.getTime() + 60_000);
    await recordExportOutcome(summarizeJournal(resumed, 1), resumed, later);
    const history = await readExportHistory('7');
    expect(history.summaries.map((s) => [s.exportId, s.state])).toEqual([['e-1', 'completed']]);
    expect(history.lastExported['cw-1']).toBe(later.toISOString());
  });

  it('keeps the newest 20 summaries and the first 100 failures of each', async () => {
    for (let i = 0; i < HISTORY_LENGTH + 2; i++) {
      await recordNothingToSend('7', { exportId: `e-${i}`, unchanged: i, courseworkIds: [] }, AT);
    }
    const { summaries } = await readExportHistory('7');
    expect(summaries).toHaveLength(HISTORY_LENGTH);
    expect(summaries[0]).toMatchObject({
      exportId: `e-${HISTORY_LENGTH + 1}`,
      state: 'completed',
      created: 0,
    });

    const journal = ended(() => 'failed');
    const summary = summarizeJournal(journal, 1);
    summary.failed = Array.from({ length: 150 }, () => summary.failed[0]).filter(
      (f) => f !== undefined,
    );
    const view = toSummaryView(summary, 0, AT);
    expect(view.failed).toHaveLength(MAX_FAILURES_KEPT);
    expect(view.failedCount).toBe(150);
  });
});
