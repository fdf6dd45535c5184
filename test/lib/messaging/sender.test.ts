/** A panel may act only for the class its page shows. */

import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '@/lib/messaging/router';
import { currentPageUrl, isPageOfCourse } from '@/lib/messaging/sender';

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
  });

  it.each([
    ['another class', 'https://classroom.google.com/c/MTExNTkwOTcxNjda'],
    ['the home page', 'https://classroom.google.com/h'],
  ])(
    'is applied by the router to every message naming a class: refused from %s',
    async (_name, url) => {
      const cancelExport = async () => ({ cancelled: true });
      const route = createRouter({ cancelExport } as unknown as Handlers, {
        extensionId: 'own-extension',
        optionsUrl: 'chrome-extension://own-extension/options.html',
      });
      const sender = { id: 'own-extension', url, frameId: 0, tab: { id: 7 } };
      await expect(
        route({ type: 'cancelExport', data: { courseId: COURSE } }, sender),
      ).resolves.toMatchObject({ ok: false, error: { code: 'wrong-course' } });
      const own = { ...sender, url: 'https://classroom.google.com/c/NTk2MTc3NzQ1NDY4' };
      await expect(
        route({ type: 'cancelExport', data: { courseId: COURSE } }, own),
      ).resolves.toEqual({ ok: true, data: { cancelled: true } });
    },
  );
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
