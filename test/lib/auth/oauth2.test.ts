import { describe, expect, it } from 'vitest';
import type { RefusedRequest } from '@/lib/auth/authenticator';
import { AuthConfigError, AuthNetworkError, AuthTokenError } from '@/lib/auth/authenticator';
import {
  createOAuth2Authenticator,
  type FetchLike,
  type OAuth2Options,
  ONEROSTER_SCOPES,
} from '@/lib/auth/oauth2';
import { scopesFor } from '@/lib/oneroster/version';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  createFakeTokenEndpoint,
  type FakeTokenEndpointOptions,
} from './fake-token-endpoint';

const TOKEN_URL = 'https://district.infinitecampus.org/campus/oauth2/token?appName=x';
const REQUEST = {
  method: 'GET',
  url: 'https://sis.example.org/ims/oneroster/v1p1/teachers?limit=1',
} as const;

function setup(endpoint: FakeTokenEndpointOptions = {}, options: Partial<OAuth2Options> = {}) {
  const fake = createFakeTokenEndpoint(endpoint);
  const clock = { time: 1_700_000_000_000 };
  const auth = createOAuth2Authenticator({
    tokenUrl: TOKEN_URL,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    fetch: fake.fetch,
    now: () => clock.time,
    ...options,
  });
  const bearer = async () => (await auth.authorize(REQUEST)).Authorization;
  return { fake, clock, auth, bearer };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('client authentication', () => {
  it('uses HTTP Basic with form-encoded credentials and the four OneRoster scopes', async () => {
    const { fake, auth, bearer } = setup();
    expect(await bearer()).toBe('Bearer token-1');
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call?.style).toBe('basic');
    expect(call?.headers.get('Authorization')).toBe(
      `Basic ${btoa('district+client:p%40ss%3Aw%2Brd%2F%3D%C3%A9')}`,
    );
    expect(call?.form.get('grant_type')).toBe('client_credentials');
    expect(call?.form.get('scope')).toBe(ONEROSTER_SCOPES.join(' '));
    expect(call?.form.has('client_secret')).toBe(false);
    expect(auth.lastGrant()?.clientAuth).toBe('basic');
  });

  it('falls back to credentials in the form body when Basic is refused, and remembers it', async () => {
    const { fake, clock, auth, bearer } = setup({ accepts: ['body'] });
    expect(await bearer()).toBe('Bearer token-1');
    expect(fake.calls.map((call) => call.style)).toEqual(['basic', 'body']);
    expect(auth.lastGrant()?.clientAuth).toBe('body');

    clock.time += 3600_000; // expired: the next token goes straight to the style that worked
    expect(await bearer()).toBe('Bearer token-2');
    expect(fake.calls.map((call) => call.style)).toEqual(['basic', 'body', 'body']);
  });

  it('starts with the style a previous session learned', async () => {
    const { fake, bearer } = setup({ accepts: ['body'] }, { clientAuth: 'body' });
    await bearer();
    expect(fake.calls.map((call) => call.style)).toEqual(['body']);
  });

  it("reports 'token-rejected' when both styles are refused, and tries again next time", async () => {
    const { fake, bearer } = setup({ clientSecret: 'something else' });
    const error = await rejection(bearer());
    expect(error).toBeInstanceOf(AuthTokenError);
    expect(error).toMatchObject({
      name: 'AuthTokenError',
      code: 'token-rejected',
      oauthError: 'invalid_client',
    });
    expect(fake.calls.map((call) => call.style)).toEqual(['basic', 'body']);
    await rejection(bearer());
    expect(fake.calls).toHaveLength(4);
  });
});

describe('token cache', () => {
  it('reuses a token until 60 s before expires_in, then fetches a new one', async () => {
    const { fake, clock, bearer } = setup({ expiresIn: 3600 });
    expect([await bearer(), await bearer()]).toEqual(['Bearer token-1', 'Bearer token-1']);
    clock.time += 3540_000 - 1;
    expect(await bearer()).toBe('Bearer token-1');
    clock.time += 1;
    expect(await bearer()).toBe('Bearer token-2');
    expect(fake.calls).toHaveLength(2);
  });

  it.each([
    ['a numeric-string expires_in', '120', 60_000],
    ['a short lifetime (keeps half of it)', 30, 15_000],
    ['no expires_in (15 min default)', null, 14 * 60_000],
  ])('refreshes a token with %s', async (_name, expiresIn, refreshAfterMs) => {
    const { clock, auth, bearer } = setup({ expiresIn });
    await bearer();
    expect(auth.lastGrant()?.refreshAt).toBe(clock.time + refreshAfterMs);
    clock.time += refreshAfterMs - 1;
    expect(await bearer()).toBe('Bearer token-1');
    clock.time += 1;
    expect(await bearer()).toBe('Bearer token-2');
  });

  it('shares one in-flight token request between concurrent callers', async () => {
    const { fake, auth } = setup({ deferred: true });
    const controller = new AbortController();
    const quitter = auth.authorize(REQUEST, controller.signal);
    const callers = Array.from({ length: 5 }, () => auth.authorize(REQUEST));
    await Promise.resolve();
    controller.abort(); // one caller giving up must not fail the shared request
    await expect(quitter).rejects.toThrow();
    fake.release();
    const headers = await Promise.all(callers);
    expect(headers.map((h) => h.Authorization)).toEqual(Array(5).fill('Bearer token-1'));
    expect(fake.calls).toHaveLength(1);
  });
});

