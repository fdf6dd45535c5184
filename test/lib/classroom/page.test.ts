import { describe, expect, it } from 'vitest';
import { detectPage, isClassPage, type PageInfo } from '@/lib/classroom/page';

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
