/** A panel may act only for the class its page shows. */
import { describe, expect, it } from 'vitest';
import { assertSenderCourse, isPageOfCourse } from '@/lib/messaging/sender-course';

const COURSE = '596177745468'; // NTk2MTc3NzQ1NDY4 in URLs

describe('isPageOfCourse', () => {
  it.each([
    'https://classroom.google.com/c/NTk2MTc3NzQ1NDY4',
    'https://classroom.google.com/u/1/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default',
    'https://classroom.google.com/w/NTk2MTc3NzQ1NDY4/t/all',
    'https://classroom.google.com/r/NTk2MTc3NzQ1NDY4/sort-first-name',
  ])('accepts %s', (url) => {
    expect(isPageOfCourse(url, COURSE)).toBe(true);
  });

  it.each([
    ['another class', 'https://classroom.google.com/c/MTExNTkwOTcxNjda'],
    ['the home page', 'https://classroom.google.com/h'],
    ['another site', 'https://example.com/c/NTk2MTc3NzQ1NDY4'],
    ['the options page', 'chrome-extension://abc/options.html'],
    ['no URL', ''],
  ])('refuses %s', (_name, url) => {
    expect(isPageOfCourse(url, COURSE)).toBe(false);
    expect(() => assertSenderCourse({ audience: 'panel', url }, COURSE)).toThrow(
      expect.objectContaining({ code: 'wrong-course' }),
    );
  });
});
