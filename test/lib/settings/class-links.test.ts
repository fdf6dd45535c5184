/** Class links: per class, damaged entries dropped one by one, concurrent updates all kept. */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  type ClassLink,
  getClassLink,
  removeClassLink,
  saveClassLink,
  updateClassLink,
} from '@/lib/settings/class-links';
import { withStudentMatch } from '@/lib/teacher/student-match';

const LINK: ClassLink = {
  sisClassId: 'c-1',
  title: 'Biology',
  termIds: [],
  termTitles: [],
  teacherSourcedId: 't-1',
  teacherEmail: 't@example.org',
  linkedAt: '2026-01-01T00:00:00.000Z',
  studentMatches: {},
};

describe('class links', () => {
  it('store one link per class under local:classLinks, and remove one', async () => {
    await saveClassLink('1', LINK);
    await saveClassLink('2', { ...LINK, sisClassId: 'c-2' });
    expect(await getClassLink('2')).toMatchObject({ sisClassId: 'c-2' });
    await removeClassLink('1');
    const { classLinks } = await fakeBrowser.storage.local.get('classLinks');
    expect(Object.keys(classLinks as object)).toEqual(['2']);
  });

  it('drop a damaged entry without losing the others', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({
      classLinks: { '1': LINK, '2': { sisClassId: 42 }, x: LINK },
    });
    expect(await getClassLink('1')).toEqual(LINK);
    expect(warn.mock.calls.map(([text]) => text)).toEqual([
      '[sis-export] ignoring an invalid stored class link (2)',
      '[sis-export] ignoring an invalid stored class link (x)',
    ]);
    expect(await getClassLink('2')).toBeUndefined();
  });

  it('apply updates that arrive together one after the other', async () => {
    await saveClassLink('1', LINK);
    await Promise.all(
      ['id:1', 'id:2', 'id:3'].map((key, i) =>
        updateClassLink(
          '1',
          (link) =>
            link && { ...link, studentMatches: { ...link.studentMatches, [key]: `s-${i}` } },
        ),
      ),
    );
    expect((await getClassLink('1'))?.studentMatches).toEqual({
      'id:1': 's-0',
      'id:2': 's-1',
      'id:3': 's-2',
    });
  });
});

describe('withStudentMatch', () => {
  it('gives an SIS student to one Classroom student only', () => {
    expect(withStudentMatch({ 'id:1': 's-1', 'id:2': null }, 'id:3', 's-1')).toEqual({
      'id:2': null,
      'id:3': 's-1',
    });
    expect(withStudentMatch({ 'id:1': 's-1' }, 'id:1', null)).toEqual({ 'id:1': null });
  });
});
