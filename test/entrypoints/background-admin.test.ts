/**
 * The options page's messages through the real router and handlers, with the real OneRoster
 * client and authenticators against the real sandbox SIS. The browser's permission and policy
 * APIs are the two seams (BackgroundDependencies): fakeBrowser has neither, so small in-memory
 * stand-ins play them here and the e2e tests prove the real ones.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '@/entrypoints/background/handlers';
import { createRouter } from '@/lib/messaging/router';
import type { ManagedPolicy } from '@/lib/settings/managed-policy';
import type { HostAccess } from '@/lib/sis/host-access';
import { type Sandbox, startSandbox } from '../../sandbox/index.ts';

const OPTIONS = {
  id: fakeBrowser.runtime.id,
  url: `chrome-extension://${fakeBrowser.runtime.id}/options.html`,
  tab: { id: 2 },
};
const PANEL = {
  id: fakeBrowser.runtime.id,
  url: 'https://classroom.google.com/c/NTk2MTc3NzQ1NDY4',
  frameId: 0,
  tab: { id: 1 },
};

let sis: Sandbox;
beforeAll(async () => {
  sis = await startSandbox({ seed: 8 });
});
afterAll(() => sis.close());

/** Host permissions as a set of granted origins, with the calls it saw. */
function memoryHostAccess(granted: string[]) {
  const origins = new Set(granted);
  const revoked: string[][] = [];
  const access: HostAccess = {
    async has(list) {
      return list.every((origin) => origins.has(origin));
    },
    async revoke(list) {
      revoked.push([...list]);
      for (const origin of list) origins.delete(origin);
      return true;
    },
  };
  return { access, origins, revoked };
}

let host: ReturnType<typeof memoryHostAccess>;
let policy: ManagedPolicy;
let trusted: boolean;
/** Every request the background made: where, and whether it carried credentials. */
let requests: Array<{
  url: string;
  authorization: string | null;
  vendor: string | null;
  body: string;
}>;

/** The real fetch, recording each request first; the elsewhere origin never answers. */
const recordingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  requests.push({
    url: request.url,
    authorization: request.headers.get('authorization'),
    vendor: request.headers.get('x-vendor-authorization'),
    body: await request.clone().text(),
  });
  if (request.url.startsWith(ELSEWHERE)) return new Response('{}', { status: 200 });
  return fetch(request);
};
const ELSEWHERE = 'https://elsewhere.example.org';
const sentElsewhere = () => requests.filter((r) => r.url.startsWith(ELSEWHERE));

function send(type: string, data: unknown = {}, sender: object = OPTIONS) {
  const route = createRouter(
    createHandlers(
      { storageTrusted: Promise.resolve(trusted) },
      { hostAccess: host.access, readPolicy: async () => policy, fetch: recordingFetch },
    ),
    { extensionId: fakeBrowser.runtime.id, optionsUrl: OPTIONS.url },
  );
  return route({ type, data }, sender);
}

beforeEach(() => {
  host = memoryHostAccess([sis.origin, ELSEWHERE]);
  policy = {};
  trusted = true;
  requests = [];
});

const oauth1Draft = () => ({
  partner: 'other',
  hostUrl: sis.baseUrl,
  authMode: 'oauth1',
  accessKey: sis.credentials.oauth1.consumerKey,
  secret: sis.credentials.oauth1.consumerSecret,
});

