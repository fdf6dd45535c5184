/** The Authorize check against the real sandbox SIS, with the real client and authenticators. */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '@/lib/auth/authenticator';
import {
  OneRosterHttpError,
  OneRosterResponseError,
  SisNetworkError,
} from '@/lib/oneroster/errors';
import {
  categoriesOptional,
  checkSisConnection,
  describeAuthorizeFailure,
  serviceOf,
} from '@/lib/sis/authorize';
import { fieldForAuthorizeError } from '@/lib/sis/connection-draft';
import type { ConnectionFields } from '@/lib/sis/settings-shapes';
import { authConfigFor, clientOptionsFor } from '@/lib/sis/sis-client';
import { type Sandbox, startSandbox } from '../../../sandbox/index.ts';
import { useLocale } from '../../support/fake-i18n';

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
    // #14: neither the token request nor the rostering read carries it: the client sends it to
    // the gradebook base only (clientOptionsFor's gradebookHeaders, tested in sis-client.test.ts).
    expect(sent.slice(0, 2)).toEqual([null, null]);
    expect(clientOptionsFor(oauth2('infinite-campus'), secrets).gradebookHeaders).toEqual({
      'x-vendor-authorization': 'Lms:F24F',
    });
    expect(clientOptionsFor(oauth2('skyward'), secrets)).not.toHaveProperty('gradebookHeaders');
    expect(authConfigFor(oauth2('infinite-campus'), secrets)).not.toHaveProperty('extraHeaders');
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
      // Issue 14: the client's connection check reports a base without OneRoster as wrong-base.
      'wrong-base',
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

const request = { method: 'GET', url: 'https://sis.example.org/ims/oneroster/v1p1/orgs' };

describe('describeAuthorizeFailure', () => {
  it('tells a 404 (nothing there) from a web page (the wrong address)', () => {
    const missing = describeAuthorizeFailure(
      new OneRosterHttpError('not-oneroster', { status: 404, body: '' }, request),
    );
    const page = describeAuthorizeFailure(
      new OneRosterResponseError('not-oneroster', 'html', request, '  <!doctype html><p>Sign in'),
    );
    expect(missing).toEqual({
      code: 'not-oneroster',
      message:
        'Nothing was found at this Host URL (HTTP 404). Check the address and the OneRoster version: 1.1 addresses usually end in /ims/oneroster/v1p1, 1.2 roots in /ims/oneroster.',
    });
    expect(page.code).toBe('not-oneroster');
    expect(page.message).toContain('answered with a web page');
    // JSON without OneRoster data keeps the general explanation.
    const json = describeAuthorizeFailure(
      new OneRosterResponseError('not-oneroster', 'no orgs', request, '{"hello":1}'),
    );
    expect(json.message).toContain('does not answer like a OneRoster service');
  });

  it.each([
    [
      new OneRosterHttpError('bad-credentials', { status: 401, body: '' }, request),
      'bad-credentials',
    ],
    [new SisNetworkError('network', 'refused', request), 'network'],
    [new AuthTokenError('token-rejected', 'no'), 'token-rejected'],
    [new AuthTokenError('token-scope', 'narrow', { missingScopes: ['x'] }), 'token-scope'],
    [new AuthNetworkError('offline'), 'network'],
    [new AuthConfigError('bad header'), 'auth-config-invalid'],
    [new Error('bug'), 'internal'],
  ])('keeps the code of %o', (error, code) => {
    const failure = describeAuthorizeFailure(error);
    expect(failure.code).toBe(code);
    expect(failure.message.length).toBeGreaterThan(10);
  });

  it('speaks Dutch in a Dutch browser', () => {
    useLocale('nl');
    const failure = describeAuthorizeFailure(
      new OneRosterResponseError('not-oneroster', 'html', request, '<html>'),
    );
    expect(failure.message).toContain('antwoordde met een webpagina');
  });
});

