/**
 * Non-transient failures: rejected credentials stop the whole export and leave the rest
 * pending (resumable once fixed); any other rejection fails that one item, with the SIS's
 * explanation, and the export goes on; grades of a failed line item are never sent.
 */
import { describe, expect, it } from 'vitest';
import { runExport } from '@/lib/export/run';
import { OneRosterHttpError } from '@/lib/oneroster/errors';
import { engineRig, makeOperations, sisError } from './engine-fixtures';

const vendor = () =>
  new OneRosterHttpError(
    'missing-vendor-authorization',
    { status: 401, body: '' },
    { method: 'PUT', url: 'https://sis.example.org/x' },
  );

describe('credentials rejected mid-export', () => {
  it.each([
    ['bad-credentials (401 after the one refresh)', sisError.badCredentials],
    ['clock-skew', sisError.clockSkew],
    ['token-rejected', sisError.tokenRejected],
    ['missing-vendor-authorization', vendor],
  ])('%s stops everything and leaves the rest pending', async (_name, make) => {
    const rig = engineRig();
    rig.fake.script('r-2-1', 'hang');
    rig.fake.script('r-2-3', { error: make() });
    const summary = await rig.run(makeOperations(4, 5));

    expect(summary.state).toBe('stopped');
    expect(summary.stop?.code).toBe('credentials-rejected');
    expect(summary.stop?.message).not.toBe('');
    expect(summary.failed).toEqual([]);
    const stoppedAt = rig.fake.callsOf('r-2-3')[0]?.endedAt ?? 0;
    expect(rig.fake.calls.filter((c) => c.startedAt > stoppedAt)).toEqual([]);
    expect(rig.fake.callsOf('r-2-1')[0]?.outcome).toBe('aborted');

    const journal = await rig.stored();
    expect(journal.state).toBe('stopped');
    const pending = journal.ops.filter((op) => op.status === 'pending').map((op) => op.id);
    expect(pending).toContain('r-2-3');
    expect(pending).toContain('r-2-1');
    expect(pending).toContain('r-4-5');
    expect(summary.pending).toBe(pending.length);
  });

  it('resumes once the credentials are fixed: only the pending operations are sent', async () => {
    const rig = engineRig();
    rig.fake.script('r-1-4', { error: sisError.badCredentials() });
    const first = await rig.run(makeOperations(2, 6), { concurrency: 1 });
    expect(first.pending).toBe(9);
    const sentBefore = rig.fake.calls.length;

    const summary = await runExport({
      client: rig.fake.client,
      journal: await rig.stored(),
      store: rig.store,
      clock: rig.clock,
      concurrency: 1,
    });
    const resent = rig.fake.calls.slice(sentBefore).map((c) => c.opId);
    expect(resent).toEqual([
      'r-1-4',
      'r-1-5',
      'r-1-6',
      'r-2-1',
      'r-2-2',
      'r-2-3',
      'r-2-4',
      'r-2-5',
      'r-2-6',
    ]);
    expect(summary).toMatchObject({ state: 'completed', created: 14, pending: 0 });
    expect(summary.stop).toBeUndefined();
    expect((await rig.stored()).stop).toBeUndefined();
  });
});

describe('an item the SIS rejects', () => {
  it.each([
    [
      'invalid-data',
      () => sisError.invalidData('score: must be a number'),
      /score: must be a number/,
    ],
    ['not-found', sisError.notFound, /unknown object/],
    ['forbidden', sisError.forbidden, /./],
    ['under-scoped', sisError.underScoped, /./],
    ['unexpected-status', sisError.unexpected, /418/],
    ['schema-mismatch', sisError.schemaMismatch, /result\.score/],
  ])(
    '%s fails that item once, with the SIS’s message, and the export continues',
    async (code, make, text) => {
      const rig = engineRig();
      rig.fake.script('r-1-2', { error: make() });
      const summary = await rig.run(makeOperations(2, 3));
      expect(rig.fake.callsOf('r-1-2')).toHaveLength(1);
      expect(summary.state).toBe('completed-with-errors');
      expect(summary.failed).toEqual([
        {
          opId: 'r-1-2',
          kind: 'put-result',
          courseworkId: 'cw-1',
          studentKey: 's2',
          code,
          message: expect.stringMatching(text),
        },
      ]);
      expect(summary).toMatchObject({ created: 7, pending: 0 });
      expect((await rig.stored()).ops.find((op) => op.id === 'r-1-2')?.error?.code).toBe(code);
    },
  );

  it('an untyped error fails the item as unexpected-error instead of killing the export', async () => {
    const rig = engineRig();
    rig.fake.script('li-1', { error: new TypeError('x is undefined') });
    const summary = await rig.run(makeOperations(2, 0));
    expect(summary.failed).toEqual([
      expect.objectContaining({ opId: 'li-1', code: 'unexpected-error' }),
    ]);
    expect(summary.failed[0]?.message).toMatch(/x is undefined/);
    expect(summary.created).toBe(1);
  });

  it('never sends the grades of a line item whose PUT failed', async () => {
    const rig = engineRig();
    rig.fake.script('li-2', { error: sisError.invalidData('title: too long') });
    const summary = await rig.run(makeOperations(3, 4, 1));

    const sent = new Set(rig.fake.calls.map((c) => c.opId));
    for (const id of ['r-2-1', 'r-2-2', 'r-2-3', 'r-2-4', 'd-2-1'])
      expect(sent.has(id)).toBe(false);
    expect(sent.has('r-1-1') && sent.has('d-3-1')).toBe(true);
    const skipped = summary.failed.filter((f) => f.code === 'line-item-failed');
    expect(skipped.map((f) => f.opId).sort()).toEqual([
      'd-2-1',
      'r-2-1',
      'r-2-2',
      'r-2-3',
      'r-2-4',
    ]);
    expect(skipped[0]?.message).toBe('line item failed');
    expect(summary.failed.find((f) => f.opId === 'li-2')?.message).toMatch(/title: too long/);
    expect(rig.progress.find((p) => p.phase === 'grades')).toMatchObject({ total: 15, failed: 5 });
  });
});