describe('authorizeConnection', () => {
  it('checks the SIS live, saves the connection, and never sends the secret back', async () => {
    const reply = await send('authorizeConnection', oauth1Draft());
    expect(reply).toMatchObject({
      ok: true,
      data: {
        orgName: 'Riverside Unified School District',
        categoriesListed: true,
        state: { connected: true, exportAllowed: true, secret: 'saved' },
      },
    });
    expect(JSON.stringify(reply)).not.toContain(sis.credentials.oauth1.consumerSecret);
    expect(await fakeBrowser.storage.local.get(['connection', 'credentials'])).toMatchObject({
      connection: { partner: 'other', hostUrl: `${sis.baseUrl}/`, authMode: 'oauth1' },
      credentials: { secret: sis.credentials.oauth1.consumerSecret },
    });
    expect(await send('getStatus')).toMatchObject({
      data: { connected: true, exportAllowed: true },
    });
  });

  it('tells the page when the browser took the SIS origin back, until Authorize asks for it again', async () => {
    await send('authorizeConnection', oauth1Draft());
    expect(await send('getAdminState')).toMatchObject({ data: { hostAccessMissing: false } });
    host.origins.delete(sis.origin); // Chrome's site access menu
    expect(await send('getAdminState')).toMatchObject({
      data: { connected: true, hostAccessMissing: true },
    });
    host.origins.add(sis.origin); // granted again by the Authorize click
    const reply = await send('authorizeConnection', { ...oauth1Draft(), secret: undefined });
    expect(reply).toMatchObject({ ok: true, data: { state: { hostAccessMissing: false } } });
  });

  it('re-authorizes with the saved secret when none is typed', async () => {
    await send('authorizeConnection', oauth1Draft());
    const { secret: _, ...withoutSecret } = oauth1Draft();
    expect(await send('authorizeConnection', withoutSecret)).toMatchObject({ ok: true });
  });

  it('saves nothing when the SIS refuses, and says why with its code', async () => {
    const reply = await send('authorizeConnection', { ...oauth1Draft(), secret: 'wrong' });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'bad-credentials',
        message: expect.stringContaining('rejected the access key or secret code'),
      },
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('re-checks the form itself and refuses bad input before any request', async () => {
    sis.requestLog.entries.length = 0;
    const reply = await send('authorizeConnection', {
      ...oauth1Draft(),
      hostUrl: 'http://sis.example.org/ims',
      accessKey: ' ',
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-settings',
        message: expect.stringMatching(/must start with https:\/\/.*Enter the access key\./),
      },
    });
    expect(sis.requestLog.entries).toEqual([]);
  });

  it('refuses an origin it was not granted', async () => {
    host = memoryHostAccess([]);
    const reply = await send('authorizeConnection', oauth1Draft());
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'host-permission-missing', message: expect.stringContaining(sis.origin) },
    });
  });

  it('refuses to store a secret when storage.local could not be restricted', async () => {
    trusted = false;
    expect(await send('authorizeConnection', oauth1Draft())).toMatchObject({
      ok: false,
      error: { code: 'storage-untrusted' },
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('uses the policy’s values over the page’s, and never copies the policy’s secret', async () => {
    policy = {
      sisPartner: 'other',
      hostUrl: sis.baseUrl,
      authMode: 'oauth2',
      tokenUrl: sis.tokenUrl,
      accessKey: sis.credentials.oauth2.clientId,
      secretCode: sis.credentials.oauth2.clientSecret,
    };
    const reply = await send('authorizeConnection', {
      partner: 'aeries',
      hostUrl: 'https://elsewhere.example.org/ims',
      authMode: 'oauth1',
      accessKey: 'typed',
      secret: 'typed-secret',
    });
    expect(reply).toMatchObject({
      ok: true,
      data: { state: { connected: true, secret: 'managed' } },
    });
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored.connection).toMatchObject({ partner: 'other', authMode: 'oauth2' });
    expect(JSON.stringify(stored)).not.toContain(sis.credentials.oauth2.clientSecret);
    expect(JSON.stringify(stored)).not.toContain('typed-secret');
  });

  it('is refused to the Classroom panel', async () => {
    expect(await send('authorizeConnection', oauth1Draft(), PANEL)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await send('getAdminState', {}, PANEL)).toMatchObject({
      error: { code: 'forbidden-sender' },
    });
  });
});

describe('a saved secret goes only where it was saved for (issue #11, H1)', () => {
  const oauth2Draft = () => ({
    partner: 'other',
    hostUrl: sis.baseUrl,
    authMode: 'oauth2',
    tokenUrl: sis.tokenUrl,
    accessKey: sis.credentials.oauth2.clientId,
    secret: sis.credentials.oauth2.clientSecret,
  });
  const withoutSecret = <T extends { secret?: string }>({ secret: _, ...rest }: T) => rest;

  it('refuses a new Host URL and Token URL without the secret, and sends nothing there', async () => {
    await send('authorizeConnection', oauth2Draft());
    requests = [];
    const reply = await send('authorizeConnection', {
      ...withoutSecret(oauth2Draft()),
      hostUrl: `${ELSEWHERE}/ims/oneroster/v1p1`,
      tokenUrl: `${ELSEWHERE}/oauth/token`,
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-settings',
        message: expect.stringContaining('Host URL, Token URL changed: type the secret code again'),
      },
    });
    expect(requests).toEqual([]);
    // Still the old connection, with its secret.
    expect(await send('getAdminState')).toMatchObject({
      data: { connected: true, form: { hostUrl: `${sis.baseUrl}/` } },
    });
  });

  it('refuses a new Token URL alone (the OAuth 2 secret travels to it)', async () => {
    await send('authorizeConnection', oauth2Draft());
    requests = [];
    const reply = await send('authorizeConnection', {
      ...withoutSecret(oauth2Draft()),
      tokenUrl: `${ELSEWHERE}/oauth/token`,
    });
    expect(reply).toMatchObject({
      error: { message: expect.stringContaining('Token URL changed') },
    });
    expect(requests).toEqual([]);
  });

  it.each([
    ['access key', { accessKey: 'another-key' }, 'Access key changed'],
    ['sign-in method', { authMode: 'oauth2', tokenUrl: 'TOKEN' }, 'Sign-in method changed'],
  ])('refuses a changed %s without the secret', async (_name, change, named) => {
    await send('authorizeConnection', oauth1Draft());
    requests = [];
    const tokenUrl = 'tokenUrl' in change ? { tokenUrl: sis.tokenUrl } : {};
    const reply = await send('authorizeConnection', {
      ...withoutSecret(oauth1Draft()),
      ...change,
      ...tokenUrl,
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings', message: expect.stringContaining(named) },
    });
    expect(requests).toEqual([]);
  });

  it('uses the saved secret when nothing it is bound to changed (a new path on its origin too)', async () => {
    await send('authorizeConnection', oauth2Draft());
    requests = [];
    expect(await send('authorizeConnection', withoutSecret(oauth2Draft()))).toMatchObject({
      ok: true,
    });
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.url.startsWith(sis.origin))).toBe(true);
  });

  it('sends a newly typed secret to the new address', async () => {
    await send('authorizeConnection', oauth2Draft());
    requests = [];
    await send('authorizeConnection', {
      ...oauth2Draft(),
      secret: 'typed-for-elsewhere',
      hostUrl: `${ELSEWHERE}/ims/oneroster/v1p1`,
      tokenUrl: `${ELSEWHERE}/oauth/token`,
    });
    expect(sentElsewhere().length).toBeGreaterThan(0);
    expect(JSON.stringify(requests)).not.toContain(sis.credentials.oauth2.clientSecret);
  });

  it('asks for a saved vendor authorization again too, and never sends it elsewhere', async () => {
    const campus = { ...oauth2Draft(), partner: 'infinite-campus', vendorAuthorization: 'vk:vs' };
    expect(await send('authorizeConnection', campus)).toMatchObject({
      data: { state: { vendorAuthorization: 'saved' } },
    });
    requests = [];
    const { vendorAuthorization: _, ...withoutVendor } = campus;
    const reply = await send('authorizeConnection', {
      ...withoutVendor,
      secret: 'typed-for-elsewhere',
      hostUrl: `${ELSEWHERE}/ims/oneroster/v1p1`,
      tokenUrl: `${ELSEWHERE}/oauth/token`,
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        message: expect.stringContaining(
          'Host URL, Token URL changed: type the vendor authorization again',
        ),
      },
    });
    expect(requests).toEqual([]);
  });

  it('uses a policy’s secret only with the policy’s own URLs', async () => {
    policy = {
      sisPartner: 'other',
      authMode: 'oauth2',
      accessKey: sis.credentials.oauth2.clientId,
      secretCode: sis.credentials.oauth2.clientSecret,
    };
    const pageUrls = {
      partner: 'other',
      authMode: 'oauth2',
      accessKey: 'typed',
      hostUrl: `${ELSEWHERE}/ims/oneroster/v1p1`,
      tokenUrl: `${ELSEWHERE}/oauth/token`,
    };
    expect(await send('authorizeConnection', pageUrls)).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-settings',
        message: expect.stringContaining(
          'The secret code set by your organization is only sent to the Host URL and Token URL its policy sets',
        ),
      },
    });
    // The policy sets the Host URL but not the Token URL: still refused.
    policy = { ...policy, hostUrl: sis.baseUrl };
    expect(await send('authorizeConnection', pageUrls)).toMatchObject({ ok: false });
    expect(requests).toEqual([]);
    // Both set by the policy: the page's URLs are overridden and the secret is used.
    policy = { ...policy, tokenUrl: sis.tokenUrl };
    expect(await send('authorizeConnection', pageUrls)).toMatchObject({ ok: true });
    expect(requests.every((r) => r.url.startsWith(sis.origin))).toBe(true);
  });
});

