/**
 * Disconnect while exports run (issue #11, L3), where the browser keeps the host permission (as
 * for a pre-granted origin): the review saw 59 more writes land after Disconnect, with the
 * deleted secret still in the worker's memory. And what Disconnect deletes of the grades kept in
 * this browser, by the admin's choice.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ReplyOf } from '@/lib/messaging/replies';
import { readExportHistory } from '@/lib/settings/export-history';
import { createHarness, type Harness, OPTIONS_SENDER } from '../support/teacher-harness';
import {
  COURSE,
  linkRequest,
  NO_CHOICES,
  setUpTeacherBackground,
  snapshot,
} from './teacher-background';

const scene = setUpTeacherBackground();
const WRITES = new Set(['PUT', 'DELETE']);

async function connectedHarness(): Promise<Harness> {
  const h = createHarness(scene.sis, { keepHostAccess: true });
  await h.connect();
  await h.ask('linkClass', linkRequest());
  return h;
}

/** Starts an export whose requests each take `latencyMs`, and waits until `landed` writes did. */
async function exportInFlight(h: Harness, landed: number) {
  scene.sis.setFaults({ latencyMs: 25 });
  scene.sis.requestLog.clear();
  const started = await h.ask<ReplyOf<'startExport'>>('startExport', {
    courseId: COURSE,
    snapshot: snapshot(),
    choices: NO_CHOICES,
  });
  const writes = () => scene.sis.requestLog.entries.filter((e) => WRITES.has(e.method)).length;
  while (writes() < landed) await new Promise((resolve) => setTimeout(resolve, 5));
  return started;
}

const disconnect = (h: Harness, deleteGradeData: boolean) =>
  h.send('disconnect', { deleteGradeData }, OPTIONS_SENDER);

describe('Disconnect while an export runs, the host permission kept', () => {
  it('stops it at once: no write arrives after Disconnect answers, and it is recorded as stopped', async () => {
    const h = await connectedHarness();
    try {
      const started = await exportInFlight(h, 3);
      expect(await disconnect(h, false)).toMatchObject({
        ok: true,
        data: { hostAccessRevoked: false, gradeDataDeleted: false },
      });
      const sentBeforeAnswer = h.sent.length;
      expect(h.granted.has(scene.sis.origin)).toBe(true);
      // Longer than any request takes: whatever was still coming would have arrived.
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Nothing was sent once Disconnect answered: counted where the background sends, since the
      // sandbox shares this process's event loop and may log a request that was sent (and
      // aborted) before the answer only after it.
      expect(h.sent.slice(sentBeforeAnswer)).toEqual([]);
      const sent = scene.sis.requestLog.entries.filter((e) => WRITES.has(e.method)).length;
      expect(sent).toBeLessThan(started.operations);

      const state = await h.ask<ReplyOf<'getPanelState'>>('getPanelState', { courseId: COURSE });
      expect(state.export.running).toBe(false);
      expect(state.history[0]).toMatchObject({
        exportId: started.exportId,
        state: 'stopped',
        stopMessage: expect.stringContaining('an administrator disconnected the SIS'),
      });
      expect(state.history[0]?.pending).toBeGreaterThan(0);
      // Kept to continue after a reconnect (the admin did not ask to delete grades).
      expect(await h.runtime.store.load(COURSE)).toMatchObject({
        state: 'stopped',
        stop: { code: 'disconnected' },
      });
      expect(h.runtime.keepAlive.active).toBe(false);
    } finally {
      scene.sis.setFaults({ latencyMs: 0 });
    }
  });

  it('leaves no client made before it usable: not the cached one, not one from settings read before', async () => {
    const h = await connectedHarness();
    const settings = await h.runtime.sis.allowedSettings();
    const session = await h.runtime.sis.sessionFor(settings);
    const staleSettings = await h.runtime.sis.allowedSettings();
    expect(await disconnect(h, false)).toMatchObject({ ok: true });

    scene.sis.requestLog.clear();
    await expect(session.client.findTeachersByEmail(scene.sis.teacherEmail)).rejects.toThrow();
    await expect(h.runtime.sis.sessionFor(staleSettings)).rejects.toMatchObject({
      code: 'not-connected',
    });
    expect(scene.sis.requestLog.entries).toEqual([]);
    // Connected again with the very same settings: a new client, not the old one.
    await h.connect();
    const again = await h.runtime.sis.sessionFor(await h.runtime.sis.allowedSettings());
    expect(again).not.toBe(session);
    expect(await again.client.findTeachersByEmail(scene.sis.teacherEmail)).toHaveLength(1);
  });
});

describe('the grades kept in this browser, by the admin’s choice at Disconnect', () => {
  /** One finished export (grades in the history) and one stopped by Disconnect (a journal). */
  async function gradesKept(h: Harness) {
    await h.ask('startExport', { courseId: COURSE, snapshot: snapshot(), choices: NO_CHOICES });
    await h.waitForExport(COURSE);
    expect(Object.keys((await readExportHistory(COURSE)).previousResults).length).toBeGreaterThan(
      0,
    );
  }

  it.each([
    [false, 'keeps them'],
    [true, 'deletes them'],
  ])(
    'deleteGradeData %s %s; class links and summaries stay either way',
    async (deleteGradeData) => {
      const h = await connectedHarness();
      try {
        await gradesKept(h);
        scene.sis.data.results.clear();
        // A journal this version cannot read may hold grades all the same.
        await fakeBrowser.storage.local.set({ 'exportJournal:999': { grades: [{ score: 7 }] } });
        await exportInFlight(h, 1);
        expect(await disconnect(h, deleteGradeData)).toMatchObject({
          ok: true,
          data: { gradeDataDeleted: deleteGradeData },
        });
        const history = await readExportHistory(COURSE);
        const journal = await h.runtime.store.load(COURSE);
        if (deleteGradeData) {
          expect(journal).toBeUndefined();
          expect(await fakeBrowser.storage.local.get('exportJournal:999')).toEqual({});
          expect(await h.runtime.store.sweep()).toEqual([]);
          expect(history.previousResults).toEqual({});
          expect(history.pending).toBeUndefined();
        } else {
          expect(journal?.state).toBe('stopped');
          expect(await fakeBrowser.storage.local.get('exportJournal:999')).not.toEqual({});
          expect(Object.keys(history.previousResults).length).toBeGreaterThan(0);
        }
        // Summaries (counts, no grades) and the class link stay.
        expect(history.summaries.map((s) => s.state)).toEqual(['stopped', 'completed']);
        await h.connect();
        const state = await h.ask<ReplyOf<'getPanelState'>>('getPanelState', { courseId: COURSE });
        expect(state.link?.sisClassId).toBe(linkRequest().sisClassId);
        if (deleteGradeData) {
          expect(JSON.stringify(await readExportHistory(COURSE))).not.toContain('"score"');
        }
      } finally {
        scene.sis.setFaults({ latencyMs: 0 });
      }
    },
  );
});
