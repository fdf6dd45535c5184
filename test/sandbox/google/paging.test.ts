/**
 * Paging as Classroom documents it: pageSize/pageToken, no nextPageToken on the last page, a token
 * only valid with otherwise identical parameters, the students default of 30 and the fake's cap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGoogle,
  generateFakeCourse,
  MAX_PAGE_SIZE,
  STUDENTS_DEFAULT_PAGE_SIZE,
  startFakeGoogle,
} from '../../../sandbox/google/index.ts';
import { api, tokenFor } from './google-client.ts';

let google: FakeGoogle;
let token: string;
const C = '/v1/courses/77';
beforeAll(async () => {
  google = await startFakeGoogle({
    courses: [generateFakeCourse({ id: '77', students: 40, coursework: 120, seed: 3 })],
  });
  token = await tokenFor(google);
});
afterAll(() => google.close());

async function all(
  path: string,
  key: 'students' | 'courseWork' | 'studentSubmissions',
  query: Record<string, string>,
) {
  const pages: number[] = [];
  const ids: string[] = [];
  let pageToken: string | undefined;
  do {
    const { status, body } = await api(google, token, path, {
      ...query,
      ...(pageToken && { pageToken }),
    });
    expect(status).toBe(200);
    const items = (body[key] ?? []) as Array<{
      userId?: string;
      id?: string;
      courseWorkId?: string;
    }>;
    pages.push(items.length);
    ids.push(...items.map((i) => `${i.courseWorkId ?? ''}/${i.id ?? i.userId}`));
    pageToken = body.nextPageToken;
  } while (pageToken);
  return { pages, ids };
}

describe('paging', () => {
  it('students: three pages of 15, 15 and 10; the last has no nextPageToken', async () => {
    const { pages, ids } = await all(`${C}/students`, 'students', { pageSize: '15' });
    expect(pages).toEqual([15, 15, 10]);
    expect(new Set(ids).size).toBe(40);
  });

  it('students default to 30 a page; 0 means the default', async () => {
    expect(STUDENTS_DEFAULT_PAGE_SIZE).toBe(30);
    expect((await all(`${C}/students`, 'students', {})).pages).toEqual([30, 10]);
    expect((await all(`${C}/students`, 'students', { pageSize: '0' })).pages).toEqual([30, 10]);
  });

  it(`courseWork pages are capped at ${MAX_PAGE_SIZE}`, async () => {
    const { pages, ids } = await all(`${C}/courseWork`, 'courseWork', {
      pageSize: '1000',
      orderBy: 'dueDate asc',
    });
    expect(pages).toEqual([100, 20]);
    expect(new Set(ids).size).toBe(120);
  });

  it('course-wide submissions: every (coursework, student) once across pages', async () => {
    const { pages, ids } = await all(`${C}/courseWork/-/studentSubmissions`, 'studentSubmissions', {
      pageSize: '100',
    });
    expect(pages).toHaveLength(48);
    expect(pages.at(-1)).toBe(100);
    expect(new Set(ids).size).toBe(40 * 120);
  });

  it('a pageToken used with other parameters → 400 INVALID_ARGUMENT', async () => {
    const first = await api(google, token, `${C}/students`, { pageSize: '15' });
    const pageToken = first.body.nextPageToken ?? '';
    expect(pageToken).not.toBe('');
    const same = await api(google, token, `${C}/students`, { pageSize: '15', pageToken });
    expect(same.status).toBe(200);
    const otherSize = await api(google, token, `${C}/students`, { pageSize: '20', pageToken });
    expect(otherSize.status).toBe(400);
    expect(otherSize.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    // Nor on another list.
    const otherList = await api(google, token, `${C}/courseWork`, { pageSize: '15', pageToken });
    expect(otherList.status).toBe(400);
    const cw = await api(google, token, `${C}/courseWork`, {
      pageSize: '10',
      orderBy: 'dueDate asc',
    });
    const otherOrder = await api(google, token, `${C}/courseWork`, {
      pageSize: '10',
      orderBy: 'updateTime desc',
      pageToken: cw.body.nextPageToken ?? '',
    });
    expect(otherOrder.status).toBe(400);
  });

  it('a garbled pageToken or a negative pageSize → 400', async () => {
    expect((await api(google, token, `${C}/students`, { pageToken: 'nonsense' })).status).toBe(400);
    expect((await api(google, token, `${C}/students`, { pageSize: '-1' })).status).toBe(400);
    expect((await api(google, token, `${C}/students`, { pageSize: 'ten' })).status).toBe(400);
  });

  it('orderBy dueDate asc sorts by due date; the default is updateTime desc', async () => {
    const asc = await api(google, token, `${C}/courseWork`, {
      orderBy: 'dueDate asc',
      pageSize: '5',
    });
    const due = (asc.body.courseWork ?? []).map((cw) =>
      Date.UTC(cw.dueDate?.year ?? 0, (cw.dueDate?.month ?? 1) - 1, cw.dueDate?.day ?? 0),
    );
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const byUpdate = await api(google, token, `${C}/courseWork`, { pageSize: '5' });
    const updates = (byUpdate.body.courseWork ?? []).map((cw) => Date.parse(cw.updateTime));
    expect(updates).toEqual([...updates].sort((a, b) => b - a));
    expect(updates[0]).toBeGreaterThan(updates[4] ?? Number.POSITIVE_INFINITY);
  });
});