describe('teacher permission and export defaults', () => {
  it('turns exporting off and on, as getStatus reports to the panel', async () => {
    await send('authorizeConnection', oauth1Draft());
    expect(await send('saveTeacherPermission', { exportEnabled: false })).toMatchObject({
      ok: true,
      data: { exportEnabled: false, exportAllowed: false },
    });
    expect(await send('getStatus', {}, PANEL)).toMatchObject({
      data: { connected: true, exportAllowed: false },
    });
    await send('saveTeacherPermission', { exportEnabled: true });
    expect(await send('getStatus', {}, PANEL)).toMatchObject({ data: { exportAllowed: true } });
  });

  it('saves export defaults with a category the SIS listed, and refuses one it did not', async () => {
    await send('authorizeConnection', oauth1Draft());
    const category = [...sis.data.categories.values()][0]?.sourcedId;
    const defaults = {
      categoryId: category,
      exportDrafts: true,
      missingWork: 'zero',
      titleLimit: 40,
    };
    expect(await send('saveExportDefaults', defaults)).toMatchObject({
      ok: true,
      data: { exportDefaults: defaults },
    });
    expect(await send('saveExportDefaults', { ...defaults, categoryId: 'nope' })).toMatchObject({
      error: { code: 'invalid-settings' },
    });
    expect(await send('saveExportDefaults', { ...defaults, titleLimit: -1 })).toMatchObject({
      error: { code: 'invalid-request' },
    });
  });

  it('refuses changes a locked policy manages', async () => {
    await send('authorizeConnection', oauth1Draft());
    policy = { lockSettings: true };
    for (const [type, data] of [
      ['saveTeacherPermission', { exportEnabled: false }],
      ['saveExportDefaults', { categoryId: null, exportDrafts: false, missingWork: 'skip' }],
      ['disconnect', { deleteGradeData: false }],
    ] as const) {
      expect(await send(type, data)).toMatchObject({
        ok: false,
        error: { code: 'managed-locked' },
      });
    }
    policy = { exportEnabled: true };
    expect(await send('saveTeacherPermission', { exportEnabled: false })).toMatchObject({
      error: { code: 'managed-locked' },
    });
  });
});