describe('onUnauthorized', () => {
  const refusal = (authorization?: string): RefusedRequest => ({
    sent: authorization === undefined ? {} : { Authorization: authorization },
  });

  it('retires only the current token: requests refused together cause one refresh', async () => {
    const { fake, auth, bearer } = setup();
    expect(await auth.onUnauthorized(refusal())).toBe(false); // no token sent: nothing to refresh
    const first = await bearer();
    // Four requests were in flight with token-1 when the SIS revoked it.
    const retry = await Promise.all(
      Array.from({ length: 4 }, () => auth.onUnauthorized(refusal(first))),
    );
    expect(retry).toEqual([true, true, true, true]);
    expect(await Promise.all(Array.from({ length: 4 }, bearer))).toEqual(
      Array(4).fill('Bearer token-2'),
    );
    expect(fake.calls).toHaveLength(2);
    // A late 401 for token-1 retries with token-2 and does not retire it.
    expect(await auth.onUnauthorized(refusal(first))).toBe(true);
    expect(await bearer()).toBe('Bearer token-2');
    expect(fake.calls).toHaveLength(2);
    // A 401 for the current token: one new token.
    expect(await auth.onUnauthorized(refusal('Bearer token-2'))).toBe(true);
    expect(await bearer()).toBe('Bearer token-3');
    expect(fake.calls).toHaveLength(3);
  });

  it('lets 401s for the old token join the refresh already in flight', async () => {
    const { fake, auth, bearer } = setup({ deferred: true });
    const pending = bearer();
    fake.release();
    const first = await pending;
    expect(await auth.onUnauthorized(refusal(first))).toBe(true);
    const refreshing = bearer(); // the first retry starts the refresh…
    expect(await auth.onUnauthorized(refusal(first))).toBe(true); // …a second 401 arrives
    const joined = bearer();
    await Promise.resolve();
    fake.release();
    expect(await Promise.all([refreshing, joined])).toEqual(['Bearer token-2', 'Bearer token-2']);
    expect(fake.calls).toHaveLength(2);
  });
});

