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
});

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
});
