/**
 * A district policy, set for real through Chromium's policy files (support/managed-policy.ts):
 * the teacher's panel sends them to the options page to authorize this browser once; the options
 * page says "Managed by your organization", shows the policy's values read-only, authorizes with
 * the policy's secret, and the background itself refuses locked changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/index.ts';
import { ClassroomPage } from './pages/classroom-page';
import { OptionsPage } from './pages/options-page';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { type ClassroomServer, startClassroomServer } from './support/classroom-server';
import {
  canWritePolicies,
  installPolicy,
  type ManagedExtension,
  POLICY_DIR,
} from './support/managed-policy';

const writable = canWritePolicies();
if (!writable) console.warn(`Skipping the managed-policy e2e test: ${POLICY_DIR} is not writable`);

let sis: Sandbox;
let classroom: ClassroomServer;
let managed: ManagedExtension | undefined;
let browser: ExtensionBrowser | undefined;

beforeAll(async () => {
  if (!writable) return;
  sis = await startSandbox({ seed: 6 });
  managed = installPolicy({
    sisPartner: 'other',
    hostUrl: sis.baseUrl,
    authMode: 'oauth2',
    tokenUrl: sis.tokenUrl,
    accessKey: sis.credentials.oauth2.clientId,
    secretCode: sis.credentials.oauth2.clientSecret,
    exportEnabled: true,
    missingWork: 'zero',
    titleLimit: 60,
    lockSettings: true,
  });
  classroom = await startClassroomServer();
  browser = await launchWithExtension({
    extensionDir: managed.extensionDir,
    classroomPort: classroom.port,
  });
});
afterAll(async () => {
  await browser?.close();
  await classroom?.close();
  managed?.remove();
  await sis?.close();
});

describe.skipIf(!writable)('a district policy (managed storage)', () => {
  it('has the teacher’s panel open the options page, where this browser is authorized once', async () => {
    if (!browser || !managed) throw new Error('not set up');
    const classroomPage = await ClassroomPage.open(
      await browser.context.newPage(),
      '/c/NTk2MTc3NzQ1NDY4',
    );
    const status = classroomPage.panel.getByTestId('panel-status');
    await status.waitFor();
    expect(await status.textContent()).toContain('but this browser may not use it yet');
    const [optionsTab] = await Promise.all([
      browser.context.waitForEvent('page'),
      classroomPage.panel.getByRole('button', { name: "Open the extension's options" }).click(),
    ]);
    await optionsTab.waitForLoadState();
    expect(optionsTab.url()).toBe(browser.extensionUrl('options.html'));
    await optionsTab.close();
    await classroomPage.page.close();
  });

  it('pre-fills and locks the page, and the policy’s values are what gets authorized', async () => {
    if (!browser || !managed) throw new Error('not set up');
    expect(browser.extensionId).toBe(managed.extensionId);
    const options = await OptionsPage.open(browser);
    const banner = options.page.getByTestId('managed-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Managed by your organization');

    expect(await options.field('Select your SIS').inputValue()).toBe('other');
    expect(await options.field('Select your SIS').isDisabled()).toBe(true);
    for (const [label, value] of [
      ['Host URL', `${sis.baseUrl}/`],
      ['Token URL', sis.tokenUrl],
      ['Access key', sis.credentials.oauth2.clientId],
    ]) {
      expect(await options.field(label as string).inputValue()).toBe(value);
      expect(await options.field(label as string).getAttribute('readonly')).not.toBeNull();
    }
    expect(await options.page.getByTestId('secret-saved').textContent()).toBe(
      '••••• set by your organization',
    );
    // The page cannot read the policy's secret back either.
    const state = JSON.stringify(await options.send('getAdminState'));
    expect(state).not.toContain(sis.credentials.oauth2.clientSecret);
    expect(await options.send('getStatus')).toMatchObject({ data: { connected: false } });

    // Each browser still authorizes once (it must be granted the SIS origin); the check uses
    // the policy's values, secret included.
    expect(await options.authorize()).toBe('success');
    expect(await options.send('getStatus')).toMatchObject({
      data: { connected: true, exportAllowed: true },
    });
    expect(await options.field('Enable export of coursework and grades').isDisabled()).toBe(true);
    expect(await options.field('Title length limit').inputValue()).toBe('60');
    expect(await options.field('Title length limit').getAttribute('readonly')).not.toBeNull();
    expect(await options.page.getByRole('button', { name: 'Remove' }).count()).toBe(0);
    expect(await options.page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await options.screenshot('options-managed');

    // Hidden buttons are not the check: the background refuses locked changes itself.
    for (const [type, data] of [
      ['saveTeacherPermission', { exportEnabled: false }],
      ['disconnect', { deleteGradeData: false }],
    ] as const) {
      expect(await options.send(type, data)).toMatchObject({
        ok: false,
        error: { code: 'managed-locked' },
      });
    }
    expect(await options.seriousViolations()).toEqual([]);

    // Back on Classroom, the panel lets the teacher link the class.
    const classroomPage = await ClassroomPage.open(
      await browser.context.newPage(),
      '/c/NTk2MTc3NzQ1NDY4',
    );
    await classroomPage.panel.getByRole('button', { name: 'Find my classes' }).waitFor();
    expect(await classroomPage.panel.getByTestId('panel-setup').count()).toBe(0);
    await classroomPage.page.close();
  });
});
