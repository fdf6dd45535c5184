/**
 * The OAuth 2 token request in real Chromium (issue #11, L1), from the options page's Authorize:
 * a token URL answering 307 to another origin must not carry the client secret there (Chromium's
 * fetch would re-send the form body), and a token URL that never answers ends in its own clear
 * message rather than a request that waits for ever.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/index.ts';
import { OptionsPage } from './pages/options-page';
import { type ExtensionBrowser, launchWithExtension } from './support/browser';

interface RecordingServer {
  url: string;
  /** Request bodies, in arrival order. */
  bodies: string[];
  close(): Promise<void>;
}

/** A loopback server that records each request body and lets `answer` reply (or not). */
async function recordingServer(answer: (response: ServerResponse) => void) {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      bodies.push(body);
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/oauth/token`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  } satisfies RecordingServer;
}

let sis: Sandbox;
let elsewhere: RecordingServer;
let redirecting: RecordingServer;
let stalling: RecordingServer;
let browser: ExtensionBrowser;
let options: OptionsPage;

beforeAll(async () => {
  sis = await startSandbox({ seed: 4 });
  elsewhere = await recordingServer((response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ access_token: 'stolen', token_type: 'bearer' }));
  });
  redirecting = await recordingServer((response) => {
    response.writeHead(307, { location: elsewhere.url });
    response.end();
  });
  stalling = await recordingServer(() => {}); // accepts, never answers
  browser = await launchWithExtension();
  options = await OptionsPage.open(browser);
  await options.status.waitFor();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([sis, elsewhere, redirecting, stalling].map((server) => server?.close()));
});

const oauth2With = (tokenUrl: string) => ({
  partner: 'Other OneRoster server',
  mode: 'oauth2' as const,
  hostUrl: sis.baseUrl,
  tokenUrl,
  accessKey: sis.credentials.oauth2.clientId,
  secret: sis.credentials.oauth2.clientSecret,
});

describe('the OAuth 2 token request in Chromium', () => {
  it('refuses a 307 to another origin: the secret goes nowhere else', async () => {
    await options.fillConnection(oauth2With(redirecting.url));
    expect(await options.authorize()).toBe('error');
    expect(await options.error.textContent()).toContain('answered with a redirect');
    expect(redirecting.bodies).toHaveLength(1);
    expect(elsewhere.bodies).toEqual([]);
  });

  it('gives up on a token URL that never answers, with its own message', async () => {
    const startedAt = Date.now();
    await options.fillConnection(oauth2With(stalling.url));
    expect(await options.authorize()).toBe('error');
    expect(await options.error.textContent()).toContain('did not answer in time');
    // The token request's own 20 s deadline, not the 30 s of the OneRoster request around it.
    expect(Date.now() - startedAt).toBeLessThan(29_000);
    expect(stalling.bodies).toHaveLength(1);
  }, 45_000);
});
