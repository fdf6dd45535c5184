/**
 * What an ended export leaves in the class's history: its summary (a resumed export replaces
 * its earlier one), "last exported" only for coursework whose writes all succeeded, and the
 * results it wrote or deleted, for the next plan.
 */
import { describe, expect, it } from 'vitest';
import { createJournal, type ExportJournal } from '@/lib/export/journal';
import { summarizeJournal } from '@/lib/export/run-summary';
import {
  HISTORY_LENGTH,
  readExportHistory,
  updateExportHistory,
} from '@/lib/settings/export-history';
import {
  MAX_FAILURES_KEPT,
  recordExportOutcome,
  recordExportStart,
  recordNothingToSend,
  toSummaryView,
} from '@/lib/teacher/record-export';
import { makeOperations } from '../export/engine-fixtures';

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