describe('disconnect', () => {
  it('deletes the secret and the connection, revokes the origin, and keeps class links', async () => {
    await send('authorizeConnection', oauth1Draft());
    await send('saveTeacherPermission', { exportEnabled: false });
    await fakeBrowser.storage.local.set({ classLinks: { course: 'sis-class' } });

    const reply = await send('disconnect', { deleteGradeData: false });
    expect(reply).toMatchObject({
      ok: true,
      data: {
        hostAccessRevoked: true,
        state: { connected: false, secret: 'none', connection: null },
      },
    });
    expect(host.revoked).toEqual([[sis.origin]]);
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored).toEqual({ classLinks: { course: 'sis-class' } });
    // Reconnecting starts with exporting on again, as after a first connect.
    host = memoryHostAccess([sis.origin]);
    expect(await send('authorizeConnection', oauth1Draft())).toMatchObject({
      data: { state: { exportEnabled: true, exportAllowed: true } },
    });
  });
});

describe('OneRoster versions at Authorize (issue #14)', () => {
  const oauth2Draft = () => ({
    partner: 'other',
    hostUrl: sis.baseUrl,
    authMode: 'oauth2',
    tokenUrl: sis.tokenUrl,
    accessKey: sis.credentials.oauth2.clientId,
    secret: sis.credentials.oauth2.clientSecret,
    version: '1.1',
  });

  it('says which version it confirmed and the base it reached, and keeps the version', async () => {
    const reply = await send('authorizeConnection', oauth2Draft());
    expect(reply).toMatchObject({
      ok: true,
      data: {
        version: '1.1',
        bases: { rostering: `${sis.baseUrl}/`, gradebook: `${sis.baseUrl}/` },
        state: { connection: { version: '1.1' }, form: { version: '1.1' } },
      },
    });
    expect(await fakeBrowser.storage.local.get('connection')).toMatchObject({
      connection: { version: '1.1' },
    });
  });

  it('refuses 1.2 with OAuth 1.0a before any request', async () => {
    const reply = await send('authorizeConnection', { ...oauth1Draft(), version: '1.2' });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings', message: expect.stringContaining('OAuth 2 only') },
    });
    expect(requests).toEqual([]);
  });

  it('needs the host permission of a gradebook base on another origin', async () => {
    const reply = await send('authorizeConnection', {
      ...oauth2Draft(),
      version: '1.2',
      gradebookUrl: 'https://gradebook.example.net/ims/oneroster/gradebook/v1p2',
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'host-permission-missing',
        message: expect.stringContaining('https://gradebook.example.net'),
      },
    });
    expect(requests).toEqual([]);
  });

  it('does not send a kept secret to a newly typed gradebook origin', async () => {
    await send('authorizeConnection', oauth2Draft());
    requests = [];
    const { secret: _, ...withoutSecret } = oauth2Draft();
    const reply = await send('authorizeConnection', {
      ...withoutSecret,
      version: '1.2',
      gradebookUrl: `${ELSEWHERE}/ims/oneroster/gradebook/v1p2`,
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings', message: expect.stringContaining('Gradebook base URL') },
    });
    expect(sentElsewhere()).toEqual([]);
    expect(requests).toEqual([]);
  });
});
