/**
 * A class link made under one OneRoster version while the connection now speaks another (the
 * admin switched it): the next preview carries the link over — the class kept, the teacher found
 * again by email, a manual match whose id the SIS no longer knows re-found by email — and says
 * so; the export after it writes to the same line items and results (no duplicates) and clears
 * the notice. The sandbox speaks 1.1, so the stored link plays the other version's (the carry-over
 * does not depend on the direction).
 */
import { describe, expect, it } from 'vitest';
import { createJournal } from '@/lib/export/journal';
import { lineItemIdFor } from '@/lib/export/plan';
import type { ReplyOf } from '@/lib/messaging/replies';
import { getClassLink, saveClassLink } from '@/lib/settings/class-links';
import { sandboxRoster } from '../support/sandbox-snapshot';
import {
  COURSE,
  linkRequest,
  NO_CHOICES,
  setUpTeacherBackground,
  snapshot,
  teacherId,
} from './teacher-background';

const scene = setUpTeacherBackground();

describe('a link made under another OneRoster version', () => {
  it('is carried over at the next preview, and the export after it duplicates nothing', async () => {
    await scene.h.connect();
    await scene.h.ask('linkClass', linkRequest());
    expect((await getClassLink(COURSE))?.version).toBe('1.1');
    const request = { courseId: COURSE, snapshot: snapshot(), choices: NO_CHOICES };
    await scene.h.ask('startExport', request);
    await scene.h.waitForExport(COURSE);
    const lineItems = scene.sis.data.lineItems.size;
    const results = scene.sis.data.results.size;
    expect(lineItems).toBe(1);
    expect(results).toBeGreaterThan(1);

    // As stored under the other version: other user ids for the teacher and a manual match.
    const stored = await getClassLink(COURSE);
    if (!stored) throw new Error('not linked');
    const roster = sandboxRoster(scene.sis, scene.classId);
    await saveClassLink(COURSE, {
      ...stored,
      version: '1.2',
      teacherSourcedId: 'guid-of-the-teacher',
      studentMatches: { 'id:1': 'guid-of-student-1', 'id:2': null },
    });

    const preview = await scene.h.ask<ReplyOf<'previewExport'>>('previewExport', request);
    expect(preview.carriedOver).toMatchObject({
      from: '1.2',
      to: '1.1',
      students: { byLegacyId: 0, byEmail: roster.length - 1, lost: 0 },
      lineItems: 1,
    });
    // Everything exported before is in the SIS already: nothing to create.
    expect(preview.totals.lineItems).toMatchObject({ create: 0, unchanged: 1 });
    expect(preview.totals.results).toMatchObject({ create: 0, update: 0 });
    const carried = await getClassLink(COURSE);
    expect(carried).toMatchObject({
      version: '1.1',
      teacherSourcedId: teacherId(),
      studentMatches: { 'id:1': roster[1]?.sourcedId, 'id:2': null },
    });
    const state = await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
    });
    expect(state.link?.carriedOver).toEqual(preview.carriedOver);

    // A changed grade goes out as an update of the same result; the notice goes with the export.
    const changed = { ...request, snapshot: snapshot() };
    const first = changed.snapshot.grades[0];
    if (first) first.score = 9;
    await scene.h.ask('startExport', changed);
    const after = await scene.h.waitForExport(COURSE);
    expect(scene.sis.data.lineItems.size).toBe(lineItems);
    expect(scene.sis.data.results.size).toBe(results);
    expect(after.history[0]).toMatchObject({ created: 0, updated: 1 });
    expect(after.link?.carriedOver).toBeUndefined();
    expect((await getClassLink(COURSE))?.carriedOver).toBeUndefined();
  });

  it('leaves an export planned under the other version to the next export, not the resume pass', async () => {
    await scene.h.connect();
    await scene.h.ask('linkClass', linkRequest());
    const id = lineItemIdFor(COURSE, '1');
    const journal = createJournal({
      exportId: 'left-by-a-stopped-worker',
      courseId: COURSE,
      sisClassId: scene.classId,
      operations: [
        {
          kind: 'put-line-item',
          id,
          courseworkId: '1',
          lineItem: {
            sourcedId: id,
            title: 'Essay',
            assignDate: '2026-03-01T00:00:00.000Z',
            dueDate: '2026-03-08T00:00:00.000Z',
            class: { sourcedId: scene.classId },
            resultValueMin: 0,
            resultValueMax: 10,
          },
        },
      ],
      now: Date.now(),
    });
    await scene.h.runtime.store.save(journal);
    const stored = await getClassLink(COURSE);
    if (!stored) throw new Error('not linked');
    await saveClassLink(COURSE, { ...stored, version: '1.2' });
    expect(await scene.h.runtime.resumeUnfinished()).toEqual([]);
    expect(scene.sis.data.lineItems.size).toBe(0);
    // Nor once a preview has carried the link over to the connection's version since.
    const carriedOver = {
      from: '1.2',
      to: '1.1',
      at: new Date(Date.now() + 1000).toISOString(),
      students: { byLegacyId: 0, byEmail: 0, lost: 0 },
      lineItems: 0,
    } as const;
    await saveClassLink(COURSE, { ...stored, carriedOver });
    expect(await scene.h.runtime.resumeUnfinished()).toEqual([]);
    expect(scene.sis.data.lineItems.size).toBe(0);
    // Under the connection's own version it is resumed as before.
    await saveClassLink(COURSE, stored);
    expect(await scene.h.runtime.resumeUnfinished()).toEqual([COURSE]);
    await scene.h.waitForExport(COURSE);
    expect(scene.sis.data.lineItems.size).toBe(1);
  });
});
