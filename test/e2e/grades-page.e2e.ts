/**
 * The content script reads the Classroom Grades page fixture (test/fixtures/classroom/) served
 * as classroom.google.com in real Chromium, and the panel shows what it read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassroomPage } from './pages/classroom-page';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import {
  CLASSROOM_FIXTURES,
  type ClassroomServer,
  startClassroomServer,
} from './support/classroom-server';

const GRADES_EN = '/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default'; // course 596177745468
const GRADES_NL = '/u/1/c/MTYwMDIyMjgxMDU0/gb/sort-last-name/default'; // course 160022281054
const GRADES_TABLE = '/u/2/c/NzM0NTEyOTA4ODEy/gb/sort-name/default'; // course 734512908812
const GRADES_BUSY = '/u/3/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default'; // course 596177745468
const fixture = (name: string) => join(CLASSROOM_FIXTURES, `${name}.html`);
// WXT notices in-app navigation by polling the URL once a second; then the reader waits for quiet.
const SETTLE = { timeout: 10_000, interval: 200 };

let classroom: ClassroomServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  classroom = await startClassroomServer({
    [GRADES_EN]: fixture('grades-en'),
    [GRADES_NL]: fixture('grades-nl'),
    [GRADES_TABLE]: fixture('grades-table-u2'),
    [GRADES_BUSY]: fixture('grades-busy'),
  });
  browser = await launchWithExtension({ classroomPort: classroom.port });
});
afterAll(async () => {
  await browser?.close();
  await classroom?.close();
});

/** Classroom-style view change: hide the current views, add the next one, push the URL. */
async function showView(page: ClassroomPage, html: string, path: string) {
  await page.page.evaluate(
    ({ html, path }) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      // The class header (an <h1> link, evidence §1.3) comes with the first class page.
      const header = next.querySelector('header:has(h1)');
      if (header && !document.querySelector('header h1')) document.body.prepend(header);
      for (const view of document.querySelectorAll('c-wiz')) {
        view.setAttribute('style', 'display: none;');
        view.setAttribute('aria-hidden', 'true');
      }
      const view = next.querySelector('c-wiz:not([aria-hidden])');
      if (view) document.body.append(view);
      history.pushState({}, '', path);
    },
    { html, path },
  );
}

describe('the panel on the Grades page', () => {
  it('shows the class, the teacher, the coursework and the students read from the page', async () => {
    const page = await ClassroomPage.open(await browser.context.newPage(), GRADES_EN);
    await page.fact('panel-course-name').waitFor(SETTLE);
    expect(await page.fact('panel-course-name').textContent()).toBe('Biology 101 · Period 3');
    expect(await page.fact('panel-teacher').textContent()).toBe('alex.rivera@school.example');
    expect(await page.fact('panel-coursework-count').textContent()).toBe('8');
    expect(await page.fact('panel-student-count').textContent()).toBe(
      '8 (0 with an email address)',
    );
    expect(await page.fact('panel-unreadable').textContent()).toBe(
      'Grade cells the extension could not read: 1. They will not be exported.',
    );
    expect(await page.panelViolations()).toEqual([]);
    await page.screenshot('panel-grades');
    await page.page.close();
  });

  it('copies scrubbed diagnostics to the clipboard', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: 'https://classroom.google.com',
    });
    const page = await ClassroomPage.open(await browser.context.newPage(), GRADES_EN);
    await page.panel.getByRole('button', { name: 'Copy diagnostics' }).click(SETTLE);
    await expect
      .poll(() => page.fact('panel-diagnostics-status').textContent(), SETTLE)
      .toBe('Diagnostics copied to the clipboard.');
    const copied = await page.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('page structure (no names, emails or grades)');
    expect(copied).toContain('grid: 2 (visible 1)');
    expect(copied).not.toMatch(/Zoë|Müller|alex\.rivera|Water Cycle|88\.5/);
    await page.page.close();
  });

  it('waits for a grid that renders late, and reads again after navigating to People', async () => {
    const page = await ClassroomPage.open(await browser.context.newPage(), '/h');
    await page.navigate(GRADES_EN); // the shell: no grid yet
    await page.panel.getByTestId('panel-reading').waitFor(SETTLE);
    await page.page.waitForTimeout(1500);
    expect(await page.panel.getByRole('alert').count()).toBe(0); // still waiting, not failed
    await showView(page, readFileSync(fixture('grades-en'), 'utf8'), GRADES_EN);
    await expect.poll(() => page.fact('panel-coursework-count').textContent(), SETTLE).toBe('8');

    await showView(
      page,
      readFileSync(fixture('people-en'), 'utf8'),
      '/r/NTk2MTc3NzQ1NDY4/sort-last-name',
    );
    await expect
      .poll(() => page.fact('panel-student-count').textContent(), SETTLE)
      .toBe('8 (7 with an email address)');
    expect(await page.fact('panel-coursework-count').textContent()).toBe('8');
    await page.page.close();
  });
});

describe('the panel on Grades pages of the re-based contract (issue #13)', () => {
  it('reads a <table> gradebook under /u/2/ with an <h1> header and no role=banner', async () => {
    const page = await ClassroomPage.open(await browser.context.newPage(), GRADES_TABLE);
    await page.fact('panel-course-name').waitFor(SETTLE);
    expect(await page.fact('panel-course-name').textContent()).toBe(
      'Física II · G22 2026 2do cuatrimestre',
    );
    expect(await page.fact('panel-teacher').textContent()).toBe('eramirez@riverside.example');
    expect(await page.fact('panel-coursework-count').textContent()).toBe('3');
    expect(await page.fact('panel-student-count').textContent()).toBe(
      '3 (0 with an email address)',
    );
    await page.page.close();
  });

  it('waits while the Grades view is aria-busy, then reads it', async () => {
    const page = await ClassroomPage.open(await browser.context.newPage(), GRADES_BUSY);
    await page.panel.getByTestId('panel-reading').waitFor(SETTLE);
    await page.page.waitForTimeout(1500);
    expect(await page.fact('panel-course-name').count()).toBe(0); // not read while busy
    await page.page.evaluate(() =>
      document.querySelector('body > c-wiz[aria-busy]')?.removeAttribute('aria-busy'),
    );
    await expect
      .poll(() => page.fact('panel-student-count').textContent(), SETTLE)
      .toBe('1 (0 with an email address)');
    await page.page.close();
  });
});

describe('the panel on a Dutch Grades page', () => {
  it('reads the Dutch page and speaks Dutch', async () => {
    const dutch = await launchWithExtension({ classroomPort: classroom.port, locale: 'nl' });
    try {
      const page = await ClassroomPage.open(await dutch.context.newPage(), GRADES_NL);
      await page.fact('panel-course-name').waitFor(SETTLE);
      expect(await page.fact('panel-course-name').textContent()).toBe('Biologie 2A · Lesuur 4');
      expect(await page.fact('panel-teacher').textContent()).toBe('a.devries@school.example');
      expect(await page.fact('panel-coursework-count').textContent()).toBe('8');
      expect(await page.fact('panel-student-count').textContent()).toBe('8 (0 met e-mailadres)');
      expect(await page.panel.getByRole('button', { name: 'Diagnose kopiëren' }).count()).toBe(1);
      await page.screenshot('panel-grades-nl');
    } finally {
      await dutch.close();
    }
  });
});
