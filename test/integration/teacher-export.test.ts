/**
 * Issue #6's "Done when" against the sandbox SIS, through the background's real message router:
 * the scene's class is linked, previewed and exported, and the SIS must then hold exactly the
 * expected line items and results, field by field; a second export writes nothing; 3 changed
 * grades are 3 PUTs and a removed grade is one DELETE. (Faults, reconnect and resume:
 * teacher-export-resilience.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Preview } from '@/lib/messaging/replies';
import {
  COURSE,
  expectedState,
  expectSisToHold,
  exportNow,
  linkClass,
  NO_CHOICES,
  setUpTeacherScene,
  snapshot,
  writes,
} from './teacher-scene';

const scene = setUpTeacherScene();

describe('teacher export against the sandbox SIS', () => {
  it('links, previews and exports exactly the expected line items and results', async () => {
    const link = await linkClass();
    expect(link).toMatchObject({
      sisClassId: scene.classId,
      termTitles: ['Fall 2025', 'Spring 2026'],
    });

    const snap = snapshot();
    const preview = await scene.h.ask<Preview>('previewExport', {
      courseId: COURSE,
      snapshot: snap,
      choices: NO_CHOICES,
    });
    const byId = Object.fromEntries(preview.coursework.map((cw) => [cw.courseworkId, cw]));
    expect(byId['2001']).toMatchObject({
      action: 'create',
      titleCut: true,
      categorySource: 'matched',
      gradingPeriodTitle: 'Quarter 1',
    });
    expect(byId['2002']).toMatchObject({ action: 'create', gradingPeriodTitle: 'Quarter 2' });
    expect(byId['2003']).toMatchObject({ action: 'skip', reason: 'ungraded' });
    expect(byId['2004']).toMatchObject({
      action: 'create',
      categorySource: 'default',
      dueDateDefaulted: true,
    });
    expect(byId['2005']).toMatchObject({ action: 'create', gradingPeriodTitle: 'Quarter 3' });
    const gradeOf = (cw: string, key: string) => byId[cw]?.grades.find((g) => g.studentKey === key);
    expect(gradeOf('2001', 'id:102')).toMatchObject({ action: 'skip', reason: 'missing' });
    expect(gradeOf('2001', 'id:103')).toMatchObject({ action: 'skip', reason: 'draft' });
    expect(gradeOf('2001', 'id:101')).toMatchObject({ action: 'create', score: 105 });
    expect(gradeOf('2001', 'id:999')).toMatchObject({ action: 'skip', reason: 'unmatched' });
    expect(preview.students.matched).toContainEqual({
      key: 'id:100',
      sisStudentId: scene.roster[0]?.sourcedId,
      by: 'name',
    });
    expect(preview.students.matched.filter((m) => m.by === 'email')).toHaveLength(
      scene.roster.length - 1,
    );
    expect(preview.students.unmatched).toEqual([
      { key: 'id:999', reason: 'no-match', candidates: [] },
    ]);
    expect(preview.students.sisStudents).toContainEqual(
      expect.objectContaining({ name: 'Zoë Müller' }),
    );
    expect(preview.categories.map((c) => c.title).sort()).toEqual([
      'Homework',
      'Projects',
      'Quizzes',
      'Tests',
    ]);
    expect(writes()).toEqual([]); // a preview sends nothing

    const want = expectedState(snap);
    expect(preview.operations).toBe(want.lineItems.length + want.results.length);
    const { started, summary, state } = await exportNow(snap);
    expect(started.operations).toBe(preview.operations);
    expect(summary).toMatchObject({
      state: 'completed',
      created: preview.operations,
      updated: 0,
      deleted: 0,
      failed: [],
    });
    expect(Object.keys(state.lastExported).sort()).toEqual(['2001', '2002', '2004', '2005']);
    expect(state.link?.choices).toEqual(NO_CHOICES);
    expectSisToHold(snap);
    // Its journal (about 0.6 KB a grade) is gone once the history holds the outcome; the next
    // exports below plan from the history alone.
    expect(await scene.h.runtime.store.load(COURSE)).toBeUndefined();
    expect(state.export).toEqual({ running: false, resumable: false, resuming: false });
  });
  it('sends no write at all when nothing changed', async () => {
    await linkClass();
    const snap = snapshot();
    await exportNow(snap);
    scene.sis.requestLog.clear();
    const { started, summary, state } = await exportNow(snap);
    expect(started.operations).toBe(0);
    expect(writes()).toEqual([]);
    const want = expectedState(snap);
    expect(summary).toMatchObject({
      state: 'completed',
      created: 0,
      updated: 0,
      unchanged: want.lineItems.length + want.results.length,
    });
    expect(state.history).toHaveLength(2);
  });
  it('sends exactly 3 PUTs for 3 changed grades and one DELETE for a removed grade', async () => {
    await linkClass();
    await exportNow(snapshot());
    scene.sis.requestLog.clear();
    const changed = {
      '2002/5': { state: 'returned', score: 9.5 },
      '2005/7': { state: 'returned', score: 21 },
      '2001/10': { state: 'returned', score: 77 }, // was excused
    } as const;
    const { summary } = await exportNow(snapshot(changed));
    expect(writes().map((e) => e.method)).toEqual(['PUT', 'PUT', 'PUT']);
    expect(summary).toMatchObject({ updated: 3, created: 0, deleted: 0 });

    scene.sis.requestLog.clear();
    const removed = snapshot({ ...changed, '2002/8': { state: 'empty' } });
    const after = await exportNow(removed);
    expect(writes().map((e) => `${e.method} ${e.route}`)).toEqual(['DELETE /results/:id']);
    expect(after.summary).toMatchObject({ deleted: 1, created: 0, updated: 0 });
    expectSisToHold(removed);
  });
});
