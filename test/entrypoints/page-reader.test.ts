// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createPageReader,
  type PageReadUpdate,
  type ReaderContext,
} from '@/entrypoints/classroom.content/page-reader';
import { detectPage } from '@/lib/classroom/page';
import type { ClassPageInfo } from '@/lib/classroom/read-page';
import { FIXTURES, type FixtureName, fixtureHtml, parseHtml } from '../lib/classroom/fixtures';

const TIMING = { quietMs: 20, maxWaitMs: 100, timeoutMs: 400 };
const page = (name: FixtureName) => detectPage(FIXTURES[name]) as ClassPageInfo;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Puts a fixture's page into the live document, as Classroom's renderer would. */
function render(name: FixtureName) {
  const source = parseHtml(fixtureHtml(name));
  document.title = source.title;
  document.body.innerHTML = source.body.innerHTML;
}

let invalidate: Array<() => void> = [];
const ctx: ReaderContext = {
  setTimeout: (handler, timeout) => window.setTimeout(handler, timeout),
  onInvalidated: (callback) => {
    invalidate.push(callback);
    return () => {};
  },
};
let updates: PageReadUpdate[] = [];
const states = () => updates.map((update) => update.reading.state);
const last = () => updates.at(-1)?.reading;

beforeEach(() => {
  updates = [];
  invalidate = [];
  document.title = 'Classroom';
  document.body.innerHTML = '<main>Loading…</main>';
});
afterEach(() => {
  for (const callback of invalidate) callback();
  setVisibility(null);
});

/** Stands in for the browser moving the tab to the background (null: back to happy-dom's own). */
function setVisibility(state: DocumentVisibilityState | null) {
  if (state === null) Reflect.deleteProperty(document, 'visibilityState');
  else Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}
const activeView = () => document.querySelector('body > c-wiz:not([aria-hidden="true"])');

describe('createPageReader', () => {
  it('waits for the grid to render, then reports what it read', async () => {
    const reader = createPageReader(ctx, document, (u) => updates.push(u), TIMING);
    reader.read(page('grades-en'));
    expect(states()).toEqual(['reading']);
    await wait(60);
    render('grades-en');
    await expect.poll(states).toEqual(['reading', 'read']);
    expect(last()).toMatchObject({
      state: 'read',
      summary: { courseName: 'Biology 101', courseworkCount: 8, studentCount: 8 },
    });
    expect(updates.at(-1)?.snapshot?.grades).toHaveLength(64);
  });

  it('gives up on a Grades page whose grid never appears, after the timeout only', async () => {
    const reader = createPageReader(ctx, document, (u) => updates.push(u), TIMING);
    reader.read(page('grades-en'));
    await wait(TIMING.timeoutMs / 2);
    expect(states()).toEqual(['reading']);
    await expect.poll(states, { timeout: 2000 }).toEqual(['reading', 'failed']);
    expect(last()).toEqual({ state: 'failed', failure: { code: 'no-grid' } });
  });

  it('reads again on navigation and merges People emails into the Grades read', async () => {
    const reader = createPageReader(ctx, document, (u) => updates.push(u), TIMING);
    render('grades-en');
    reader.read(page('grades-en'));
    await expect.poll(states).toEqual(['reading', 'read']);
    render('people-en');
    reader.read(page('people-en'));
    await expect.poll(states).toEqual(['reading', 'read', 'reading', 'read']);
    expect(last()).toMatchObject({
      summary: { courseworkCount: 8, studentCount: 8, studentsWithEmail: 7, gradebookRead: true },
    });
  });

  it('abandons a read still waiting when the teacher navigates on', async () => {
    const reader = createPageReader(ctx, document, (u) => updates.push(u), TIMING);
    reader.read(page('grades-en')); // no grid yet: would fail at the timeout
    await wait(50);
    render('people-nl');
    reader.read(page('people-nl'));
    await wait(TIMING.timeoutMs + 100);
    expect(updates.map((u) => [u.courseId, u.reading.state])).toEqual([
      ['596177745468', 'reading'],
      ['160022281054', 'reading'],
      ['160022281054', 'read'],
    ]);
  });

  it('keeps reading while the page keeps changing, at most maxWait apart', async () => {
    const reader = createPageReader(ctx, document, (u) => updates.push(u), TIMING);
    reader.read(page('grades-en'));
    const noise = window.setInterval(() => document.body.append(document.createElement('i')), 5);
    await wait(30);
    render('grades-en');
    try {
      await expect.poll(states, { timeout: 1000 }).toEqual(['reading', 'read']);
    } finally {
      window.clearInterval(noise);
    }
  });

  it('stops when the extension context is invalidated', async () => {
    const reader = createPageReader(ctx, document, (u) => updates.push(u), TIMING);
    reader.read(page('grades-en'));
    for (const callback of invalidate) callback();
    render('grades-en');
    await wait(TIMING.timeoutMs + 100);
    expect(states()).toEqual(['reading']);
  });

  it('does not read a background tab, nor give up on it; reads once the tab is visible', async () => {
    setVisibility('hidden');
    const reader = createPageReader(ctx, document, (u) => updates.push(u), TIMING);
    render('grades-en');
    reader.read(page('grades-en'));
    await wait(TIMING.timeoutMs + 100);
    expect(states()).toEqual(['reading']);
    setVisibility('visible');
    await expect.poll(states).toEqual(['reading', 'read']);
    expect(last()).toMatchObject({ summary: { courseworkCount: 8, studentCount: 8 } });
  });

  it('waits while the active view is aria-busy, then reads what it rendered', async () => {
    const reader = createPageReader(ctx, document, (u) => updates.push(u), TIMING);
    render('grades-busy');
    reader.read(page('grades-busy'));
    await wait(TIMING.quietMs * 5);
    expect(states()).toEqual(['reading']);
    activeView()?.removeAttribute('aria-busy');
    await expect.poll(states).toEqual(['reading', 'read']);
    expect(last()).toMatchObject({ summary: { courseName: 'Biology 101', studentCount: 1 } });
  });

  it('reads again when the view finishes loading more after a read', async () => {
    const reader = createPageReader(ctx, document, (u) => updates.push(u), TIMING);
    render('grades-busy');
    activeView()?.removeAttribute('aria-busy');
    reader.read(page('grades-busy'));
    await expect.poll(states).toEqual(['reading', 'read']);
    activeView()?.setAttribute('aria-busy', 'true');
    document
      .querySelector('body > c-wiz:not([aria-hidden="true"]) [role="grid"]')
      ?.insertAdjacentHTML(
        'beforeend',
        '<div role="row"><div role="rowheader"><a href="/c/NTk2MTc3NzQ1NDY4/sp/MTA4MjM0NTY3ODAy/all">Sam Lee</a></div><div role="gridcell">Missing</div></div>',
      );
    await wait(TIMING.quietMs * 3);
    expect(states()).toEqual(['reading', 'read']);
    activeView()?.removeAttribute('aria-busy');
    await expect.poll(states).toEqual(['reading', 'read', 'read']);
    expect(last()).toMatchObject({ summary: { studentCount: 2 } });
  });

  it('a hidden tab at the timeout makes the first visible read final', async () => {
    const reader = createPageReader(ctx, document, (u) => updates.push(u), TIMING);
    reader.read(page('grades-en'));
    setVisibility('hidden');
    await wait(TIMING.timeoutMs + 100);
    expect(states()).toEqual(['reading']);
    setVisibility('visible');
    await expect.poll(states).toEqual(['reading', 'failed']);
    expect(last()).toEqual({ state: 'failed', failure: { code: 'no-grid' } });
  });
});
