/** A panel may act only for the class its page shows. */

import { describe, expect, it } from 'vitest';
import { currentPageUrl } from '@/lib/messaging/sender';
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

describe('currentPageUrl', () => {
  const base = { id: 'x', frameId: 0, url: 'https://classroom.google.com/h' };
  it('follows Classroom’s in-app navigation through the tab URL', () => {
    expect(
      currentPageUrl({ ...base, tab: { url: 'https://classroom.google.com/c/NTk2MTc3NzQ1NDY4' } }),
    ).toBe('https://classroom.google.com/c/NTk2MTc3NzQ1NDY4');
  });
  it.each([
    [
      'an iframe',
      { ...base, frameId: 2, tab: { url: 'https://classroom.google.com/c/NTk2MTc3NzQ1NDY4' } },
    ],
    [
      'a tab on another origin',
      { ...base, tab: { url: 'https://evil.example/c/NTk2MTc3NzQ1NDY4' } },
    ],
    ['no tab URL', { ...base, tab: {} }],
  ])('falls back to the document URL for %s', (_name, sender) => {
    expect(currentPageUrl(sender)).toBe('https://classroom.google.com/h');
  });
});
