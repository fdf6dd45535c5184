/**
 * Hardening (issue #7), in real Chromium with the real background: secrets stay out of the
 * content script and the page, the page's own JavaScript cannot reach the background, forged or
 * misdirected messages are refused, no panel message can make the background contact a URL of
 * its choosing, bad Host URLs are refused by the background itself, and the secret never shows
 * up in any console, storage item other than its own, or the diagnostics. The page's own
 * JavaScript can neither read the panel nor press its controls (issue #11 M2).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/index.ts';
import { ClassroomPage, PANEL_HOST } from './pages/classroom-page';
import { OptionsPage } from './pages/options-page';
import { TeacherPanel } from './pages/teacher-panel';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import type { InPage } from './support/chrome-in-page';
import {
  CLASSROOM_FIXTURES,
  type ClassroomServer,
  startClassroomServer,
} from './support/classroom-server';
import { revealShadowRoots } from './support/closed-shadow-root';
import { evaluateInContentScript } from './support/isolated-world';
import { type ClassFixture, teacherClasses, writeClassFixture } from './support/sandbox-class';

const GRADES = '/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default'; // course 596177745468
const OTHER_COURSE = '160022281054';
const SETTLE = { timeout: 10_000, interval: 200 };

let sis: Sandbox;
/** A class of the sandbox teacher, two students renamed so the panel lists the SIS roster. */
let attacked: ClassFixture;
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
  sis = await startSandbox({ seed: 9 });
  const [first] = teacherClasses(sis);
  if (!first) throw new Error('the sandbox teacher has no class');
  attacked = writeClassFixture(sis, first, '734512908820', { renamed: [0, 1] });
  classroom = await startClassroomServer({
    [GRADES]: join(CLASSROOM_FIXTURES, 'grades-en.html'),
    [attacked.page.path]: attacked.file,
  });
  browser = await launchWithExtension({ classroomPort: classroom.port });
  browser.worker.on('console', (m) => consoleText.push(m.text()));
  browser.context.on('page', (page) => page.on('console', (m) => consoleText.push(m.text())));

  const options = await OptionsPage.open(browser);
  await options.status.waitFor();
  await options.fillConnection({
    partner: 'Other OneRoster server',
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

/**
 * What the page's own script (main world) can read of the panel by DOM routes, as one text: the
 * host's shadowRoot, a deep querySelector walk through every shadow root it can open, the serialized
 * document (attributes of the host included) with serializable shadow roots, innerText and
 * textContent, a select-all, the focused element, the paths of events coming out of the panel,
 * and every shadow root the page's own attachShadow was asked for.
 */
function readPanelAsPageScript(): string {
  const host = document.querySelector('sis-export-panel');
  const found: string[] = [`shadowRoot=${String(host?.shadowRoot)}`];
  const walk = (root: Document | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) {
        found.push(element.shadowRoot.innerHTML);
        walk(element.shadowRoot);
      }
    }
  };
  walk(document);
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is one of the routes
  found.push(document.documentElement.outerHTML, document.body.innerText);
  found.push(document.body.textContent ?? '');
  found.push(document.body.getHTML({ serializableShadowRoots: true }));
  found.push(String(document.activeElement?.shadowRoot?.innerHTML));
  const selection = getSelection();
  selection?.selectAllChildren(document.body);
  found.push(String(selection));
  selection?.removeAllRanges();
  const spied = globalThis as unknown as { pathsSeen?: string[]; rootsSeen?: ShadowRoot[] };
  found.push(...(spied.pathsSeen ?? []), ...(spied.rootsSeen ?? []).map((r) => r.innerHTML));
  return found.join('\n');
}

/** Runs in the page's main world before any script: the page spies as well as it can. */
function spyAsPageScript() {
  const spied = globalThis as unknown as { pathsSeen: string[]; rootsSeen: ShadowRoot[] };
  spied.pathsSeen = [];
  spied.rootsSeen = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    spied.rootsSeen.push(root);
    return root;
  };
  for (const type of ['click', 'focusin', 'input', 'keydown', 'change', 'pointerdown']) {
    window.addEventListener(
      type,
      (event) => {
        for (const node of event.composedPath()) {
          if (node instanceof Element) spied.pathsSeen.push(node.outerHTML.slice(0, 2000));
        }
      },
      true,
    );
  }
}

/**
 * Page script with the panel's root in hand (as if it were open) presses everything in it the
 * ways script can: `.click()`, dispatched clicks, Enter and Space keys, a submitted form (also
 * `requestSubmit()`, which the browser marks trusted), every select option chosen and changed,
 * every field typed into. Returns how many controls it pressed.
 */