describe('Authorize over OneRoster 1.2 (issue #14)', () => {
  const bases = {
    rostering: 'https://sis.example.org/ims/oneroster/rostering/v1p2/',
    gradebook: 'https://gb.example.org/ims/oneroster/gradebook/v1p2/',
  };
  const notFound = (url: string) =>
    new OneRosterHttpError('not-found', { status: 404, body: '' }, { method: 'GET', url });

  it('tells which base failed, from the error or the request URL', () => {
    expect(serviceOf(notFound(`${bases.gradebook}categories`), bases)).toBe('gradebook');
    expect(serviceOf(notFound(`${bases.rostering}teachers`), bases)).toBe('rostering');
    expect(serviceOf(Object.assign(new Error('x'), { service: 'gradebook' }), bases)).toBe(
      'gradebook',
    );
    // 1.1 has one base: nothing to tell apart.
    const one = { rostering: bases.rostering, gradebook: bases.rostering };
    expect(serviceOf(notFound(`${bases.rostering}teachers`), one)).toBeUndefined();
  });

  it('marks the gradebook override when its base has no OneRoster service, else the Host URL', () => {
    const overridden = { service: 'gradebook', gradebookOverridden: true };
    expect(fieldForAuthorizeError('not-found', overridden)).toBe('gradebookUrl');
    expect(fieldForAuthorizeError('not-oneroster', overridden)).toBe('gradebookUrl');
    expect(
      fieldForAuthorizeError('not-found', { service: 'rostering', gradebookOverridden: true }),
    ).toBe('hostUrl');
    expect(fieldForAuthorizeError('missing-vendor-authorization', overridden)).toBe(
      'vendorAuthorization',
    );
  });

  it('does not read a 1.2 gradebook without categories as "no categories": the base is wrong', () => {
    for (const code of ['not-found', 'not-oneroster', 'unexpected-status', 'schema-mismatch']) {
      expect(categoriesOptional('1.1', code), code).toBe(true);
      expect(categoriesOptional('1.2', code), code).toBe(false);
    }
    expect(categoriesOptional('1.2', 'server-error')).toBe(true);
    expect(categoriesOptional('1.2', 'bad-credentials')).toBe(false);
  });
});

describe('Authorize confirms the OneRoster version with real calls (issue #14)', () => {
  const v1p2 = (hostUrl = sis.oneRoster12.root): ConnectionFields => ({
    partner: 'infinite-campus',
    version: '1.2',
    hostUrl: `${hostUrl}/`,
    authMode: 'oauth2',
    accessKey: sis.credentials.oauth2.clientId,
    tokenUrl: sis.oneRoster12.tokenUrl,
  });
  const secrets = () => ({ secret: sis.credentials.oauth2.clientSecret });
  const failureOf = (fields: ConnectionFields) =>
    checkSisConnection(fields, secrets()).then(
      () => undefined,
      (error: unknown) => describeAuthorizeFailure(error),
    );

  it('reaches both 1.2 services of the pasted root and lists the class categories there', async () => {
    const check = await checkSisConnection(v1p2(), secrets());
    expect(check.orgName).toBe('Riverside Unified School District');
    expect(check.categories?.length).toBeGreaterThan(0);
    const services = sis.requestLog.entries
      .filter((e) => e.version === '1.2')
      .map((e) => e.service);
    expect(new Set(services)).toEqual(new Set(['rostering', 'gradebook']));
  });

  it('says which version an address looks like when the other one was chosen', async () => {
    // 1.2 chosen, the 1.1 Base URL pasted: no 1.2 rostering service below it.
    const on12 = await failureOf(v1p2(sis.baseUrl));
    expect(on12?.code).toBe('wrong-base');
    expect(on12?.message).toContain(
      'looks like OneRoster 1.1; choose 1.1 as the OneRoster version',
    );
    // 1.1 chosen, the 1.2 root pasted: neither /orgs nor /teachers answer there.
    const on11 = await failureOf({
      ...v1p2(),
      partner: 'other',
      version: '1.1',
      tokenUrl: sis.tokenUrl,
    });
    expect(on11?.code).toBe('wrong-base');
    expect(on11?.message).toContain(
      'looks like OneRoster 1.2; choose 1.2 as the OneRoster version',
    );
  });
});
