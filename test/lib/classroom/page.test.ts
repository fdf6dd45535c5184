import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeClassroomId,
  detectPage,
  isClassPage,
  isCourseStreamHref,
  type PageInfo,
  parseCourseworkHref,
  parseStudentHref,
} from '@/lib/classroom/page';

type Kind = PageInfo['kind'];

// Real-shaped URLs (shared/reference/classroom-research.md §1). NTk2MTc3NzQ1NDY4 = 596177745468,
// MTExNTkwOTcxNjda = 11159097167 + the trailing Z, MTUwNjQ3NDA3NDIy = coursework 150647407422.
const C = 'https://classroom.google.com';
const CASES: Record<
  Kind,
  Array<[url: string, expected: Partial<PageInfo> & Record<string, unknown>]>
> = {
  stream: [
    [`${C}/c/NTk2MTc3NzQ1NDY4`, { courseId: '596177745468', accountIndex: 0 }],
    [`${C}/c/NzkyODQ5MTgyOTkx?cjc=abc1234`, { courseId: '792849182991' }],
    [`${C}/u/1/c/MTExNTkwOTcxNjda`, { courseId: '11159097167', accountIndex: 1 }],
    [`${C}/c/NzM4MjEwMjM0/`, { courseId: '738210234' }],
  ],
  classwork: [
    [`${C}/w/NTk2MTc3NzQ1NDY4/t/all`, { courseId: '596177745468' }],
    [`${C}/u/2/w/ODQxNjY5MTU2NzQ0/t/all`, { courseId: '841669156744', accountIndex: 2 }],
    [`${C}/w/NTk2MTc3NzQ1NDY4/tc/NjI3MzQ1MDg5MTIz`, { courseId: '596177745468' }],
  ],
  people: [
    [`${C}/r/NTk2MTc3NzQ1NDY4/sort-last-name`, { courseId: '596177745468' }],
    [`${C}/u/0/r/MTYwMDIyMjgxMDU0/sort-first-name`, { courseId: '160022281054' }],
  ],
  grades: [
    [`${C}/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default`, { courseId: '596177745468' }],
    [`${C}/u/0/c/MTYwMDIyMjgxMDU0/gb/sort-name`, { courseId: '160022281054' }],
    [
      `${C}/u/3/c/NTQ5NzUyNTc2NjJa/gb/sort-first-name/default`,
      { courseId: '54975257662', accountIndex: 3 },
    ],
  ],
  assignment: [
    [
      `${C}/c/NTk2MTc3NzQ1NDY4/a/MTUwNjQ3NDA3NDIy/details`,
      { courseId: '596177745468', courseworkId: '150647407422' },
    ],
    [`${C}/u/1/c/MTYzNzQ0Mzk4NjRa/a/MTUwNjQ3NDA3NDIy/details`, { courseId: '16374439864' }],
  ],
  'student-work': [
    [
      `${C}/c/NTk2MTc3NzQ1NDY4/a/MTUwNjQ3NDA3NDIy/submissions/by-status/and-sort-last-name/all`,
      { courseId: '596177745468', courseworkId: '150647407422' },
    ],
    [
      `${C}/u/0/c/NTk2MTc3NzQ1NDY4/a/MTUwNjQ3NDA3NDIy/submissions/by-status/and-sort-first-name/student/NzE4MjkzNjQ1MTIw`,
      { courseworkId: '150647407422' },
    ],
  ],
  'class-other': [
    [`${C}/c/NTk2MTc3NzQ1NDY4/p/NjI3MzQ1MDg5MTIz`, { courseId: '596177745468' }],
    [`${C}/c/NTk2MTc3NzQ1NDY4/m/NjI3MzQ1MDg5MTIz/details`, { courseId: '596177745468' }],
  ],
  home: [
    [`${C}/h`, { accountIndex: 0 }],
    [`${C}/u/0/h`, { accountIndex: 0 }],
    [`${C}/u/4/h/archived`, { accountIndex: 4 }],
  ],
  unknown: [
    [`${C}/`, {}],
    [`${C}/a/not-turned-in/all`, {}],
    [`${C}/c/bm90LWRpZ2l0cw`, {}], // base64 of "not-digits"
    [`${C}/c/%%%`, {}],
    [`${C}/c/NTk2MTc3NzQ1NDY4/a/bm90LWRpZ2l0cw/details`, {}],
    ['https://classroom.google.com.evil.example/c/NTk2MTc3NzQ1NDY4', {}],
    ['http://classroom.google.com/c/NTk2MTc3NzQ1NDY4', {}],
    ['https://docs.google.com/c/NTk2MTc3NzQ1NDY4', {}],
    ['not a url', {}],
  ],
};