function pressPanelAsPageScript(): number {
  const root = document.querySelector('sis-export-panel')?.shadowRoot;
  if (!root) throw new Error('page script has no panel root');
  let pressed = 0;
  for (const element of root.querySelectorAll('button, input, select, form')) {
    pressed++;
    if (element instanceof HTMLFormElement) {
      element.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      element.requestSubmit();
      continue;
    }
    if (element instanceof HTMLSelectElement) {
      for (const option of element.options) {
        element.value = option.value;
        element.dispatchEvent(new Event('input', { bubbles: true }));
        element.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
    if (element instanceof HTMLInputElement && !['checkbox', 'radio'].includes(element.type)) {
      element.value = 'page-script@evil.example';
      element.dispatchEvent(new Event('input', { bubbles: true }));
    }
    (element as HTMLElement).click();
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    for (const key of ['Enter', ' ']) {
      element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      element.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
    }
  }
  return pressed;
}

describe('the page’s own JavaScript and the panel', () => {
  const WAIT = { timeout: 30_000 };
  let teacher: TeacherPanel;
  /** The SIS data the panel shows the teacher: the other classes' titles, the roster's emails. */
  let secrets: string[];

  /** Message types the background received since `spyOnBackground`, getPanelState aside. */
  const actionsSeen = () =>
    browser.context.serviceWorkers()[0]?.evaluate(() => {
      const seen = (globalThis as unknown as { seenByTest?: string[] }).seenByTest;
      if (!seen) throw new Error('the worker restarted: the spy is gone');
      return seen.filter((type) => type !== 'getPanelState');
    });

  beforeAll(async () => {
    const worker = browser.context.serviceWorkers()[0];
    await worker?.evaluate(() => {
      const spy = globalThis as unknown as { seenByTest: string[] };
      spy.seenByTest = [];
      (globalThis as unknown as InPage).chrome.runtime.onMessage.addListener((message) => {
        spy.seenByTest.push(String((message as { type?: string })?.type));
      });
    });
    const page = await browser.context.newPage();
    await page.addInitScript(spyAsPageScript);
    // Only Playwright's own world is let into the closed root, to drive the panel as the teacher.
    teacher = new TeacherPanel(await ClassroomPage.open(page, attacked.page.path, ['utility']));
    const taught = teacherClasses(sis);
    secrets = [
      ...taught
        .filter((c) => c.klass.sourcedId !== attacked.klass.sourcedId)
        .map((c) => c.klass.title),
      ...(taught[0]?.students ?? []).map((s) => s.email),
    ];
  });

  it('cannot read the SIS classes or the roster the panel shows, by any DOM route', async () => {
    const { page } = teacher.classroom;
    await teacher.findClasses();
    for (const title of secrets.slice(0, 2)) {
      await teacher.panel.getByText(title, { exact: true }).waitFor(WAIT); // on screen
    }
    await teacher.panel.getByRole('radio').first().click(); // an event out of the panel
    let reading = await page.evaluate(readPanelAsPageScript);
    expect(reading).toContain('shadowRoot=null');
    for (const secret of secrets) expect(reading).not.toContain(secret);

    await teacher.linkClass(attacked.klass.title);
    await teacher.waitForPreview();
    const roster = await teacher.byTestId('student-matching').innerHTML();
    const emails = secrets.filter((secret) => secret.includes('@'));
    expect(emails.length).toBeGreaterThan(5);
    expect(secrets.length).toBeGreaterThan(emails.length);
    expect(emails.filter((email) => roster.includes(email)).length).toBe(emails.length);
    await teacher.panel.locator('select').first().focus();
    reading = await page.evaluate(readPanelAsPageScript);
    expect(reading).toContain('shadowRoot=null');
    for (const secret of secrets) expect(reading).not.toContain(secret);
    // The host in the page carries nothing but its name.
    expect(await page.evaluate((name) => document.querySelector(name)?.outerHTML, PANEL_HOST)).toBe(
      `<${PANEL_HOST}></${PANEL_HOST}>`,
    );
  });

  it('cannot press the panel’s controls even with its shadow root in hand', async () => {
    const { page } = teacher.classroom;
    // As if the root were open: page script reaches every control inside it.
    await revealShadowRoots(page, PANEL_HOST, ['main']);
    /** Page script presses everything; the background hears nothing, the SIS gets nothing. */
    const pressEverything = async () => {
      const before = await actionsSeen();
      sis.requestLog.clear();
      expect(await page.evaluate(pressPanelAsPageScript)).toBeGreaterThan(0);
      await page.waitForTimeout(1_000);
      expect(await actionsSeen()).toEqual(before);
      expect(sis.requestLog.entries.map((e) => `${e.method} ${e.path}`)).toEqual([]);
    };

    // The preview: student picks, coursework choices, Export, Close.
    await pressEverything();
    expect(await teacher.byTestId('export-preview').count()).toBe(1);
    // "Export grades", Unlink, then Unlink's confirmation.
    await teacher.button(teacher.labels.close).click();
    await teacher.button(teacher.labels.exportGrades).waitFor(WAIT);
    await pressEverything();
    await teacher.button('Unlink').click();
    await teacher.button('Yes, unlink').waitFor(WAIT);
    await pressEverything();
    expect(await teacher.byTestId('linked-class').count()).toBe(1);
    // Not linked: Find, the class list, Link.
    await teacher.button('Yes, unlink').click();
    await teacher.findClasses();
    await pressEverything();
    expect(await teacher.byTestId('linked-class').count()).toBe(0);

    // A running export: Cancel.
    await teacher.linkClass(attacked.klass.title);
    await teacher.waitForPreview();
    sis.setFaults({ latencyMs: 250 });
    await teacher.startExport();
    await teacher.progress.waitFor(WAIT);
    const started = (await actionsSeen()) ?? [];
    await page.evaluate(pressPanelAsPageScript);
    await teacher.summary.waitFor({ timeout: 60_000 });
    sis.setFaults({ latencyMs: 0 });
    expect(await actionsSeen()).toEqual(started);
    expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export finished');
    // Playwright's clicks are real, trusted input: the teacher's own clicks did all of that.
    expect(started).toEqual(
      expect.arrayContaining(['findTeacherClasses', 'linkClass', 'unlinkClass', 'startExport']),
    );
  });
});
