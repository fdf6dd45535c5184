/**
 * A journal that cannot be saved (storage full, or any other failure) stops the export at once:
 * nothing more is sent, and the summary, from the journal in memory, says exactly what reached
 * the SIS. A full storage is named as such (journal-too-large), not "export again".
 */
import { describe, expect, it } from 'vitest';
import { runExport } from '@/lib/export/run';
import { engineRig, journalFor, makeOperations } from './engine-fixtures';

const QUOTA = new Error('QUOTA_BYTES quota exceeded');

describe('a journal that cannot be saved', () => {
  it('stops sending at the first failed write, and the summary counts exactly what was sent', async () => {
    const rig = engineRig();
    let saves = 0;
    const store = {
      ...rig.store,
      async save(journal: Parameters<typeof rig.store.save>[0]) {
        // The 'running' journal lands; every later write hits the quota.
        if (++saves > 1) throw QUOTA;
        await rig.store.save(journal);
      },
    };
    const summary = await runExport({
      client: rig.fake.client,
      journal: journalFor(makeOperations(10, 20)),
      store,
      clock: rig.clock,
      saveIntervalMs: 50,
    });

    expect(summary.state).toBe('stopped');
    expect(summary.stop?.code).toBe('journal-too-large');
    expect(summary.stop?.message).toMatch(
      /^This export grew too large for the storage the browser gives the extension: the record of its 210 writes \(about \d+ KB\) could no longer be saved, so nothing more was sent\./,
    );
    const sent = rig.fake.calls.filter((call) => call.outcome === 'ok').length;
    expect(sent).toBeGreaterThan(0);
    expect(summary.created + summary.updated).toBe(sent);
    expect(summary.pending).toBe(210 - sent);
    // It stopped early: most of the export was never sent.
    expect(rig.fake.calls.length).toBeLessThan(105);
  });

  it('sends nothing when not even the first write lands, and says why', async () => {
    const rig = engineRig();
    const summary = await rig.runWithSavesFailing('IO error: LOCK held by another process');
    expect(rig.fake.calls).toEqual([]);
    expect(summary).toMatchObject({ state: 'stopped', created: 0, pending: 15 });
    expect(summary.stop).toEqual({
      code: 'extension-error',
      message:
        'The export stopped because the extension ran into a problem: Error: IO error: LOCK held by another process. Nothing more was sent; export again to continue.',
    });
  });
});
