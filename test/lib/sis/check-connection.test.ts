/** The Authorize check against the real sandbox SIS, with the real client and authenticators. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthTokenError } from '@/lib/auth/authenticator';
import { SisNetworkError } from '@/lib/oneroster/errors';
import { authConfigFor, checkSisConnection } from '@/lib/sis/check-connection';
import type { ConnectionFields } from '@/lib/sis/settings-shapes';
import { type Sandbox, startSandbox } from '../../../sandbox/index.ts';

let sis: Sandbox;
beforeAll(async () => {
  sis = await startSandbox({ seed: 7 });
});
afterAll(() => sis.close());
beforeEach(() => {
  sis.requestLog.entries.length = 0;
});

const oauth1 = (): ConnectionFields => ({
  partner: 'other',
  hostUrl: `${sis.baseUrl}/`,
  authMode: 'oauth1',
  accessKey: sis.credentials.oauth1.consumerKey,
  signatureMethod: 'HMAC-SHA256',
});
const oauth2 = (partner: ConnectionFields['partner'] = 'other'): ConnectionFields => ({
  partner,
  hostUrl: `${sis.baseUrl}/`,
  authMode: 'oauth2',
  accessKey: sis.credentials.oauth2.clientId,
  tokenUrl: `${sis.tokenUrl}?appName=classroom`,
});

describe('checkSisConnection', () => {
  it('signs with OAuth 1.0a, names the district and reads the categories', async () => {
    const check = await checkSisConnection(oauth1(), {
      secret: sis.credentials.oauth1.consumerSecret,
    });
    expect(check.orgName).toBe('Riverside Unified School District');
    expect(check.categories?.map((c) => c.title).sort()).toEqual(
      [...sis.data.categories.values()].map((c) => c.title).sort(),
    );
    expect(check).not.toHaveProperty('clockSkewMs');
    expect(sis.requestLog.entries.map((e) => [e.path, e.auth, e.status])).toEqual([
      ['/api/ims/oneroster/v1p1/orgs', 'oauth1', 200],
      ['/api/ims/oneroster/v1p1/categories', 'oauth1', 200],
    ]);
  });

  it('gets an OAuth 2 token from the token URL, ?appName= and all, and remembers how', async () => {
    const check = await checkSisConnection(oauth2(), {
      secret: sis.credentials.oauth2.clientSecret,
    });
    expect(check).toMatchObject({
      orgName: 'Riverside Unified School District',
      clientAuth: 'basic',
    });
    expect(sis.requestLog.entries[0]).toMatchObject({
      path: '/oauth/token',
      query: { appName: 'classroom' },
      status: 200,
    });
  });

  it('corrects a wrong local clock once measured, and reports the difference', async () => {
    const twentyMinutes = 20 * 60_000;
    const check = await checkSisConnection(
      oauth1(),
      { secret: sis.credentials.oauth1.consumerSecret },
      { now: () => Date.now() - twentyMinutes },
    );
    expect(Math.round((check.clockSkewMs ?? 0) / 60_000)).toBe(20);
    expect(sis.requestLog.entries.map((e) => e.status)).toEqual([401, 200, 200]);
  });

  it('sends the vendor authorization header only where the SIS has one (Infinite Campus)', async () => {
    const sent: Array<string | null> = [];
    const spy: typeof fetch = (input, init) => {
      sent.push(new Headers(init?.headers).get('x-vendor-authorization'));
      return fetch(input, init);
    };
    const secrets = {
      secret: sis.credentials.oauth2.clientSecret,
      vendorAuthorization: 'Lms:F24F',
    };
    await checkSisConnection(oauth2('infinite-campus'), secrets, { fetch: spy });
    // The token request carries none (it goes to the token endpoint, not the OneRoster API).
    expect(sent).toEqual([null, 'Lms:F24F', 'Lms:F24F']);
    expect(authConfigFor(oauth2('skyward'), secrets)).not.toHaveProperty(
      'extraHeaders.x-vendor-authorization',
    );
  });

  it.each([
    ['a wrong secret', () => checkSisConnection(oauth1(), { secret: 'wrong' }), 'bad-credentials'],
    [
      'a wrong client secret',
      () => checkSisConnection(oauth2(), { secret: 'wrong' }),
      'token-rejected',
    ],
    [
      'a path that is not OneRoster',
      () => checkSisConnection({ ...oauth1(), hostUrl: `${sis.origin}/nothing/` }, { secret: 'x' }),
      'not-oneroster',
    ],
  ])('fails with the typed error for %s', async (_name, run, code) => {
    await expect(run()).rejects.toMatchObject({ code });
  });

  it('fails with a network error for a host where nothing listens', async () => {
    const closed = { ...oauth1(), hostUrl: 'http://127.0.0.1:9/ims/oneroster/v1p1/' };
    await expect(checkSisConnection(closed, { secret: 'x' })).rejects.toBeInstanceOf(
      SisNetworkError,
    );
  });

  it('refuses a token granted without the gradebook scopes', async () => {
    const narrow: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).startsWith(sis.tokenUrl)) return response;
      const body = await response.json();
      const scope = 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly';
      return Response.json({ ...body, scope });
    };
    await expect(
      checkSisConnection(
        oauth2(),
        { secret: sis.credentials.oauth2.clientSecret },
        { fetch: narrow },
      ),
    ).rejects.toBeInstanceOf(AuthTokenError);
  });
});
