/**
 * Issue #11, H1, as the review reproduced it in real Chromium: connect to the sandbox with
 * OAuth 2, then change only the Host URL and the Token URL to another server, leave
 * "••••• saved" alone and click Authorize. The other server (a second loopback port, which the
 * e2e build pre-grants) records every request it gets: it must get none, neither from the page
 * nor from the background asked directly, and the page must say why.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/index.ts';
import { OptionsPage } from './pages/options-page';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server that answers 200 to everything and keeps every request, headers and body. */
async function startRecordingServer() {
  const seen: Recorded[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      response.writeHead(200, {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Headers': '*',
      });
      response.end('{"access_token":"t","token_type":"Bearer","expires_in":3600,"orgs":[]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let sis: Sandbox;
let other: Awaited<ReturnType<typeof startRecordingServer>>;
let browser: ExtensionBrowser;
let options: OptionsPage;

beforeAll(async () => {
  [sis, other] = await Promise.all([startSandbox({ seed: 11 }), startRecordingServer()]);
  browser = await launchWithExtension();
  options = await OptionsPage.open(browser);
  await options.status.waitFor();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([sis?.close(), other?.close()]);
});

describe('a saved secret is only sent where it was saved for', () => {
  it('sends nothing to a new Host URL and Token URL until the secret is typed again', async () => {
    await options.fillConnection({
      partner: 'Other OneRoster server',
      mode: 'oauth2',
      hostUrl: sis.baseUrl,
      tokenUrl: sis.tokenUrl,
      accessKey: sis.credentials.oauth2.clientId,
      secret: sis.credentials.oauth2.clientSecret,
    });
    expect(await options.authorize()).toBe('success');
    await options.reload();
    expect(await options.page.getByTestId('secret-saved').textContent()).toBe('••••• saved');

    // Only the two URLs change; the secret is left as it is, and Authorize is clicked.
    await options.field('Host URL').fill(`${other.origin}/ims/oneroster/v1p1`);
    await options.field('Token URL').fill(`${other.origin}/oauth/token`);
    await options.connection.locator('button[type=submit]').click();
    await options.page.waitForFunction(() =>
      document.querySelector(
        '[data-testid=authorize-success], [data-testid=authorize-error], [aria-invalid=true]',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The review saw the client secret arrive here as HTTP Basic; now nothing arrives at all.
    expect(other.seen.map((r) => [r.method, r.url, r.headers.authorization ?? null])).toEqual([]);

    // The page said so up front: the saved secret became an empty, required field, and
    // Authorize marked it without sending anything.
    const secret = options.field('Secret code');
    expect(await secret.inputValue()).toBe('');
    expect(await secret.getAttribute('required')).not.toBeNull();
    expect(await secret.getAttribute('aria-invalid')).toBe('true');
    const hint = 'Host URL, Token URL changed: type the secret code again';
    expect(await options.connection.textContent()).toContain(hint);
    expect(await options.page.getByRole('alert').first().textContent()).toContain(
      'Nothing was sent',
    );
    await options.screenshot('options-secret-retype');

    // The background refuses the same draft by itself, whatever a page sends.
    const reply = await options.send('authorizeConnection', {
      partner: 'other',
      hostUrl: `${other.origin}/ims/oneroster/v1p1`,
      authMode: 'oauth2',
      tokenUrl: `${other.origin}/oauth/token`,
      accessKey: sis.credentials.oauth2.clientId,
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings', message: expect.stringContaining(hint) },
    });

    // Give anything that was sent time to arrive: nothing did.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(other.seen).toEqual([]);
    expect(await options.send('getAdminState')).toMatchObject({
      data: { connected: true, connection: { hostUrl: `${sis.baseUrl}/` } },
    });
  });
});
