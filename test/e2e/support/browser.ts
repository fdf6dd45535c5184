/**
 * Debian Chromium (never a downloaded browser) driven by playwright-core, with the built
 * extension loaded and classroom.google.com mapped to the local fake Classroom.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

/** What `npm run build` ships: its manifest is checked, the tests do not load it. */
export const PRODUCTION_DIR = resolve(import.meta.dirname, '../../../.output/chrome-mv3');
/** The e2e build (`wxt build --mode e2e`): production plus pre-granted loopback host access. */
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/chrome-mv3-e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Where the fake classroom.google.com listens; omit when no test needs Classroom. */
  classroomPort?: number;
  /**
   * Where the fake Google (sandbox/google: accounts.google.com's sign-in and the Classroom API at
   * classroom.googleapis.com) listens; omit when no test needs it.
   */
  googlePort?: number;
  locale?: string;
  /** A copy of the e2e build elsewhere gets another extension id (see managed-policy.ts). */
  extensionDir?: string;
  /** Reuse a profile (e.g. to relaunch after editing it); it is then not deleted on close. */
  userDataDir?: string;
  /** Show the window (the demo, when a display is available); tests run headless. */
  headed?: boolean;
}

export async function launchWithExtension(options: LaunchOptions = {}) {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const ownProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'sis-export-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: !options.headed,
    locale: options.locale ?? 'en-US',
    viewport: { width: 1280, height: 800 },
    ignoreHTTPSErrors: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...hostResolverRules(options),
      `--lang=${options.locale ?? 'en-US'}`,
      // Without these, Chromium keeps dialling Google services this closed network refuses.
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  const browser: ExtensionBrowser = {
    context,
    worker,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    close: async () => {
      await context.close();
      if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return browser;
}

/** The real hostnames the fake servers answer for, each mapped to its local port. */
function hostResolverRules({ classroomPort, googlePort }: LaunchOptions): string[] {
  const rules = [
    ...(classroomPort === undefined ? [] : [`MAP classroom.google.com 127.0.0.1:${classroomPort}`]),
    ...(googlePort === undefined
      ? []
      : [
          `MAP accounts.google.com 127.0.0.1:${googlePort}`,
          `MAP classroom.googleapis.com 127.0.0.1:${googlePort}`,
        ]),
  ];
  // The fakes' certificates are self-signed; the service worker's fetches need the flag too.
  return rules.length === 0
    ? []
    : [`--host-resolver-rules=${rules.join(', ')}`, '--ignore-certificate-errors'];
}
