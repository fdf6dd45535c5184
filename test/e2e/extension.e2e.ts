import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsPage } from './pages/options-page';
import {
  EXTENSION_DIR,
  type ExtensionBrowser,
  launchWithExtension,
  PRODUCTION_DIR,
} from './support/browser';
import type { InPage } from './support/chrome-in-page';
import { type ClassroomServer, startClassroomServer } from './support/classroom-server';

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

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

describe('the built extension', () => {
  it('ships an MV3 manifest with storage, the Classroom content script and no SIS host permissions', () => {
    const manifest = readManifest(PRODUCTION_DIR);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage', 'unlimitedStorage', 'identity']);
    // SIS origins are asked for one by one from the Authorize click, never granted up front; the
    // only host granted up front is the Classroom API.
    expect(manifest.host_permissions).toEqual(['https://classroom.googleapis.com/*']);
    expect(manifest.optional_host_permissions).toEqual([
      'https://*/*',
      'http://127.0.0.1/*',
      'http://localhost/*',
      'http://[::1]/*',
    ]);
    expect(manifest.content_scripts).toEqual([
      expect.objectContaining({ matches: ['https://classroom.google.com/*'] }),
    ]);
    expect(manifest.background.service_worker).toBe('background.js');
    expect(manifest.default_locale).toBe('en');
    expect(manifest.storage.managed_schema).toBe('managed-schema.json');
  });

  it('pre-grants only the loopback sandbox SIS in the e2e build, and differs in nothing else', () => {
    const { host_permissions, ...e2e } = readManifest(EXTENSION_DIR);
    expect(host_permissions).toEqual(['https://classroom.googleapis.com/*', 'http://127.0.0.1/*']);
    const { host_permissions: production, ...rest } = readManifest(PRODUCTION_DIR);
    expect(production).toEqual(['https://classroom.googleapis.com/*']);
    expect(e2e).toEqual(rest);
  });

  it('starts its service worker', async () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    expect(browser.worker.url()).toBe(browser.extensionUrl('background.js'));
    const name = await browser.worker.evaluate(
      () => (globalThis as unknown as InPage).chrome.runtime.getManifest().name,
    );
    expect(name).toBe('SIS Grade Export for Google Classroom'); // localized by Chrome
  });

  it('renders the options page with the product name and the connection section', async () => {
    const options = await OptionsPage.open(browser);
    await expect(options.page.title()).resolves.toBe('SIS Grade Export for Google Classroom');
    await options.heading.waitFor();
    expect(await options.heading.textContent()).toBe('SIS Grade Export for Google Classroom');
    await options.page.getByTestId('connection-status').waitFor();
    expect(await options.connection.textContent()).toContain('Not connected.');
    expect(await options.page.textContent('footer')).toBe('Version 0.1.0');
    await options.screenshot('options');
    await options.page.close();
  });

  it('reports storage.local as restricted to trusted contexts', async () => {
    const options = await OptionsPage.open(browser);
    const status = await options.page.evaluate(() =>
      (globalThis as unknown as InPage).chrome.runtime.sendMessage({ type: 'getStatus', data: {} }),
    );
    expect(status).toEqual({
      ok: true,
      data: { version: '0.1.0', storageTrusted: true, connected: false, exportAllowed: false },
    });
    await options.page.close();
  });
});
