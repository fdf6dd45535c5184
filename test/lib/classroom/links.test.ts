import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCourseStreamHref, parseCourseworkHref, parseStudentHref } from '@/lib/classroom/links';

const b64 = (id: string) => Buffer.from(id).toString('base64').replace(/=+$/, '');

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

  it('round-trips any numeric id through a coursework link', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{5,20}$/),
        fc.stringMatching(/^[1-9]\d{5,20}$/),
        (course, work) => {
          expect(parseCourseworkHref(`/c/${b64(course)}/a/${b64(work)}/details`)).toEqual({
            courseId: course,
            courseworkId: work,
            urlCourseworkId: b64(work),
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
