/**
 * A class linked under OneRoster 1.1, after the admin moved the connection to 1.2: the link is
 * carried over in storage (class kept, teacher and manual student matches re-found by legacy id
 * or email, our line items found by their ids) and says what it found, without duplicates.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lineItemIdFor } from '@/lib/export/plan';
import { type ClassLink, getClassLink, saveClassLink } from '@/lib/settings/class-links';
import { createSisSession } from '@/lib/teacher/sis-session';
import { carryOverLink, isLegacyOf, needsCarryOver } from '@/lib/teacher/version-switch';
import { clientFor, json, paged } from '../oneroster/fake-sis';

const COURSE = '123456789';
const NOW = new Date('2026-03-01T10:00:00.000Z');

const LINK_11: ClassLink = {
  sisClassId: 'class-1',
  title: 'Math 7',
  termIds: ['term-1'],
  termTitles: ['Fall'],
  teacherSourcedId: 't+9',
  teacherEmail: 'teacher@school.org',
  linkedAt: '2026-01-01T00:00:00.000Z',
  studentMatches: { 'id:1': 's+101', 'id:2': 's+102', 'id:3': null, 'id:4': 's+104' },
  choices: { excludedCoursework: [], categories: { '11': 'cat-1' } },
};

const SNAPSHOT = {
  students: [
    { key: 'id:1', name: 'Ann', email: 'ann.home@gmail.com' },
    { key: 'id:2', name: 'Bob', email: 'bob@school.org' },
    { key: 'id:3', name: 'Cas' },
    { key: 'id:4', name: 'Dee', email: 'dee@elsewhere.org' },
    { key: 'id:5', name: 'Eve', email: 'EVE@school.org' },
  ],
  coursework: [{ id: '11' }, { id: '12' }],
};

/** The class as a 1.2 SIS shows it: new user GUIDs, the 1.1 id in metadata for some. */
function sis12(lineItems: unknown[]) {
  const { client, requests } = clientFor({
    'GET /teachers': paged('users', [
      { sourcedId: 'guid-t', email: 'teacher@school.org', roles: [{ role: 'teacher' }] },
    ]),
    'GET /classes/class-1': () =>
      json({
        class: {
          sourcedId: 'class-1',
          title: 'Math 7',
          terms: [{ sourcedId: 'term-1' }],
          school: { sourcedId: 'school-1' },
        },
      }),
    'GET /classes/class-1/students': paged('users', [
      { sourcedId: 'guid-1', email: 'ann@school.org', metadata: { ic: { legacysourceId: '101' } } },
      { sourcedId: 'guid-2', email: 'bob@school.org' },
      { sourcedId: 'guid-5', email: 'eve@school.org' },
    ]),
    'GET /classes/class-1/lineItems': paged('lineItems', lineItems),
  });
  const session = createSisSession(client, {}, { version: '1.2', partner: 'infinite-campus' });
  return { session, requests };
}

const ours = (courseworkId: string) => ({
  sourcedId: lineItemIdFor(COURSE, courseworkId),
  title: `Item ${courseworkId}`,
  class: { sourcedId: 'class-1' },
});

beforeEach(() => {
  fakeBrowser.reset();
});

describe('carrying a class link over from 1.1 to 1.2', () => {
  it('is needed only when the link’s version differs from the connection’s', () => {
    const { session } = sis12([]);
    expect(needsCarryOver(LINK_11, session)).toBe(true);
    expect(needsCarryOver({ ...LINK_11, version: '1.2' }, session)).toBe(false);
    expect(needsCarryOver({ version: '1.1' }, createSisSession(session.client))).toBe(false);
  });

  it('re-finds the teacher and manual matches, counts our line items, and stores the report', async () => {
    await saveClassLink(COURSE, LINK_11);
    const { session } = sis12([ours('11'), ours('99'), { ...ours('12'), status: 'tobedeleted' }]);
    const carried = await carryOverLink(session, COURSE, LINK_11, SNAPSHOT, NOW);
    const stored = await getClassLink(COURSE);
    expect(stored).toEqual(carried);
    expect(carried).toEqual({
      ...LINK_11,
      version: '1.2',
      teacherSourcedId: 'guid-t',
      // Ann by her legacy id (her emails differ), Bob by email, Cas stays "no SIS record",
      // Dee is found neither way and is matched again.
      studentMatches: { 'id:1': 'guid-1', 'id:2': 'guid-2', 'id:3': null },
      carriedOver: {
        from: '1.1',
        to: '1.2',
        at: NOW.toISOString(),
        // By email: Bob (a manual match) and Eve (an automatic one, case aside).
        students: { byLegacyId: 1, byEmail: 2, lost: 1 },
        // cw 11 only: 99 is not this class's coursework, 12's line item is being deleted.
        lineItems: 1,
      },
    });
  });

  it('keeps matches whose ids the SIS kept across the switch', async () => {
    await saveClassLink(COURSE, LINK_11);
    const { session } = sis12([]);
    const kept = { ...LINK_11, studentMatches: { 'id:4': 'guid-5', 'id:3': null } };
    const carried = await carryOverLink(session, COURSE, kept, SNAPSHOT, NOW);
    expect(carried.studentMatches).toEqual({ 'id:4': 'guid-5', 'id:3': null });
    // Dee by her kept id; Bob and Eve by email (Ann's Classroom email is not the SIS's).
    expect(carried.carriedOver?.students).toEqual({ byLegacyId: 1, byEmail: 2, lost: 0 });
  });

  it('refuses, translated, when the SIS no longer shows the class', async () => {
    await saveClassLink(COURSE, LINK_11);
    const { session } = sis12([]);
    const gone = { ...LINK_11, sisClassId: 'class-gone' };
    await expect(carryOverLink(session, COURSE, gone, SNAPSHOT, NOW)).rejects.toMatchObject({
      code: 'link-lost',
      message: expect.stringContaining('switch to OneRoster 1.2'),
    });
    expect(await getClassLink(COURSE)).toEqual(LINK_11);
  });

  it('does not overwrite a link relinked meanwhile', async () => {
    const relinked = { ...LINK_11, sisClassId: 'class-2', version: '1.2' as const };
    await saveClassLink(COURSE, relinked);
    const { session } = sis12([]);
    await carryOverLink(session, COURSE, LINK_11, SNAPSHOT, NOW);
    expect(await getClassLink(COURSE)).toEqual(relinked);
  });
});

describe('legacy ids', () => {
  it('matches the 1.1 id with or without its role prefix, not another id ending alike', () => {
    expect(isLegacyOf('101', '101')).toBe(true);
    expect(isLegacyOf('s+101', '101')).toBe(true);
    expect(isLegacyOf('1101', '101')).toBe(false);
    expect(isLegacyOf('s+1101', '101')).toBe(false);
  });
});
