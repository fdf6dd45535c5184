import { describe, expect, it } from 'vitest';
import { AuthConfigError } from '@/lib/auth/authenticator';
import { createOAuth1Authenticator, type OAuth1Options } from '@/lib/auth/oauth1';

const PUT_URL = 'https://sis.example.org/ims/oneroster/v1p1/lineItems/gc-123-456';
// The OneRoster PUT vector of oneroster-research.md §E.
const VECTOR: OAuth1Options = {
  consumerKey: 'InfiniteCampus_demo-key',
  consumerSecret: 's3cr3t!*()',
  now: () => 1_700_000_000_999,
  nonce: () => 'abc123nonce',
};

/** The parameters of an `OAuth k="v", …` header, decoded. */
function headerParams(header: string | undefined): Record<string, string> {
  expect(header).toMatch(/^OAuth /);
  const pairs = [...(header ?? '').matchAll(/(\w+)="([^"]*)"/g)];
  return Object.fromEntries(
    pairs.map(([, name, value]) => [name, decodeURIComponent(value ?? '')]),
  );
}

describe('createOAuth1Authenticator', () => {
  it('signs the verified PUT vector with HMAC-SHA256 and oauth_version by default', async () => {
    const headers = await createOAuth1Authenticator(VECTOR).authorize({
      method: 'PUT',
      url: PUT_URL,
    });
    expect(headers).toEqual({
      Authorization:
        'OAuth oauth_consumer_key="InfiniteCampus_demo-key", oauth_nonce="abc123nonce", ' +
        'oauth_signature="7TnnloFQkRFXP3YFeo%2F9oJrSY9oT34lqODoo6IH8LiU%3D", oauth_signature_method="HMAC-SHA256", ' +
        'oauth_timestamp="1700000000", oauth_version="1.0"',
    });
  });

  it('signs with HMAC-SHA1 when the connection asks for it', async () => {
    const sha1 = createOAuth1Authenticator({ ...VECTOR, signatureMethod: 'HMAC-SHA1' });
    const params = headerParams(
      (await sha1.authorize({ method: 'PUT', url: PUT_URL })).Authorization,
    );
    expect(params.oauth_signature_method).toBe('HMAC-SHA1');
    expect(atob(params.oauth_signature ?? '')).toHaveLength(20); // a SHA-1 digest, not SHA-256's 32 bytes
  });

  it('asks for a fresh nonce and the current time on every request', async () => {
    let time = 1_700_000_000_000;
    let count = 0;
    const auth = createOAuth1Authenticator({
      ...VECTOR,
      now: () => time,
      nonce: () => `nonce${++count}`,
    });
    const first = headerParams(
      (await auth.authorize({ method: 'GET', url: PUT_URL })).Authorization,
    );
    time += 5_000;
    const second = headerParams(
      (await auth.authorize({ method: 'GET', url: PUT_URL })).Authorization,
    );
    expect([first.oauth_nonce, second.oauth_nonce]).toEqual(['nonce1', 'nonce2']);
    expect([first.oauth_timestamp, second.oauth_timestamp]).toEqual(['1700000000', '1700000005']);
    expect(first.oauth_signature).not.toBe(second.oauth_signature);
  });

  it('stamps requests with the clock skew it was given, and refuses one that is no number', async () => {
    const stamp = async (clockSkewMs: number) => {
      const auth = createOAuth1Authenticator({ ...VECTOR, clockSkewMs });
      expect(auth.clockSkewMs).toBe(clockSkewMs);
      return headerParams((await auth.authorize({ method: 'GET', url: PUT_URL })).Authorization)
        .oauth_timestamp;
    };
    expect(await stamp(-120_000)).toBe('1699999880');
    expect(await stamp(300_500)).toBe('1700000301');
    expect(() => createOAuth1Authenticator({ ...VECTOR, clockSkewMs: Number.NaN })).toThrow(
      RangeError,
    );
  });

  it('on a timestamp refusal keeps the measured skew, and retries only requests it would change', async () => {
    const learned: number[] = [];
    const auth = createOAuth1Authenticator({
      ...VECTOR,
      clockSkewMs: 20 * 60_000, // a stale correction from an earlier Authorize
      onClockSkewChange: (ms) => learned.push(ms),
    });
    const sign = () => auth.authorize({ method: 'GET', url: PUT_URL });
    // Three requests stamped with the stale correction are refused together.
    const [a, b, c] = await Promise.all([sign(), sign(), sign()]);
    if (!a || !b || !c) throw new Error('unsigned');
    expect(await auth.onUnauthorized({ sent: a, serverClockSkewMs: 1_000 })).toBe(true);
    expect(auth.clockSkewMs).toBe(1_000);
    // The others measure the same (within the Date header's second): kept, and retried.
    expect(await auth.onUnauthorized({ sent: b, serverClockSkewMs: 2_500 })).toBe(true);
    expect(await auth.onUnauthorized({ sent: c, serverClockSkewMs: 500 })).toBe(true);
    expect(auth.clockSkewMs).toBe(1_000);
    expect(learned).toEqual([1_000]);
    const stamp = headerParams((await sign()).Authorization).oauth_timestamp;
    expect(stamp).toBe('1700000001');
    // A request stamped with the measured correction and still refused: retrying cannot help.
    expect(await auth.onUnauthorized({ sent: await sign(), serverClockSkewMs: 1_800 })).toBe(false);
    // Not a timestamp refusal (or no Date header): nothing to correct.
    expect(await auth.onUnauthorized({ sent: await sign() })).toBe(false);
    expect(learned).toEqual([1_000]);
  });

  it('adds the extra headers next to the signature', async () => {
    const auth = createOAuth1Authenticator({
      ...VECTOR,
      extraHeaders: { 'x-vendor-authorization': 'AwesomeLMS:F24F' },
    });
    const headers = await auth.authorize({ method: 'PUT', url: PUT_URL });
    expect(headers['x-vendor-authorization']).toBe('AwesomeLMS:F24F');
    expect(headers.Authorization).toMatch(/^OAuth /);
  });

  it.each([
    ['a name with a space', { 'x vendor': 'v' }],
    ['a name with a colon', { 'x-vendor:': 'v' }],
    ['an empty name', { '': 'v' }],
    ['a value with CR LF', { 'x-vendor': 'a\r\nInjected: yes' }],
    ['Authorization itself', { authorization: 'Bearer x' }],
  ])('rejects extra headers with %s', (_name, extraHeaders) => {
    expect(() => createOAuth1Authenticator({ ...VECTOR, extraHeaders })).toThrow(AuthConfigError);
  });

  it('does not sign for an aborted request', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      createOAuth1Authenticator(VECTOR).authorize(
        { method: 'GET', url: PUT_URL },
        controller.signal,
      ),
    ).rejects.toThrow();
  });
});

describe('the default nonce', () => {
  it('is oauth-1.0a’s: 32 letters and digits, different every request', async () => {
    const auth = createOAuth1Authenticator({ consumerKey: 'key', consumerSecret: 'secret' });
    const nonces = new Set<string | undefined>();
    for (let i = 0; i < 100; i++) {
      const headers = await auth.authorize({ method: 'GET', url: PUT_URL });
      nonces.add(headerParams(headers.Authorization).oauth_nonce);
    }
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9A-Za-z]{32}$/);
  });
});