const ALL = Object.entries(CASES).flatMap(([kind, cases]) =>
  cases.map(([url, expected]) => ({ kind: kind as Kind, url, expected })),
);
const KINDS = Object.keys(CASES) as Kind[];

describe('detectPage', () => {
  it.each(ALL)('$url is a $kind page with the right ids', ({ kind, url, expected }) => {
    expect(detectPage(url)).toMatchObject({ kind, ...expected });
  });

  // Every URL is a positive case for its own kind and a negative case for every other kind.
  it.each(KINDS)('only %s URLs are detected as %s', (kind) => {
    for (const { kind: own, url } of ALL) {
      const detected = detectPage(url).kind === kind;
      expect(detected, `${url} ${own === kind ? 'should' : 'should not'} be ${kind}`).toBe(
        own === kind,
      );
    }
  });

  it('accepts URL objects as well as strings', () => {
    expect(detectPage(new URL(`${C}/c/NTk2MTc3NzQ1NDY4`)).kind).toBe('stream');
  });

  it('keeps the URL form of the course id next to the numeric one', () => {
    expect(detectPage(`${C}/u/1/c/MTExNTkwOTcxNjda/gb/sort-last-name/default`)).toEqual({
      kind: 'grades',
      accountIndex: 1,
      urlCourseId: 'MTExNTkwOTcxNjda',
      courseId: '11159097167',
    });
  });
});

describe('isClassPage', () => {
  it.each(ALL)('$url → panel shown only on class pages', ({ kind, url }) => {
    expect(isClassPage(detectPage(url))).toBe(kind !== 'home' && kind !== 'unknown');
  });
});

const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

describe('decodeClassroomId', () => {
  it.each([
    ['NTk2MTc3NzQ1NDY4', '596177745468'],
    ['ODQxNjY5MTU2NzQ0', '841669156744'],
    ['NzM4MjEwMjM0', '738210234'],
    ['MTExNTkwOTcxNjda', '11159097167'],
    ['NTQ5NzUyNTc2NjJa', '54975257662'],
    ['MTYzNzQ0Mzk4NjRa', '16374439864'],
    ['MTExNTkwOTcxNjc', '11159097167'], // same id, padding dropped instead of the Z
    ['MTExNTkwOTcxNjc=', null], // '=' never appears in a URL segment
  ])('%s → %s', (segment, expected) => {
    expect(decodeClassroomId(segment)).toBe(expected);
  });

  it.each([
    '',
    'bm90LWRpZ2l0cw',
    'MTIzYWJj',
    'NTk2MTc3NzQ1NDY4NTk2MTc3NzQ1NDY4NTk2MTc3NzQ1NDY4MTIzNDU2Nzg5',
  ])('rejects %j (empty, not digits, digits then letters, absurdly long)', (segment) => {
    expect(decodeClassroomId(segment)).toBeNull();
  });

  it('round-trips any numeric id, with or without padding', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,20}$/), (id) => {
        const encoded = b64(id);
        expect(decodeClassroomId(encoded.replace(/=+$/, ''))).toBe(id);
      }),
    );
  });

  it('never throws and only ever returns digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (segment) => {
        const decoded = decodeClassroomId(segment);
        expect(decoded === null || /^\d+$/.test(decoded)).toBe(true);
      }),
    );
  });

  it('returns null for text that is not a number once decoded', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'binary-ascii', minLength: 1, maxLength: 20 })
          .filter((s) => !/^\d+Z?$/.test(s)),
        (text) => {
          const segment = b64(text).replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
          expect(decodeClassroomId(segment)).toBeNull();
        },
      ),
    );
  });
});

const urlId = (id: string) => Buffer.from(id).toString('base64').replace(/=+$/, '');

