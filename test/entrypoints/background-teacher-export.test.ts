/**
 * Manual student matches, previews and exports through the panel's messages: matches only to
 * students of the SIS class, no plan from a page whose grades were not read, one export per
 * class at a time, progress while it runs, and cancel.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplyOf } from '@/lib/messaging/replies';
import { sandboxRoster } from '../support/sandbox-snapshot';
import {
  COURSE,
  errorOf,
  linkRequest,
  NO_CHOICES,
  OTHER_COURSE,
  setUpTeacherBackground,
  snapshot,
} from './teacher-background';

const scene = setUpTeacherBackground();

describe('matching, previewing, exporting', () => {
  beforeEach(async () => {
    await scene.h.connect();
    await scene.h.ask('linkClass', linkRequest());
  });

  it('stores a manual match only for a student of the SIS class, and the preview uses it', async () => {
    const roster = sandboxRoster(scene.sis, scene.classId);
    const stranger = [...scene.sis.data.users.values()].find(
      (u) => u.role === 'student' && !roster.some((s) => s.sourcedId === u.sourcedId),
    );
    expect(
      await errorOf('setStudentMatch', {
        courseId: COURSE,
        studentKey: 'id:0',
        sisStudentId: stranger?.sourcedId,
      }),
    ).toMatchObject({
      code: 'student-not-in-class',
    });
    // id:0's SIS student picked for id:1: it is taken from nobody else, and id:0 loses its match.
    const picked = roster[0]?.sourcedId ?? '';
    expect(
      await scene.h.ask('setStudentMatch', {
        courseId: COURSE,
        studentKey: 'id:1',
        sisStudentId: picked,
      }),
    ).toEqual({
      matches: { 'id:1': picked },
    });
    const preview = await scene.h.ask<ReplyOf<'previewExport'>>('previewExport', {
      courseId: COURSE,
      snapshot: snapshot(),
      choices: NO_CHOICES,
    });
    expect(preview.students.matched).toContainEqual({
      key: 'id:1',
      sisStudentId: picked,
      by: 'manual',
    });
    expect(preview.students.unmatched).toContainEqual(expect.objectContaining({ key: 'id:0' }));
  });

  it('takes a manual match back, so email and name match the students again', async () => {
    const roster = sandboxRoster(scene.sis, scene.classId);
    const preview = () =>
      scene.h.ask<ReplyOf<'previewExport'>>('previewExport', {
        courseId: COURSE,
        snapshot: snapshot(),
        choices: NO_CHOICES,
      });
    const automatic = (await preview()).students.matched;
    await scene.h.ask('setStudentMatch', {
      courseId: COURSE,
      studentKey: 'id:1',
      sisStudentId: roster[0]?.sourcedId,
    });
    await scene.h.ask('setStudentMatch', {
      courseId: COURSE,
      studentKey: 'id:2',
      sisStudentId: null,
    });

    expect(
      await scene.h.ask('resetStudentMatch', { courseId: COURSE, studentKey: 'id:1' }),
    ).toEqual({ matches: { 'id:2': null } });
    expect(
      await scene.h.ask('resetStudentMatch', { courseId: COURSE, studentKey: 'id:2' }),
    ).toEqual({ matches: {} });
    expect((await preview()).students.matched).toEqual(automatic);
  });

  it.each([
    ['from the start', 0],
    ['mid-export', 1],
  ])(
    'stops an export whose journal cannot be saved %s, and sums up exactly what was sent',
    async (_name, landing) => {
      const store = scene.h.runtime.store;
      const save = store.save;
      let saves = 0;
      store.save = async (journal) => {
        if (++saves > landing) throw new Error('QUOTA_BYTES quota exceeded');
        await save(journal);
      };
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      scene.sis.setFaults({ latencyMs: 5 });
      scene.sis.requestLog.clear();
      try {
        const started = await scene.h.ask<ReplyOf<'startExport'>>('startExport', {
          courseId: COURSE,
          snapshot: snapshot(),
          choices: NO_CHOICES,
        });
        const state = await scene.h.waitForExport(COURSE);
        const puts = scene.sis.requestLog.entries.filter((e) => e.method === 'PUT').length;
        expect(state.history[0]).toMatchObject({
          exportId: started.exportId,
          state: 'stopped',
          created: puts,
          pending: started.operations - puts,
        });
        // Says what is too large, not "export again" (which would fail the same way).
        expect(state.history[0]?.stopMessage).toMatch(
          landing === 0
            ? new RegExp(
                `^This export is too large .* its ${started.operations} writes \\(about \\d+ KB\\), .* so nothing was sent\\.`,
              )
            : /^This export grew too large .* so nothing more was sent\./,
        );
        if (landing === 0) expect(puts).toBe(0);
        expect(puts).toBeLessThan(started.operations);
        // The stored journal lags behind what was sent: it is dropped, and a new export (which
        // reads the SIS) continues instead of a resume of that copy.
        expect(await store.load(COURSE)).toBeUndefined();
        expect(state.export).toEqual({ running: false, resumable: false, resuming: false });
      } finally {
        store.save = save;
        scene.sis.setFaults({ latencyMs: 0 });
        error.mockRestore();
      }
    },
  );

  it('refuses to plan from a page whose grades were not read (it would delete them all)', async () => {
    scene.sis.requestLog.clear();
    for (const type of ['previewExport', 'startExport']) {
      expect(
        await errorOf(type, { courseId: COURSE, snapshot: snapshot(false), choices: NO_CHOICES }),
      ).toMatchObject({
        code: 'gradebook-not-read',
      });
    }
    expect(scene.sis.requestLog.entries).toEqual([]);
  });

  it('rejects a snapshot of another class, even from the right page', async () => {
    const other = { ...snapshot(), course: { ...snapshot().course, courseId: OTHER_COURSE } };
    expect(
      await errorOf('previewExport', { courseId: COURSE, snapshot: other, choices: NO_CHOICES }),
    ).toMatchObject({
      code: 'invalid-request',
    });
  });

  it('refuses a second export while one runs, reports progress, and cancels', async () => {
    scene.sis.setFaults({ latencyMs: 30 });
    try {
      const started = await scene.h.ask<ReplyOf<'startExport'>>('startExport', {
        courseId: COURSE,
        snapshot: snapshot(),
        choices: NO_CHOICES,
      });
      expect(started.operations).toBeGreaterThan(10);
      expect(
        await errorOf('startExport', {
          courseId: COURSE,
          snapshot: snapshot(),
          choices: NO_CHOICES,
        }),
      ).toMatchObject({
        code: 'export-running',
      });
      expect(await errorOf('unlinkClass', { courseId: COURSE })).toMatchObject({
        code: 'export-running',
      });
      expect(scene.h.runtime.keepAlive.active).toBe(true);
      let state = await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
        courseId: COURSE,
      });
      while (!state.export.progress) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        state = await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', { courseId: COURSE });
      }
      expect(state.export).toMatchObject({
        running: true,
        resumable: false,
        progress: { total: expect.any(Number) },
      });

      expect(await scene.h.ask('cancelExport', { courseId: COURSE })).toEqual({ cancelled: true });
      state = await scene.h.waitForExport(COURSE);
      expect(state.export).toEqual({ running: false, resumable: true, resuming: false });
      expect(state.history[0]).toMatchObject({ exportId: started.exportId, state: 'cancelled' });
      expect(scene.h.runtime.keepAlive.active).toBe(false);
    } finally {
      scene.sis.setFaults({ latencyMs: 0 });
    }
  });
});
