/**
 * An admin switches a connection from OneRoster 1.1 to 1.2 on the same SIS (the sandbox serves
 * one district over both, as Infinite Campus does): the 1.2 service re-keys every user (new
 * GUIDs, the 1.1 id kept as `metadata.ic.legacysourceId`) while line items and results keep the
 * ids they were written with. The class link is carried over, the teacher's manual match is
 * found again by its legacy id, and the exports after the switch — and after a disconnect and a
 * reconnect on 1.2 with the locally kept grades deleted — update the results written over 1.1
 * instead of creating a second result for any (line item, student).
 */
import { describe, expect, it } from 'vitest';
import { lineItemIdFor, resultIdFor } from '@/lib/export/plan';
import type { ReplyOf } from '@/lib/messaging/replies';
import { getClassLink } from '@/lib/settings/class-links';
import { OPTIONS_SENDER, panelSender } from '../support/teacher-harness';
import {
  COURSE,
  COURSEWORK,
  exportNow,
  linkClass,
  NO_CHOICES,
  setUpTeacherScene,
  snapshot,
} from './teacher-scene';

const scene = setUpTeacherScene();

/** Every (line item, student) of the class has at most one result, and how many there are. */
function resultsPerPair() {
  const { sis, classId } = scene;
  const pairs = new Map<string, number>();
  for (const r of sis.inspect.results(classId)) {
    const key = `${r.lineItem.sourcedId}/${r.student.sourcedId}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  return pairs;
}

describe('switching a connection from OneRoster 1.1 to 1.2', () => {
  it('carries the class over and never duplicates a line item or a result', async () => {
    const { sis, h, classId, roster } = scene;
    await linkClass('oauth2');
    // The first Classroom student is shown by name only: the teacher matches them by hand.
    await h.ask('setStudentMatch', {
      courseId: COURSE,
      studentKey: 'id:100',
      sisStudentId: roster[0]?.sourcedId ?? '',
    });
    const first = await exportNow(snapshot());
    expect(first.summary).toMatchObject({ failed: [] });
    const lineItems = sis.inspect.lineItems(classId).length;
    const results = sis.inspect.results(classId).length;
    expect(lineItems).toBe(COURSEWORK.filter((cw) => cw.maxPoints !== null).length);
    expect(results).toBeGreaterThan(lineItems);
    expect((await getClassLink(COURSE))?.version).toBe('1.1');

    await h.connectV1p2();
    sis.requestLog.clear();
    const preview = await h.ask<ReplyOf<'previewExport'>>('previewExport', {
      courseId: COURSE,
      snapshot: snapshot(),
      choices: NO_CHOICES,
    });
    // Every API request went to the 1.2 service (the others are token requests).
    const api = sis.requestLog.entries.filter((e) => e.version !== undefined);
    expect(new Set(api.map((e) => e.version))).toEqual(new Set(['1.2']));
    expect(preview.carriedOver).toMatchObject({
      from: '1.1',
      to: '1.2',
      students: { byLegacyId: 1, lost: 0 },
      lineItems,
    });
    expect(preview.totals.lineItems.create).toBe(0);
    expect(preview.totals.results.create).toBe(0);
    const link = await getClassLink(COURSE);
    expect(link?.version).toBe('1.2');
    const guid = sis.inspect.userGuid(roster[0]?.sourcedId ?? '');
    expect(link?.studentMatches['id:100']).toBe(guid);
    expect(link?.teacherSourcedId).toBe(sis.inspect.userGuid(sis.data.defaultTeacherId));

    // A grade changed after the switch updates the result written over 1.1, under its 1.1 id.
    const changed = snapshot({ '2002/1': { state: 'returned', score: 10 } });
    const second = await exportNow(changed);
    expect(second.summary).toMatchObject({ created: 0, failed: [] });
    expect(second.summary?.updated).toBeGreaterThanOrEqual(1);
    const quiz = lineItemIdFor(COURSE, '2002');
    const student = roster[1]?.sourcedId ?? '';
    expect(sis.data.results.get(resultIdFor(quiz, student))?.score).toBe(10);
    expect(sis.inspect.resultsFor(quiz, guid)).toHaveLength(1);
    expect(sis.inspect.lineItems(classId)).toHaveLength(lineItems);
    expect(sis.inspect.results(classId)).toHaveLength(results);
    expect(Math.max(...resultsPerPair().values())).toBe(1);
    expect((await getClassLink(COURSE))?.carriedOver).toBeUndefined();

    // Disconnect (deleting the grades kept in this browser) and reconnect on 1.2: the SIS's own
    // listing is all that is left to find the results by, and it is enough.
    const off = await h.send('disconnect', { deleteGradeData: true }, OPTIONS_SENDER);
    expect(off).toMatchObject({ ok: true });
    await h.connectV1p2();
    const again = await exportNow(snapshot({ '2002/1': { state: 'returned', score: 9 } }));
    expect(again.summary).toMatchObject({ created: 0, updated: 1, deleted: 0, failed: [] });
    expect(sis.data.results.get(resultIdFor(quiz, student))?.score).toBe(9);
    expect(sis.inspect.lineItems(classId)).toHaveLength(lineItems);
    expect(sis.inspect.results(classId)).toHaveLength(results);
    expect(Math.max(...resultsPerPair().values())).toBe(1);
  });

  it('reads the results line item by line item where the SIS has no class-wide listing, and refuses when it has neither', async () => {
    const refused = { classWide: false, perLineItem: false };
    const unlisted = (url: string) =>
      (refused.classWide && /\/gradebook\/v1p2\/classes\/[^/]+\/results(\?|$)/.test(url)) ||
      (refused.perLineItem && /\/lineItems\/[^/]+\/results(\?|$)/.test(url));
    scene.restart({
      fetch: (input, init) =>
        unlisted(String(input))
          ? Promise.resolve(new Response('Not Found', { status: 404 }))
          : fetch(input, init),
    });
    const { sis, h, classId } = scene;
    await linkClass('oauth2');
    await exportNow(snapshot());
    const results = sis.inspect.results(classId).length;
    await h.connectV1p2();
    const ask = { courseId: COURSE, snapshot: snapshot(), choices: NO_CHOICES };

    refused.classWide = true;
    refused.perLineItem = true;
    const blind = await h.send('previewExport', ask, panelSender(COURSE));
    expect(blind).toMatchObject({ ok: false, error: { code: 'results-unlisted' } });

    refused.perLineItem = false;
    const preview = await h.ask<ReplyOf<'previewExport'>>('previewExport', ask);
    expect(preview.totals.results.create).toBe(0);
    const after = await exportNow(snapshot({ '2002/1': { state: 'returned', score: 10 } }));
    expect(after.summary).toMatchObject({ created: 0, updated: 1, failed: [] });
    expect(sis.inspect.results(classId)).toHaveLength(results);
    expect(Math.max(...resultsPerPair().values())).toBe(1);
  });
});
