/** OAuth 2 client credentials, scopes, expiry, and the auth-mode switch. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.ts';
import { ALL_SCOPES, apiUrl, getToken, makeClient, SCOPES } from './test-client.ts';
import { expectImsx } from './test-expect.ts';

let clock = Date.now();
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 3,
    students: 12,
    classes: 3,
    tokenTtlSeconds: 60,
    now: () => clock,
  });
});
afterAll(() => sandbox.close());

describe('OAuth 2 client credentials', () => {
  const token = (init: RequestInit, query = '') =>
    fetch(sandbox.tokenUrl + query, { method: 'POST', ...init });
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

  it('issues tokens for Basic or form-body credentials, ignoring ?appName=', async () => {
    const { clientId, clientSecret } = sandbox.credentials.oauth2;
    const viaForm = await token(
      {
        headers: form,
        body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${encodeURIComponent(clientSecret)}&scope=${encodeURIComponent(SCOPES.roster)}`,
      },
      '?appName=sandbox',
    );
    expect(viaForm.status).toBe(200);
    expect(viaForm.headers.get('cache-control')).toBe('no-store');
    expect(await viaForm.json()).toMatchObject({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 60,
      scope: SCOPES.roster,
    });
    const full = await getToken(sandbox);
    expect(full).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses an unknown client (401 invalid_client), a bad grant and unknown scopes', async () => {
    const bad = await token({
      headers: { ...form, Authorization: `Basic ${Buffer.from('who:what').toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'invalid_client' });
    const { clientId, clientSecret } = sandbox.credentials.oauth2;
    const basic = {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    };
    const grant = await token({ headers: { ...form, ...basic }, body: 'grant_type=password' });
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const scope = await token({
      headers: { ...form, ...basic },
      body: `grant_type=client_credentials&scope=${encodeURIComponent(`${SCOPES.roster} https://purl.imsglobal.org/spec/or/v1p1/scope/admin`)}`,
    });
    expect(scope.status).toBe(400);
    expect(await scope.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('rejects unknown and expired tokens with 401', async () => {
    const api = await makeClient(sandbox, 'oauth2');
    expect((await api.get('/orgs')).status).toBe(200);
    const forged = await api.send('GET', apiUrl(sandbox, '/orgs'), {
      Authorization: 'Bearer not-a-token',
    });
    expectImsx(forged, 401, 'unauthorisedrequest', /unknown bearer token/);
    clock += 61_000;
    try {
      expectImsx(await api.get('/orgs'), 401, 'unauthorisedrequest', /expired/);
    } finally {
      clock -= 61_000;
    }
  });

  it('enforces scopes per operation with 403', async () => {
    const rosterOnly = await makeClient(sandbox, 'oauth2', { scope: SCOPES.roster });
    expect((await rosterOnly.get('/classes')).status).toBe(200);
    const id = 'scope-check';
    expectImsx(
      await rosterOnly.put(`/lineItems/${id}`, { lineItem: {} }),
      403,
      'forbidden',
      /gradebook\.createput/,
    );
    expectImsx(await rosterOnly.get('/lineItems'), 403, 'forbidden', /gradebook\.readonly/);
    const gradebook = await makeClient(sandbox, 'oauth2', {
      scope: `${SCOPES.read} ${SCOPES.put}`,
    });
    expectImsx(await gradebook.get('/classes'), 403, 'forbidden', /roster\.readonly/);
    expectImsx(await gradebook.del(`/lineItems/${id}`), 403, 'forbidden', /gradebook\.delete/);
  });
});

describe('token revocation', () => {
  it('revokes every token once the given number of requests (or writes) has succeeded', async () => {
    const client = await makeClient(sandbox, 'oauth2', { scope: ALL_SCOPES });
    sandbox.revokeTokens({ requests: 1, counting: 'writes' });
    expect((await client.get('/orgs')).status).toBe(200); // reads are not writes
    expect((await client.get('/orgs')).status).toBe(200);
    sandbox.revokeTokens({ requests: 2 }); // replaces the pending one
    expect((await client.get('/orgs')).status).toBe(200);
    expect((await client.get('/orgs')).status).toBe(200); // the second revokes
    expectImsx(await client.get('/orgs'), 401, 'unauthorisedrequest', /unknown bearer token/);
    const fresh = await makeClient(sandbox, 'oauth2', { scope: ALL_SCOPES });
    expect((await fresh.get('/orgs')).status).toBe(200); // new tokens work
  });
});

describe('clock offset', () => {
  it('moves the clock behind token expiry and the Date header', async () => {
    const client = await makeClient(sandbox, 'oauth2', { scope: ALL_SCOPES });
    try {
      sandbox.setClockOffsetMs(30 * 60_000);
      const reply = await client.send('GET', apiUrl(sandbox, '/orgs'), {});
      expect(Date.parse(reply.headers.get('date') ?? '')).toBe(
        Math.floor((clock + 30 * 60_000) / 1000) * 1000,
      );
      expectImsx(await client.get('/orgs'), 401, 'unauthorisedrequest', /expired/);
    } finally {
      sandbox.setClockOffsetMs(0);
    }
  });
});

describe('auth mode switch', () => {
  it('accepts only the configured scheme', async () => {
    const oauth1 = await makeClient(sandbox, 'oauth1');
    const oauth2 = await makeClient(sandbox, 'oauth2', { scope: ALL_SCOPES });
    try {
      sandbox.setAuth('oauth1');
      expect((await oauth1.get('/orgs')).status).toBe(200);
      expectImsx(
        await oauth2.get('/orgs'),
        401,
        'unauthorisedrequest',
        /OAuth 1\.0a signed requests only/,
      );
      expect((await fetch(sandbox.tokenUrl, { method: 'POST' })).status).toBe(404);
      sandbox.setAuth('oauth2');
      expect((await oauth2.get('/orgs')).status).toBe(200);
      expectImsx(
        await oauth1.get('/orgs'),
        401,
        'unauthorisedrequest',
        /OAuth 2 bearer tokens only/,
      );
    } finally {
      sandbox.setAuth('both');
    }
  });

  it('logs which scheme each request used', async () => {
    sandbox.requestLog.clear();
    await (await makeClient(sandbox, 'oauth1')).get('/orgs');
    await (await makeClient(sandbox, 'oauth2')).get('/orgs');
    expect(sandbox.requestLog.find('GET', '/orgs').map((e) => e.auth)).toEqual([
      'oauth1',
      'oauth2',
    ]);
  });
});