describe('link shapes', () => {
  it.each([
    ['/c/NTk2MTc3NzQ1NDY4/a/MTUwNjQ3NDA3NDIy/details', '150647407422'],
    [
      '/u/2/c/NTk2MTc3NzQ1NDY4/a/MTUwNjQ3NDA3NDIy/submissions/by-status/and-sort-last-name/all',
      '150647407422',
    ],
    ['https://classroom.google.com/c/NTk2MTc3NzQ1NDY4/sa/MTUwNjQ3NDA3NDIy?x=1', '150647407422'],
  ])('%s is coursework %s', (href, id) => {
    expect(parseCourseworkHref(href)).toEqual({
      courseId: '596177745468',
      courseworkId: id,
      urlCourseworkId: 'MTUwNjQ3NDA3NDIy',
    });
  });

  it.each([
    '/c/NTk2MTc3NzQ1NDY4',
    '/c/NTk2MTc3NzQ1NDY4/a/bm90LWRpZ2l0cw/details',
    '/w/x/t/all',
    '',
  ])('%j is not a coursework link', (href) => {
    expect(parseCourseworkHref(href)).toBeNull();
  });

  it.each([
    ['/c/NTk2MTc3NzQ1NDY4/sp/MTA4MjM0NTY3ODAx/all', '108234567801'],
    ['/c/NTk2MTc3NzQ1NDY4/sp/MTExNTkwOTcxNjda/all', '11159097167'],
    ['/c/NTk2MTc3NzQ1NDY4/a/MTUw/submissions/by-status/and-sort-last-name/student/MTA4', '108'],
    ['/c/NTk2MTc3NzQ1NDY4/sp/opaque_id-1/all', 'opaque_id-1'],
  ])('%s is student %s', (href, studentId) => {
    expect(parseStudentHref(href)).toEqual({ courseId: '596177745468', studentId });
  });

  it('knows the class stream link', () => {
    expect(isCourseStreamHref('/c/NTk2MTc3NzQ1NDY4', '596177745468')).toBe(true);
    expect(isCourseStreamHref('/u/0/c/NTk2MTc3NzQ1NDY4?cjc=abc', '596177745468')).toBe(true);
    expect(isCourseStreamHref('/c/NTk2MTc3NzQ1NDY4/gb/sort-name', '596177745468')).toBe(false);
    expect(isCourseStreamHref('/c/MTYwMDIyMjgxMDU0', '596177745468')).toBe(false);
  });

  it('knows the class stream link with /u/<n>/, relative or absolute, and nothing else', () => {
    const id = '596177745468';
    expect(isCourseStreamHref('/u/2/c/NTk2MTc3NzQ1NDY4', id)).toBe(true);
    expect(isCourseStreamHref('https://classroom.google.com/u/2/c/NTk2MTc3NzQ1NDY4', id)).toBe(
      true,
    );
    expect(isCourseStreamHref('https://classroom.google.com/c/NTk2MTc3NzQ1NDY4/', id)).toBe(true);
    expect(isCourseStreamHref('https://evil.example/c/NTk2MTc3NzQ1NDY4', id)).toBe(false);
    expect(isCourseStreamHref('/w/x/c/NTk2MTc3NzQ1NDY4', id)).toBe(false);
    expect(isCourseStreamHref('/u/2/w/NTk2MTc3NzQ1NDY4/t/all', id)).toBe(false);
  });

  it('round-trips any numeric id through a coursework link', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{5,20}$/),
        fc.stringMatching(/^[1-9]\d{5,20}$/),
        (course, work) => {
          expect(parseCourseworkHref(`/c/${urlId(course)}/a/${urlId(work)}/details`)).toEqual({
            courseId: course,
            courseworkId: work,
            urlCourseworkId: urlId(work),
          });
        },
      ),
    );
  });

  it('never throws on arbitrary hrefs and only ever yields numeric ids', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl()), (href) => {
        const coursework = parseCourseworkHref(href);
        if (coursework) expect(`${coursework.courseId}${coursework.courseworkId}`).toMatch(/^\d+$/);
        const student = parseStudentHref(href);
        if (student) expect(student.courseId).toMatch(/^\d+$/);
      }),
    );
  });
});
