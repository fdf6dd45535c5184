import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassroomPage } from './pages/classroom-page';
import { OptionsPage } from './pages/options-page';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import type { InPage } from './support/chrome-in-page';
import { type ClassroomServer, startClassroomServer } from './support/classroom-server';
import { evaluateInContentScript } from './support/isolated-world';

const COURSE = 'NTk2MTc3NzQ1NDY4'; // 596177745468
const OTHER_COURSE = 'MTExNTkwOTcxNjda'; // 11159097167 (the trailing-Z form)

let classroom: ClassroomServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  classroom = await startClassroomServer();
  browser = await launchWithExtension({ classroomPort: classroom.port });
});
afterAll(async () => {
  await browser?.close();
  await classroom?.close();
});

async function openClassroom(path: string) {
  return ClassroomPage.open(await browser.context.newPage(), path);
}

describe('the teacher panel', () => {
  it('mounts on a class page in a shadow root, titled and showing the course', async () => {
    const classroomPage = await openClassroom(`/c/${COURSE}`);
    await classroomPage.panel.waitFor();
    expect(classroom.requests).toContain(`/c/${COURSE}`);
    expect(await classroomPage.panel.getByRole('heading').textContent()).toBe(
      'Link SIS class / Export grades',
    );
    expect(await classroomPage.panel.getByTestId('panel-course').textContent()).toBe(
      'Classroom class 596177745468',
    );
    await classroomPage.panel.getByTestId('panel-status').waitFor();
    expect(await classroomPage.panel.textContent()).toContain('has not connected');
    const inShadow = await classroomPage.page.evaluate(() => {
      const host = document.querySelector('sis-export-panel');
      return {
        shadow: Boolean(host?.shadowRoot?.querySelector('[data-testid=sis-panel]')),
        light: Boolean(document.querySelector('[data-testid=sis-panel]')),
      };
    });
    expect(inShadow).toEqual({ shadow: true, light: false });
    await classroomPage.screenshot('panel');
    await classroomPage.page.close();
  });

  it('is absent on the home page', async () => {
    const home = await openClassroom('/u/0/h');
    // The content script is there (it has a world in the page) but shows nothing on /h.
    const ran = await evaluateInContentScript<boolean>(
      home.page,
      browser.extensionId,
      'typeof chrome.runtime.id === "string"',
    );
    expect(ran).toBe(true);
    await home.page.waitForTimeout(500);
    expect(await home.panelHosts.count()).toBe(0);
    await home.page.close();
  });

  it('follows Classroom’s single-page navigation between class pages and home', async () => {
    const page = await openClassroom('/h');
    await page.navigate(`/c/${COURSE}`);
    await page.panel.waitFor();
    await page.navigate('/h');
    await page.panelHosts.waitFor({ state: 'detached' });
    await page.navigate(`/u/1/c/${OTHER_COURSE}/gb/sort-last-name/default`);
    await page.panel.waitFor();
    await expect
      .poll(() => page.panel.getByTestId('panel-course').textContent())
      .toBe('Classroom class 11159097167');
    await page.navigate(`/w/${OTHER_COURSE}/t/all`);
    await page.page.waitForTimeout(300);
    expect(await page.panelHosts.count()).toBe(1);
    // Only the first load hit the server: everything else was in-app navigation.
    expect(classroom.requests.filter((p) => p !== '/favicon.ico').at(-1)).toBe('/h');
    await page.page.close();
  });

  it('keeps storage.local out of reach of the content script', async () => {
    const options = await OptionsPage.open(browser);
    await options.page.evaluate(() =>
      (globalThis as unknown as InPage).chrome.storage.local.set({ probe: 'secret-value' }),
    );
    // The trusted options page reads it back …
    expect(
      await options.page.evaluate(() =>
        (globalThis as unknown as InPage).chrome.storage.local.get('probe'),
      ),
    ).toEqual({
      probe: 'secret-value',
    });
    // … the content script on Classroom cannot.
    const page = await openClassroom(`/c/${COURSE}`);
    await page.panel.waitFor();
    const attempt = await evaluateInContentScript<{ ok: boolean; value: string }>(
      page.page,
      browser.extensionId,
      `chrome.storage.local.get('probe').then(
         (v) => ({ ok: true, value: JSON.stringify(v) }),
         (e) => ({ ok: false, value: String(e && e.message) }))`,
    );
    expect(attempt).toEqual({
      ok: false,
      value: 'Access to storage is not allowed from this context.',
    });
    await options.page.evaluate(() =>
      (globalThis as unknown as InPage).chrome.storage.local.remove('probe'),
    );
    await options.page.close();
    await page.page.close();
  });
});

describe('the panel in Dutch', () => {
  it('speaks Dutch in a Dutch browser', async () => {
    const dutch = await launchWithExtension({ classroomPort: classroom.port, locale: 'nl' });
    try {
      const page = await ClassroomPage.open(await dutch.context.newPage(), `/c/${COURSE}`);
      await page.panel.waitFor();
      expect(await page.panel.getByRole('heading').textContent()).toBe(
        'SIS-klas koppelen / Cijfers exporteren',
      );
      await page.screenshot('panel-nl');
    } finally {
      await dutch.close();
    }
  });
});
