/**
 * The export stays exact whatever happens around it: 10 % 500s, 5 % 429s and dropped
 * connections; a disconnect → reconnect → re-export (no duplicate line items: ids derive from
 * the Classroom ids only); and a service worker stopped mid-export, resumed at the next start.
 */
import { describe, expect, it } from 'vitest';
import type { Preview, ReplyOf } from '@/lib/messaging/replies';
import { connectionSetting } from '@/lib/settings/items';
import { createHarness, FAST_ENGINE, OPTIONS_SENDER } from '../support/teacher-harness';
import {
  COURSE,
  expectSisToHold,
  exportNow,
  linkClass,
  NO_CHOICES,
  setUpTeacherScene,
  sisState,
  snapshot,
} from './teacher-scene';

const scene = setUpTeacherScene();
const MINUTE = 60_000;

describe('teacher export against a failing, reconnected or restarted background', () => {
  it('ends exact, without duplicates, despite 500s, 429s and dropped connections', async () => {
    await linkClass();
    scene.sis.setFaults({
      errorRate: 0.1,
      rateLimit: { share: 0.05, retryAfterSeconds: 0 },
      dropRate: 0.03,
    });
    const snap = snapshot();
    const { summary } = await exportNow(snap);
    const faults = new Set(scene.sis.requestLog.entries.map((e) => e.fault).filter(Boolean));
    expect(faults).toEqual(new Set(['error', 'rate-limit', 'drop']));
    expect(summary).toMatchObject({ state: 'completed', failed: [], pending: 0 });
    const want = expectSisToHold(snap);
    // Retried PUTs land on the same ids: each line item and result exists once.
    expect(sisState().results).toHaveLength(want.results.length);
  });
  it.each([4, 8])(
    'previews and exports exactly at concurrency %i when the OAuth 2 token is revoked mid-way',
    async (concurrency) => {
      scene.restart({ engine: { ...FAST_ENGINE, concurrency } });
      await linkClass('oauth2');
      const tokenPath = new URL(scene.sis.tokenUrl).pathname;
      const tokenRequests = () => scene.sis.requestLog.entries.filter((e) => e.path === tokenPath);
      const refused = () => scene.sis.requestLog.entries.filter((e) => e.status === 401);
      const snap = snapshot();

      // Every parallel read of the preview carries the revoked token.
      scene.sis.requestLog.clear();
      scene.sis.revokeTokens();
      const preview = await scene.h.ask<Preview>('previewExport', {
        courseId: COURSE,
        snapshot: snap,
        choices: NO_CHOICES,
      });
      expect(preview.coursework.length).toBeGreaterThan(0);
      expect(refused().length).toBeGreaterThan(1);
      expect(tokenRequests()).toHaveLength(1);

      // And the writes in flight when it dies mid-export (the latency keeps several in flight).
      scene.sis.setFaults({ latencyMs: 10 });
      scene.sis.requestLog.clear();
      scene.sis.revokeTokens({ requests: 20, counting: 'writes' });
      const { summary } = await exportNow(snap);
      expect(summary).toMatchObject({ state: 'completed', failed: [], pending: 0 });
      expect(refused().length).toBeGreaterThan(1);
      expect(tokenRequests()).toHaveLength(1);
      const want = expectSisToHold(snap);
      expect(sisState().results).toHaveLength(want.results.length);
    },
  );
  it('re-measures the clock when it moves after Authorize, exports exactly, keeps the correction', async () => {
    await linkClass(); // OAuth 1.0a, clocks agree: nothing to correct
    expect((await connectionSetting.get())?.clockSkewMs).toBeUndefined();
    scene.sis.setClockOffsetMs(20 * MINUTE); // past the SIS's 5-minute future window
    try {
      const snap = snapshot();
      const { summary } = await exportNow(snap);
      expect(summary).toMatchObject({ state: 'completed', failed: [], pending: 0 });
      expectSisToHold(snap);
      expect(scene.sis.requestLog.entries.some((e) => e.status === 401)).toBe(true);
      const kept = (await connectionSetting.get())?.clockSkewMs ?? 0;
      expect(Math.abs(kept - 20 * MINUTE)).toBeLessThan(5_000);
    } finally {
      scene.sis.setClockOffsetMs(0);
    }
  });
  it('replaces a stale stored clock correction at the next worker start', async () => {
    scene.sis.setClockOffsetMs(-20 * MINUTE);
    try {
      await linkClass(); // Authorize measures the 20 minutes and stores the correction
    } finally {
      scene.sis.setClockOffsetMs(0); // then the clocks agree again
    }
    const stale = (await connectionSetting.get())?.clockSkewMs ?? 0;
    expect(Math.abs(stale + 20 * MINUTE)).toBeLessThan(5_000);
    scene.restart({}); // a new worker signs with the stored, now stale, correction
    scene.sis.requestLog.clear();
    const snap = snapshot();
    const { summary } = await exportNow(snap);
    expect(summary).toMatchObject({ state: 'completed', failed: [], pending: 0 });
    expectSisToHold(snap);
    expect(scene.sis.requestLog.entries.some((e) => e.status === 401)).toBe(true);
    expect(Math.abs((await connectionSetting.get())?.clockSkewMs ?? Infinity)).toBeLessThan(5_000);
  });
  it('makes no duplicates after disconnect → reconnect → re-export', async () => {
    await linkClass();
    const snap = snapshot();
    await exportNow(snap);
    const before = sisState().lineItems.length;

    expect(
      await scene.h.send('disconnect', { deleteGradeData: false }, OPTIONS_SENDER),
    ).toMatchObject({ ok: true });
    const disconnected = await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
    });
    expect(disconnected.access).toEqual({ connected: false, exportAllowed: false });
    expect(disconnected.link?.sisClassId).toBe(scene.classId); // links survive Disconnect
    await scene.h.connect();

    scene.sis.requestLog.clear();
    const { summary } = await exportNow(snap);
    expect(summary).toMatchObject({ state: 'completed', created: 0 });
    expect(sisState().lineItems).toHaveLength(before);
    expectSisToHold(snap);
  });
  it('makes no duplicates after unlink → relink → re-export, and keeps the history', async () => {
    await linkClass();
    const snap = snapshot();
    await exportNow(snap);
    const before = sisState();

    const unlinked = await scene.h.ask<ReplyOf<'unlinkClass'>>('unlinkClass', {
      courseId: COURSE,
    });
    expect(unlinked.link).toBeNull();
    expect(unlinked.history).toHaveLength(1);
    await linkClass();

    scene.sis.requestLog.clear();
    const { summary } = await exportNow(snap);
    // The relinked class addresses the same line items and results: nothing new, nothing sent.
    expect(summary).toMatchObject({ state: 'completed', created: 0, updated: 0, deleted: 0 });
    expect(scene.sis.requestLog.entries.filter((e) => e.method !== 'GET')).toEqual([]);
    expect(sisState()).toEqual(before);
    const relinked = await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
    });
    expect(relinked.history).toHaveLength(2);
  });

  it('resumes an export a stopped worker left running, to the exact result', async () => {
    await linkClass();
    const snap = snapshot();
    // Slow enough that the journal (saved once a second) is stored mid-run.
    scene.sis.setFaults({ latencyMs: 60 });
    await scene.h.ask('startExport', { courseId: COURSE, snapshot: snap, choices: NO_CHOICES });
    const store = scene.h.runtime.store;
    // Wait until part of it is done, keep the journal as it is on disk at that moment…
    let left = await store.load(COURSE);
    while (!left || left.ops.filter((op) => op.status === 'done').length < 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      left = await store.load(COURSE);
    }
    expect(left.state).toBe('running');
    // …stop this worker's run, and put the journal back as the dead worker left it.
    scene.h.runtime.runner.cancel(COURSE);
    await scene.h.waitForExport(COURSE);
    await store.save(left);
    // A finished journal an earlier version kept for another class: cleared at the start.
    const kept = { ...left, courseId: '999', state: 'completed' as const };
    await store.save(kept);

    const restarted = createHarness(scene.sis); // a new worker: nothing in memory
    const pending = await restarted.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
    });
    expect(pending.export).toMatchObject({ running: false, resumable: true, resuming: true });
    expect(await restarted.runtime.resumeUnfinished()).toEqual([COURSE]);
    // Decided and resumed: the panel follows a running export (issue #11 L2).
    const resumed = await restarted.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
    });
    expect(resumed.export).toMatchObject({ running: true, resumable: false, resuming: false });
    expect(await store.load('999')).toBeUndefined();
    const state = await restarted.waitForExport(COURSE);
    expect(state.export.resumable).toBe(false);
    expect(state.history[0]).toMatchObject({
      exportId: left.exportId,
      state: 'completed',
      failed: [],
      pending: 0,
    });
    expect(Object.keys(state.lastExported).sort()).toEqual(['2001', '2002', '2004', '2005']);
    expectSisToHold(snap);
  });
});
