/**
 * The admin options page in real Chromium against the real sandbox SIS: connect in both sign-in
 * methods, each kind of failure, teacher permission as the background sees it, export rules,
 * the policy download, and an accessibility scan. (Disconnect: options-disconnect.e2e.ts; district
 * policy: options-managed.e2e.ts.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/index.ts';
import { OptionsPage } from './pages/options-page';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';
import { closedPort, type LocalServer, startHtmlServer } from './support/local-servers';

const DISTRICT = 'Riverside Unified School District';

let sis: Sandbox;
let html: LocalServer;
let browser: ExtensionBrowser;
let options: OptionsPage;

beforeAll(async () => {
  [sis, html] = await Promise.all([startSandbox({ seed: 4 }), startHtmlServer()]);
  browser = await launchWithExtension();
  options = await OptionsPage.open(browser);
  await options.status.waitFor();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([sis?.close(), html?.close()]);
});

const otherOAuth1 = () => ({
  partner: 'Other OneRoster server',
  mode: 'oauth1' as const,
  hostUrl: sis.baseUrl,
  accessKey: sis.credentials.oauth1.consumerKey,
  secret: sis.credentials.oauth1.consumerSecret,
});

describe('connecting an SIS on the options page', () => {
  it('checks every field before sending anything, and says what is wrong beside it', async () => {
    const { page } = options;
    await options.field('Select your SIS').selectOption({ label: 'Other OneRoster server' });
    await page.getByRole('radio', { name: 'OAuth 1.0a (signed requests)' }).check();
    await options.field('Host URL').fill('http://sis.example.org/ims/oneroster/v1p1#top');
    await page.getByRole('button', { name: 'Authorize' }).click();

    const host = options.field('Host URL');
    await expect.poll(() => host.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await host.getAttribute('aria-describedby')) ?? '';
    const hostError = page.locator(`[id="${describedBy.split(' ')[0]}"]`);
    expect(await hostError.textContent()).toContain('must start with https://');
    expect(await options.field('Access key').getAttribute('aria-invalid')).toBe('true');
    expect(await options.field('Secret code').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').first().textContent()).toContain('Nothing was sent');
    // Focus moves to the first problem, so keyboard users land on it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hostUrl');
    expect(sis.requestLog.entries).toEqual([]);
    expect(await options.seriousViolations()).toEqual([]);
    await options.screenshot('options-validation');
  });

  it('shows its own error for a wrong secret, a wrong URL, an HTML page and an unreachable host', async () => {
    const attempts = {
      'wrong-secret': { ...otherOAuth1(), secret: 'not-the-secret' },
      'wrong-url': { ...otherOAuth1(), hostUrl: `${sis.origin}/nothing/here` },
      'html-page': { ...otherOAuth1(), hostUrl: `${html.origin}/ims/oneroster/v1p1` },
      unreachable: {
        ...otherOAuth1(),
        hostUrl: `http://127.0.0.1:${await closedPort()}/ims/oneroster/v1p1`,
      },
    };
    const expected = {
      'wrong-secret': 'rejected the access key or secret code',
      // Authorize's check says which service and version it did not find there (#14).
      'wrong-url':
        'answers as the OneRoster 1.1 service for classes and students (rostering). Check the Host URL and the OneRoster version. It answered HTTP 404.',
      'html-page': 'It answered with a web page, perhaps the SIS',
      unreachable: 'could not be reached',
    };
    const messages = new Set<string>();
    for (const [name, input] of Object.entries(attempts)) {
      await options.fillConnection(input);
      expect(await options.authorize()).toBe('error');
      const text = (await options.error.textContent()) ?? '';
      expect(text).toContain(expected[name as keyof typeof expected]);
      expect(text).toContain('refresh the page and try again'); // the seed's tip
      messages.add(text);
      await options.screenshot(`options-error-${name}`);
    }
    expect(messages.size).toBe(4);
    // The wrong secret is marked on its field; nothing was saved as connected.
    expect(await options.status.textContent()).toContain('Not connected');
    expect(await options.send('getStatus')).toMatchObject({ data: { connected: false } });
  });

  it('authorizes Other OneRoster with OAuth 1.0a and names the district', async () => {
    sis.requestLog.entries.length = 0;
    await options.fillConnection(otherOAuth1());
    expect(await options.authorize()).toBe('success');
    expect(await options.success.textContent()).toContain(`Connected to ${DISTRICT}`);
    expect(await options.status.textContent()).toContain(`Connected to ${DISTRICT}`);
    expect(sis.requestLog.entries.map((entry) => [entry.path, entry.auth, entry.status])).toEqual([
      ['/api/ims/oneroster/v1p1/orgs', 'oauth1', 200],
      ['/api/ims/oneroster/v1p1/categories', 'oauth1', 200],
    ]);
    // The secret is never shown again, and no reply to the page carries it.
    expect(await options.page.getByTestId('secret-saved').textContent()).toBe('••••• saved');
    const secret = sis.credentials.oauth1.consumerSecret;
    expect(JSON.stringify(await options.send('getAdminState'))).not.toContain(secret);
    // Only the trusted extension pages can read it back from storage.local.
    expect(await options.storageLocal()).toMatchObject({ credentials: { secret } });
    expect(await options.send('getStatus')).toMatchObject({
      data: { connected: true, exportAllowed: true },
    });
    await options.screenshot('options-connected-oauth1');
  });

  it('authorizes Skyward with OAuth 2, composing the Host URL from the Application URL', async () => {
    sis.requestLog.entries.length = 0;
    await options.fillConnection({
      partner: 'Skyward (SMS 2.0 / Qmlativ)',
      mode: 'oauth2',
      applicationUrl: `${sis.origin}/`,
      tokenUrl: sis.tokenUrl,
      accessKey: sis.credentials.oauth2.clientId,
      secret: sis.credentials.oauth2.clientSecret,
    });
    expect(await options.field('Host URL').inputValue()).toBe(`${sis.baseUrl}/`);
    expect(await options.page.getByTestId('partner-status').textContent()).toContain('LMS API');
    expect(await options.authorize()).toBe('success');
    expect(await options.success.textContent()).toContain(`Connected to ${DISTRICT}`);
    const seen = sis.requestLog.entries.map((entry) => [entry.path, entry.auth]);
    expect(seen[0]).toEqual(['/oauth/token', 'oauth2']);
    expect(seen).toContainEqual(['/api/ims/oneroster/v1p1/orgs', 'oauth2']);
    expect(await options.storageLocal()).toMatchObject({
      connection: { partner: 'skyward', authMode: 'oauth2', tokenUrl: sis.tokenUrl },
      credentials: { secret: sis.credentials.oauth2.clientSecret },
    });
    await options.screenshot('options-connected-skyward-oauth2');
  });

  it('has teachers’ export permission honoured by the background', async () => {
    const checkbox = options.field('Enable export of coursework and grades');
    const save = options.page
      .getByTestId('teacher-permission')
      .getByRole('button', { name: 'Save' });
    expect(await checkbox.isChecked()).toBe(true);

    await checkbox.uncheck();
    await save.click();
    await options.page.getByTestId('teacher-permission').getByText('Saved.').waitFor();
    expect(await options.send('getStatus')).toMatchObject({
      data: { connected: true, exportAllowed: false },
    });
    await options.screenshot('options-teacher-permission-off');

    await checkbox.check();
    await save.click();
    await expect
      .poll(() => options.send('getStatus'))
      .toMatchObject({ data: { connected: true, exportAllowed: true } });
  });

  it('saves the export defaults, with the categories the SIS listed', async () => {
    const section = options.page.getByTestId('export-defaults');
    const category = [...sis.data.categories.values()][0];
    if (!category) throw new Error('the sandbox has no categories');
    await options.field('Default category for new line items').selectOption({
      label: category.title,
    });
    await options.field('Also export draft grades').check();
    await options.page.getByRole('radio', { name: 'Send a score of 0' }).check();
    await options.field('Title length limit').fill('many');
    await section.getByRole('button', { name: 'Save' }).click();
    expect(await options.field('Title length limit').getAttribute('aria-invalid')).toBe('true');

    await options.field('Title length limit').fill('40');
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByText('Saved.').waitFor();
    await options.reload();
    expect(await options.field('Default category for new line items').inputValue()).toBe(
      category.sourcedId,
    );
    expect(await options.field('Also export draft grades').isChecked()).toBe(true);
    expect(await options.field('Title length limit').inputValue()).toBe('40');
    await options.screenshot('options-export-defaults');
  });

  it('downloads the policy for the Admin console, with the secret only when asked', async () => {
    const policy = options.page.getByTestId('policy');
    const download = async () => {
      const [file] = await Promise.all([
        options.page.waitForEvent('download'),
        policy.getByRole('button', { name: 'Download policy' }).click(),
      ]);
      return JSON.parse(readFileSync((await file.path()) ?? '', 'utf8'));
    };
    const json = await download();
    expect(json).toMatchObject({
      sisPartner: { Value: 'skyward' },
      hostUrl: { Value: `${sis.baseUrl}/` },
      authMode: { Value: 'oauth2' },
      tokenUrl: { Value: sis.tokenUrl },
      accessKey: { Value: sis.credentials.oauth2.clientId },
      exportEnabled: { Value: true },
      titleLimit: { Value: 40 },
      lockSettings: { Value: false },
    });
    expect(json).not.toHaveProperty('secretCode');

    // The page never gets the saved secret back: to include it, the admin types it again.
    await options.field('Include the secret code').check();
    await policy.getByRole('button', { name: 'Download policy' }).click();
    expect(await options.field('Include the secret code').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await options.connection.getByRole('button', { name: 'Replace' }).click();
    await options.field('Secret code').fill(sis.credentials.oauth2.clientSecret);
    expect(await download()).toMatchObject({
      secretCode: { Value: sis.credentials.oauth2.clientSecret },
    });
    await options.screenshot('options-policy');
  });

  it('sets up Google Classroom data: the browser’s redirect URI, a checked and saved client id, in the policy', async () => {
    const google = options.page.getByTestId('google-access');
    // The real identity API's answer: what the admin registers for the OAuth client.
    expect(await options.field('Redirect URI to register').inputValue()).toBe(
      `https://${browser.extensionId}.chromiumapp.org/`,
    );
    await options.field('Google OAuth client ID').fill('my-client');
    await google.getByRole('button', { name: 'Save client ID' }).click();
    await expect
      .poll(() => options.field('Google OAuth client ID').getAttribute('aria-invalid'))
      .toBe('true');
    const clientId = '123456789012-abcdef123.apps.googleusercontent.com';
    await options.field('Google OAuth client ID').fill(clientId);
    await google.getByRole('button', { name: 'Save client ID' }).click();
    await google.getByText('Saved. Teachers sign in with Google').waitFor();
    await options.reload();
    expect(await options.field('Google OAuth client ID').inputValue()).toBe(clientId);
    const [file] = await Promise.all([
      options.page.waitForEvent('download'),
      options.page.getByTestId('policy').getByRole('button', { name: 'Download policy' }).click(),
    ]);
    const json = JSON.parse(readFileSync((await file.path()) ?? '', 'utf8'));
    expect(json.googleClientId).toEqual({ Value: clientId });
    await options.screenshot('options-google');
  });

  it('has no serious accessibility problems when connected', async () => {
    await options.reload();
    await options.page.locator('details.guide summary').click(); // scan the guide too
    expect(await options.seriousViolations()).toEqual([]);
  });
});