describe('token endpoint', () => {
  it('keeps the token URL exactly as entered', async () => {
    const url = 'https://district.infinitecampus.org/campus/oauth2/token?appName=My%20App&x=%7e';
    const { fake, bearer } = setup({}, { tokenUrl: url });
    await bearer();
    expect(fake.calls[0]?.url).toBe(url);
  });

  it.each<[string, () => Response]>([
    ['an HTML page', () => new Response('<!doctype html><title>Sign in</title>', { status: 200 })],
    ['text that is not JSON', () => new Response('OK', { status: 200 })],
    ['JSON without access_token', () => Response.json({ token_type: 'bearer' })],
    ['a non-bearer token', () => Response.json({ access_token: 'a', token_type: 'mac' })],
    [
      'an unusable expires_in',
      () => Response.json({ access_token: 'a', token_type: 'bearer', expires_in: 'soon' }),
    ],
    [
      'a token with a line break',
      () => Response.json({ access_token: 'a\r\nb', token_type: 'bearer' }),
    ],
  ])("reports 'token-endpoint-invalid' for %s", async (_name, respond) => {
    const fetch: FetchLike = async () => respond();
    const { bearer } = setup({}, { fetch });
    expect(await rejection(bearer())).toMatchObject({
      name: 'AuthTokenError',
      code: 'token-endpoint-invalid',
    });
  });

  it.each([
    ['Bearer', 3600],
    ['BEARER', '3600'],
  ])('accepts token_type %s and expires_in %s', async (tokenType, expiresIn) => {
    const fetch: FetchLike = async () =>
      Response.json({ access_token: 'abc.def', token_type: tokenType, expires_in: expiresIn });
    const { bearer } = setup({}, { fetch });
    expect(await bearer()).toBe('Bearer abc.def');
  });

  it("reports 'token-endpoint-status' for a server error, without a second style", async () => {
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls += 1;
      return new Response('<h1>502 Bad Gateway</h1>', { status: 502 });
    };
    const { bearer } = setup({}, { fetch });
    expect(await rejection(bearer())).toMatchObject({ code: 'token-endpoint-status', status: 502 });
    expect(calls).toBe(1);
  });

  it('refuses a redirect without following it, as a browser reports it (opaqueredirect)', async () => {
    const inits: RequestInit[] = [];
    const fetch: FetchLike = async (_url, init) => {
      inits.push(init);
      const hidden = new Response(null, { status: 200 });
      Object.defineProperty(hidden, 'type', { value: 'opaqueredirect' });
      return hidden;
    };
    const { bearer } = setup({}, { fetch });
    expect(await rejection(bearer())).toMatchObject({
      code: 'token-endpoint-status',
      redirect: true,
    });
    expect(inits).toHaveLength(1); // not retried with the secret in the form body
    expect(inits[0]).toMatchObject({ redirect: 'manual', credentials: 'omit' });
    expect(inits[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it("reports 'network' when no answer arrives", async () => {
    const offline = new TypeError('Failed to fetch');
    const { bearer } = setup({}, { fetch: async () => Promise.reject(offline) });
    const error = await rejection(bearer());
    expect(error).toBeInstanceOf(AuthNetworkError);
    expect(error).toMatchObject({ name: 'AuthNetworkError', code: 'network', cause: offline });
  });
});

describe('scopes', () => {
  it('reports, without failing, a token granted without a gradebook scope', async () => {
    const granted = ONEROSTER_SCOPES.filter((scope) => !scope.endsWith('gradebook.createput'));
    const { auth, bearer } = setup({ scope: granted.join(' ') });
    expect(await bearer()).toBe('Bearer token-1');
    const grant = auth.lastGrant();
    expect(grant?.grantedScopes).toEqual(granted);
    expect(grant?.scopeWarning).toMatchObject({
      code: 'token-scope',
      missingScopes: ['https://purl.imsglobal.org/spec/or/v1p1/scope/gradebook.createput'],
    });
  });

  it('sends the 1.2 scope URIs it is given, and warns about a missing 1.2 gradebook scope', async () => {
    const v1p2 = scopesFor('1.2');
    const granted = v1p2.filter((scope) => !scope.endsWith('gradebook.delete'));
    const { auth, fake, bearer } = setup({ scope: granted.join(' ') }, { scopes: v1p2 });
    await bearer();
    expect(fake.calls[0]?.form.get('scope')).toBe(v1p2.join(' '));
    expect(auth.lastGrant()?.scopeWarning).toMatchObject({
      code: 'token-scope',
      missingScopes: ['https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.delete'],
    });
  });

  it('asks for the 1.1 scopes by default (the caller passes scopesFor(version))', async () => {
    expect(ONEROSTER_SCOPES).toEqual(scopesFor('1.1'));
    const { fake, bearer } = setup({});
    await bearer();
    expect(fake.calls[0]?.form.get('scope')).toBe(scopesFor('1.1').join(' '));
  });

  it.each([
    ['echoes every requested scope', undefined],
    ['does not say (RFC 6749 §5.1: as requested)', null],
  ])('has no warning when the endpoint %s', async (_name, scope) => {
    const { auth, bearer } = setup({ scope });
    await bearer();
    expect(auth.lastGrant()?.scopeWarning).toBeUndefined();
  });

  it('sends no scope parameter for an empty scope list', async () => {
    const { fake, bearer } = setup({}, { scopes: [] });
    await bearer();
    expect(fake.calls[0]?.form.has('scope')).toBe(false);
  });
});

describe('extra headers', () => {
  it('adds them to SIS requests but not to the token request', async () => {
    const { fake, auth } = setup(
      {},
      { extraHeaders: { 'x-vendor-authorization': 'AwesomeLMS:F24F' } },
    );
    expect(await auth.authorize(REQUEST)).toEqual({
      Authorization: 'Bearer token-1',
      'x-vendor-authorization': 'AwesomeLMS:F24F',
    });
    expect(fake.calls[0]?.headers.has('x-vendor-authorization')).toBe(false);
  });

  it.each([
    ['a space in the name', { 'x vendor': 'a' }],
    ['a non-ASCII name', { 'x-vendör': 'a' }],
    ['a line feed in the value', { 'x-vendor': 'a\nb' }],
    ['a name given twice', { 'X-Vendor': 'a', 'x-vendor': 'b' }],
  ])('rejects %s', (_name, extraHeaders) => {
    expect(() => setup({}, { extraHeaders })).toThrow(AuthConfigError);
  });
});
