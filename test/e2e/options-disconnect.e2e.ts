/**
 * Disconnect in a Dutch browser: the secret, the connection and the host permission go, and the
 * grades kept in this browser when the admin ticks the box (issue #11); class links stay. The SIS is reached as `localhost`, which the e2e build only has as an optional
 * permission (unlike its pre-granted 127.0.0.1, which Chromium refuses to remove), so the real
 * permissions.remove is what is tested. Its grant is seeded in the profile, as if an admin had
 * accepted the prompt before (see granted-host-access.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/index.ts';
import { LABELS, OptionsPage } from './pages/options-page';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import type { InPage } from './support/chrome-in-page';
import { grantHostAccessInProfile } from './support/granted-host-access';

const nl = LABELS.nl;
let sis: Sandbox;
let profile: string;
let browser: ExtensionBrowser;
let origin: string;

beforeAll(async () => {
  sis = await startSandbox({ seed: 5 });
  origin = `http://localhost:${sis.port}`;
  profile = mkdtempSync(join(tmpdir(), 'sis-export-profile-'));
  // First start registers the extension in the profile; then the grant is added while closed.
  const first = await launchWithExtension({ locale: 'nl', userDataDir: profile });
  await first.close();
  grantHostAccessInProfile(profile, first.extensionId, `${origin}/*`);
  browser = await launchWithExtension({ locale: 'nl', userDataDir: profile });
});
afterAll(async () => {
  await browser?.close();
  await sis?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('disconnecting the SIS (Dutch)', () => {
  it('removes the secret and the host permission, keeps class links, and says so in Dutch', async () => {
    const options = await OptionsPage.open(browser, nl);
    await options.status.waitFor();
    expect(await options.hasHostAccess(origin)).toBe(true);

    await options.fillConnection({
      partner: nl.other,
      mode: 'oauth1',
      hostUrl: `${origin}/api/ims/oneroster/v1p1`,
      accessKey: sis.credentials.oauth1.consumerKey,
      secret: sis.credentials.oauth1.consumerSecret,
    });
    expect(await options.authorize()).toBe('success');
    expect(await options.success.textContent()).toContain(
      'Verbonden met Riverside Unified School District',
    );
    await options.screenshot('options-nl-connected');

    // A class link made by the teacher workflow (its own storage key) must survive Disconnect.
    const classLinks = { 'classroom:596177745468': { sisClassId: 'class-1' } };
    await options.page.evaluate(
      (links) => (globalThis as unknown as InPage).chrome.storage.local.set({ classLinks: links }),
      classLinks,
    );
    // The grades an earlier export of that class left in its history.
    const historyKey = 'exportHistory:596177745468';
    await options.page.evaluate(
      (key) =>
        (globalThis as unknown as InPage).chrome.storage.local.set({
          [key]: {
            summaries: [],
            lastExported: { '2001': '2026-01-05T10:00:00.000Z' },
            previousResults: { 'result-1': { score: 8, scoreStatus: 'fully graded' } },
          },
        }),
      historyKey,
    );

    await options.page.getByRole('button', { name: nl.remove, exact: true }).click();
    const dialog = options.page.getByRole('dialog', { name: 'Verbinding met het SIS verbreken?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('blijven in het SIS staan');
    expect(await dialog.textContent()).toContain('in plaats van dubbele te maken');
    expect(await dialog.textContent()).toContain('Exports die nu lopen, stoppen meteen');
    expect(await dialog.textContent()).toContain('Hoe je ook kiest, dit blijft bewaard');
    const deleteGrades = dialog.getByLabel(
      'Ook de cijfers verwijderen die in deze browser zijn bewaard',
    );
    expect(await deleteGrades.isChecked()).toBe(false);
    await deleteGrades.check();
    await options.screenshot('options-nl-disconnect-dialog');
    await dialog.getByRole('button', { name: nl.disconnect, exact: true }).click();
    await options.page.getByText('Verbinding verbroken.', { exact: false }).waitFor();
    expect(await options.page.getByRole('status').last().textContent()).toContain(
      'De cijfers die in deze browser waren bewaard, zijn ook verwijderd.',
    );

    const stored = await options.storageLocal();
    expect(stored).not.toHaveProperty('credentials');
    expect(stored).not.toHaveProperty('connection');
    expect(JSON.stringify(stored)).not.toContain(sis.credentials.oauth1.consumerSecret);
    expect(stored.classLinks).toEqual(classLinks);
    // The grades are gone; when each coursework was last exported stays.
    expect(stored[historyKey]).toEqual({
      summaries: [],
      lastExported: { '2001': '2026-01-05T10:00:00.000Z' },
      previousResults: {},
    });
    expect(await options.hasHostAccess(origin)).toBe(false);
    expect(await options.send('getStatus')).toMatchObject({
      data: { connected: false, exportAllowed: false },
    });
    expect(await options.status.textContent()).toContain('Niet verbonden');
    await options.screenshot('options-nl-disconnected');
  });
});
