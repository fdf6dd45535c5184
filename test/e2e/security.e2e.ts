/**
 * Hardening (issue #7), in real Chromium with the real background: secrets stay out of the
 * content script and the page, the page's own JavaScript cannot reach the background, forged or
 * misdirected messages are refused, no panel message can make the background contact a URL of
 * its choosing, bad Host URLs are refused by the background itself, and the secret never shows
 * up in any console, storage item other than its own, or the diagnostics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { ClassroomPage } from './pages/classroom-page';
import { OptionsPage } from './pages/options-page';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import type { InPage } from './support/chrome-in-page';
import {
  CLASSROOM_FIXTURES,
  type ClassroomServer,
  startClassroomServer,
} from './support/classroom-server';
import { evaluateInContentScript } from './support/isolated-world';

const GRADES = '/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default'; // course 596177745468
const OTHER_COURSE = '160022281054';
const SETTLE = { timeout: 10_000, interval: 200 };

let sis: Sandbox;
let classroom: ClassroomServer;
let browser: ExtensionBrowser;
let trap: Server;
let trapUrl = '';
const trapHits: string[] = [];
const consoleText: string[] = [];

beforeAll(async () => {
  trap = createServer((req, res) => {
    trapHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((done) => trap.listen(0, '127.0.0.1', done));
  trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}/ims/oneroster/v1p1`;
  [sis, classroom] = await Promise.all([
    startSandbox({ seed: 9 }),
    startClassroomServer({ [GRADES]: join(CLASSROOM_FIXTURES, 'grades-en.html') }),
  ]);
  browser = await launchWithExtension({ classroomPort: classroom.port });
  browser.worker.on('console', (m) => consoleText.push(m.text()));
  browser.context.on('page', (page) => page.on('console', (m) => consoleText.push(m.text())));

  const options = await OptionsPage.open(browser);
  await options.status.waitFor();
  await options.fillConnection({
    partner: 'Other OneRoster 1.1 server',
    mode: 'oauth1',
    hostUrl: sis.baseUrl,
    accessKey: sis.credentials.oauth1.consumerKey,
    secret: sis.credentials.oauth1.consumerSecret,
  });
  expect(await options.authorize()).toBe('success');
  await options.page.close();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([sis?.close(), classroom?.close()]);
  await new Promise<void>((done) => trap.close(() => done()));
});

async function openGrades() {
  const page = await ClassroomPage.open(await browser.context.newPage(), GRADES);
  await page.panel.waitFor(SETTLE);
  return page;
}

/** Sends a runtime message from the content script's own world and returns the reply. */
function fromContentScript(page: ClassroomPage, message: unknown) {
  return evaluateInContentScript<{ ok: boolean; error?: { code: string } }>(
    page.page,
    browser.extensionId,
    `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
  );
}

describe('security in the real browser', () => {
  it('the content script cannot read the stored secret (storage.local or session)', async () => {
    const page = await openGrades();
    for (const area of ['local', 'session']) {
      const attempt = await evaluateInContentScript<string>(
        page.page,
        browser.extensionId,
        `chrome.storage.${area}.get(null).then((v) => 'read ' + JSON.stringify(v), (e) => e.message)`,
      );
      expect(attempt).toBe('Access to storage is not allowed from this context.');
    }
    await page.page.close();
  });

  it('the page’s own JavaScript cannot message the extension at all', async () => {
    const page = await openGrades();
    const outcome = await page.page.evaluate(async (id) => {
      const runtime = (globalThis as unknown as Partial<InPage>).chrome?.runtime as
        | { sendMessage?: (id: string, message: unknown) => Promise<unknown> }
        | undefined;
      if (!runtime?.sendMessage) return 'no runtime messaging for web pages';
      try {
        return `answered ${JSON.stringify(await runtime.sendMessage(id, { type: 'getStatus', data: {} }))}`;
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
    }, browser.extensionId);
    expect(outcome).not.toMatch(/^answered/);
    await page.page.close();
  });

  it('refuses admin messages, forged payloads, unknown verbs and other classes from the panel', async () => {
    const page = await openGrades();
    const cases: Array<[unknown, string]> = [
      [{ type: 'getAdminState', data: {} }, 'forbidden-sender'],
      [{ type: 'disconnect', data: {} }, 'forbidden-sender'],
      [{ type: 'authorizeConnection', data: { hostUrl: trapUrl } }, 'forbidden-sender'],
      [{ type: 'fetch', data: { url: trapUrl } }, 'unknown-request'],
      [{ type: 'getPanelState', data: { courseId: 'not-digits' } }, 'invalid-request'],
      [
        { type: 'getPanelState', data: { courseId: '596177745468', extra: trapUrl } },
        'invalid-request',
      ],
      [{ type: 'getPanelState', data: { courseId: OTHER_COURSE } }, 'wrong-course'],
    ];
    for (const [message, code] of cases) {
      const reply = await fromContentScript(page, message);
      expect(reply, JSON.stringify(message)).toMatchObject({ ok: false, error: { code } });
    }
    await page.page.close();
  });

  it('no panel message can make the background contact a URL of the page’s choosing', async () => {
    const page = await openGrades();
    const courseId = '596177745468';
    const evil = `${trapUrl}/users?x=`;
    const messages = [
      { type: 'findTeacherClasses', data: { courseId, email: `t@${new URL(trapUrl).host}` } },
      { type: 'findTeacherClasses', data: { courseId, email: evil } },
      {
        type: 'linkClass',
        data: { courseId, sisClassId: evil, teacherSourcedId: evil, teacherEmail: 'a@b.org' },
      },
      {
        type: 'linkClass',
        data: {
          courseId,
          sisClassId: '../../../../evil',
          teacherSourcedId: '..',
          teacherEmail: 'a@b.org',
        },
      },
      { type: 'setStudentMatch', data: { courseId, studentKey: evil, sisStudentId: evil } },
      { type: 'unlinkClass', data: { courseId } },
    ];
    sis.requestLog.clear();
    for (const message of messages) await fromContentScript(page, message);
    expect(trapHits).toEqual([]);
    // Whatever the background did, it only ever spoke to the configured SIS, under its prefix.
    for (const entry of sis.requestLog.entries)
      expect(entry.path).toMatch(/^\/api\/ims\/oneroster\/v1p1\//);
    await page.page.close();
  });

  it('the background itself refuses Host URLs that are http (not loopback), carry userinfo or are javascript:', async () => {
    const options = await OptionsPage.open(browser);
    for (const hostUrl of [
      'http://sis.example.org/ims/oneroster/v1p1',
      'https://admin:pw@sis.example.org/',
      'javascript:alert(1)',
    ]) {
      const reply = await options.page.evaluate(
        (data) =>
          (globalThis as unknown as InPage).chrome.runtime.sendMessage({
            type: 'authorizeConnection',
            data,
          }),
        {
          partner: 'other',
          authMode: 'oauth1',
          hostUrl,
          accessKey: 'k',
          secret: 's',
        },
      );
      expect(reply, hostUrl).toMatchObject({
        ok: false,
        error: { code: expect.stringMatching(/invalid/) },
      });
    }
    expect(trapHits).toEqual([]);
    await options.page.close();
  });

  it('the secret never appears in a console, in other storage, or in the diagnostics', async () => {
    const secret = sis.credentials.oauth1.consumerSecret;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: 'https://classroom.google.com',
    });
    const page = await openGrades();
    await page.panel.getByRole('button', { name: 'Copy diagnostics' }).click(SETTLE);
    await expect
      .poll(() => page.fact('panel-diagnostics-status').textContent(), SETTLE)
      .toContain('copied');
    const diagnostics = await page.page.evaluate(() => navigator.clipboard.readText());
    expect(diagnostics.length).toBeGreaterThan(100);
    expect(diagnostics).not.toContain(secret);

    const options = await OptionsPage.open(browser);
    const stored = await options.page.evaluate(async () => {
      const { chrome } = globalThis as unknown as InPage;
      return JSON.stringify(await chrome.storage.local.get(null));
    });
    const parsed = JSON.parse(stored) as Record<string, unknown>;
    // Exactly one item holds it: the credentials item only the background reads.
    const holders = Object.entries(parsed).filter(([, value]) =>
      JSON.stringify(value).includes(secret),
    );
    expect(holders.map(([key]) => key)).toEqual(['credentials']);
    const pageText = await options.page.content();
    expect(pageText).not.toContain(secret);
    expect(consoleText.join('\n')).not.toContain(secret);
    await options.page.close();
    await page.page.close();
  });
});
