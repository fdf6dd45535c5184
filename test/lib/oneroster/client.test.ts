import { describe, expect, it } from 'vitest';
import { parseNextLink, parseTotalCount } from '@/lib/oneroster/client';
import { TooManyPagesError } from '@/lib/oneroster/errors';
import { BASE, clientFor, json, paged, type Route } from './fake-sis';
import * as fixtures from './fixtures';

const students = Array.from({ length: 7 }, (_, i) => fixtures.student(i + 1));
const ids = (users: Array<{ sourcedId: string }>) => users.map((user) => user.sourcedId);
const PATH = 'GET /classes/CLS_42/students';

function offsets(requests: Array<{ query: URLSearchParams }>) {
  return requests.map((r) => `${r.query.get('limit')}@${r.query.get('offset')}`);
}

describe('paging', () => {
  it.each(['total', 'link', 'none'] as const)(
    'reads every page when the server signals with %s',
    async (signal) => {
      const { client, requests, authorized } = clientFor(
        { [PATH]: paged('users', students, signal) },
        { pageSize: 3 },
      );
      expect(ids(await client.listStudentsForClass('CLS_42'))).toEqual(ids(students));
      expect(offsets(requests)).toEqual(['3@0', '3@3', '3@6']);
      // Every page was authorised with exactly the URL that was fetched.
      expect(authorized.map((a) => a.url)).toEqual(requests.map((r) => r.url));
    },
  );

  it('stops on a short page without headers, after one request for small lists', async () => {
    const { client, requests } = clientFor({ [PATH]: paged('users', students.slice(0, 2)) });
    expect(await client.listStudentsForClass('CLS_42')).toHaveLength(2);
    expect(requests).toHaveLength(1);
  });

  it('asks one more page when a full page ends exactly at the end, and stops on the empty one', async () => {
    const { client, requests } = clientFor(
      { [PATH]: paged('users', students.slice(0, 6)) },
      { pageSize: 3 },
    );
    expect(await client.listStudentsForClass('CLS_42')).toHaveLength(6);
    expect(offsets(requests)).toEqual(['3@0', '3@3', '3@6']);
  });

  it('advances by items received when the server caps the page size below the limit', async () => {
    const { client, requests } = clientFor(
      { [PATH]: paged('users', students, 'total', 2) },
      { pageSize: 5 },
    );
    expect(ids(await client.listStudentsForClass('CLS_42'))).toEqual(ids(students));
    expect(offsets(requests)).toEqual(['5@0', '5@2', '5@4', '5@6']);
  });

  it('follows a root-relative Link target and keeps the filter intact', async () => {
    const route: Route = ({ query }) => {
      const offset = Number(query.get('offset'));
      const page = students.slice(offset, offset + 3);
      const next = `/ims/oneroster/v1p1/classes?filter=status%3D%27active%27&limit=3&offset=${offset + 3}`;
      const headers: Record<string, string> =
        offset + 3 < students.length
          ? { Link: `<${next}>; rel=next` }
          : { Link: '<classes?offset=0>; rel="first"' };
      return json(
        { classes: page.map((s) => ({ ...fixtures.klass, sourcedId: s.sourcedId })) },
        200,
        headers,
      );
    };
    const { client, requests } = clientFor(
      { 'GET /teachers/T/classes': route, 'GET /classes': route },
      { pageSize: 3 },
    );
    expect(await client.listClassesForTeacher('T')).toHaveLength(7);
    expect(requests.map((r) => r.url.replace(`${BASE}/`, ''))).toEqual([
      'teachers/T/classes?filter=status%3D%27active%27&limit=3&offset=0',
      'classes?filter=status%3D%27active%27&limit=3&offset=3',
      'classes?filter=status%3D%27active%27&limit=3&offset=6',
    ]);
  });

  it('ignores a next link to another origin and pages by offset instead', async () => {
    const route: Route = (request) => {
      const answer = paged('users', students, 'total')(request) as Response;
      answer.headers.set('Link', '<https://evil.example.com/steal>; rel="next"');
      return answer;
    };
    const { client, requests } = clientFor({ [PATH]: route }, { pageSize: 3 });
    expect(await client.listStudentsForClass('CLS_42')).toHaveLength(7);
    expect(requests.every((r) => r.url.startsWith(BASE))).toBe(true);
  });

  describe('misbehaving servers end in too-many-pages, not an endless loop', () => {
    const full: Route = () => json({ users: students.slice(0, 3) });

    it('always-full pages hit the page cap', async () => {
      const { client, requests } = clientFor({ [PATH]: full }, { pageSize: 3, maxPages: 5 });
      const error = await client.listStudentsForClass('CLS_42').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TooManyPagesError);
      expect(error).toMatchObject({ code: 'too-many-pages', pages: 5, reason: 'page-cap' });
      expect(requests).toHaveLength(5);
    });

    it('an X-Total-Count that lies hits the page cap', async () => {
      const lying: Route = (request) => {
        const answer = full(request) as Response;
        answer.headers.set('X-Total-Count', '1000000');
        return answer;
      };
      const { client, requests } = clientFor({ [PATH]: lying }, { pageSize: 10, maxPages: 4 });
      await expect(client.listStudentsForClass('CLS_42')).rejects.toMatchObject({
        code: 'too-many-pages',
        pages: 4,
      });
      expect(requests).toHaveLength(4);
    });

    it('a Link that loops is caught the first time it repeats', async () => {
      // offset=0 links to offset=3, which links back to offset=0.
      const looping: Route = ({ query }) => {
        const next = query.get('offset') === '0' ? 3 : 0;
        return json({ users: students.slice(0, 3) }, 200, {
          Link: `<${BASE}/classes/CLS_42/students?limit=3&offset=${next}>; rel="next"`,
        });
      };
      const { client, requests } = clientFor({ [PATH]: looping }, { pageSize: 3, maxPages: 50 });
      await expect(client.listStudentsForClass('CLS_42')).rejects.toMatchObject({
        code: 'too-many-pages',
        reason: 'link-loop',
      });
      expect(requests).toHaveLength(2);
    });

    it('a Link that never repeats still hits the page cap', async () => {
      let n = 0;
      const endless: Route = () =>
        json({ users: students.slice(0, 1) }, 200, {
          Link: `<${BASE}/classes/CLS_42/students?page=${++n}>; rel="next"`,
        });
      const { client, requests } = clientFor({ [PATH]: endless }, { maxPages: 7 });
      await expect(client.listStudentsForClass('CLS_42')).rejects.toMatchObject({
        code: 'too-many-pages',
        pages: 7,
      });
      expect(requests).toHaveLength(7);
    });
  });

  it('rejects unusable paging options up front', () => {
    expect(() => clientFor({}, { pageSize: 0 })).toThrow(RangeError);
    expect(() => clientFor({}, { maxPages: 1.5 })).toThrow(RangeError);
  });
});

describe('paging headers', () => {
  it.each([
    [null, null],
    ['', null],
    ['<https://x/a?offset=2>; rel="next"', { next: 'https://x/a?offset=2' }],
    [
      '<https://x/a?o=0,1>; rel="first", <https://x/a?o=2>; rel="prev next"',
      { next: 'https://x/a?o=2' },
    ],
    ['<b>; REL=next', { next: 'b' }],
    ['<https://x/a>; rel="last"', {}],
  ])('parseNextLink(%j)', (header, expected) => {
    expect(parseNextLink(header)).toEqual(expected);
  });

  it.each([
    [null, undefined],
    ['42', 42],
    [' 0 ', 0],
    ['-1', undefined],
    ['12abc', undefined],
  ])('parseTotalCount(%j)', (header, expected) => {
    expect(parseTotalCount(header)).toBe(expected);
  });
});
