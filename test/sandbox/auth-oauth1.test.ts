/** OAuth 1.0a is really verified: every rejection has the right status and an imsx body. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.ts';
import { apiUrl, makeClient } from './test-client.ts';
import { expectImsx } from './test-expect.ts';
import { signOAuth1 } from './test-oauth1-signer.ts';

const clock = Date.now();
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

const signedGet = async (url: string, sign: Parameters<typeof signOAuth1>[0]) => {
  const api = await makeClient(sandbox, 'oauth1');
  return api.send('GET', url, { Authorization: signOAuth1(sign).header });
};

describe('OAuth 1.0a', () => {
  const url = () => apiUrl(sandbox, '/students', { filter: "familyName='O''Brien'", limit: 5 });
  const creds = () => sandbox.credentials.oauth1;
  const now = () => String(Math.floor(clock / 1000));

  it('accepts HMAC-SHA256 and HMAC-SHA1, with or without oauth_version', async () => {
    for (const signatureMethod of ['HMAC-SHA256', 'HMAC-SHA1'] as const) {
      const reply = await signedGet(url(), {
        method: 'GET',
        url: url(),
        ...creds(),
        timestamp: now(),
        signatureMethod,
        version: null,
      });
      expect(reply.status).toBe(200);
      expect(reply.body.users[0].familyName).toBe("O'Brien");
    }
  });

  it('rejects a bad signature (wrong secret) with 401 and the server base string', async () => {
    const reply = await signedGet(url(), {
      method: 'GET',
      url: url(),
      ...creds(),
      consumerSecret: 'wrong',
      timestamp: now(),
    });
    expectImsx(
      reply,
      401,
      'unauthorisedrequest',
      /invalid oauth_signature.*GET&http%3A%2F%2F127\.0\.0\.1/,
    );
    expect(reply.headers.get('www-authenticate')).toMatch(/^OAuth/);
  });

  it('rejects a signature over a different URL (tampered query)', async () => {
    const signed = signOAuth1({ method: 'GET', url: url(), ...creds(), timestamp: now() });
    const api = await makeClient(sandbox, 'oauth1');
    const reply = await api.send('GET', url().replace('limit=5', 'limit=6'), {
      Authorization: signed.header,
    });
    expectImsx(reply, 401, 'unauthorisedrequest', /invalid oauth_signature/);
  });

  it('rejects a replayed nonce', async () => {
    const signed = signOAuth1({
      method: 'GET',
      url: url(),
      ...creds(),
      timestamp: now(),
      nonce: 'once-only',
    });
    const api = await makeClient(sandbox, 'oauth1');
    expect((await api.send('GET', url(), { Authorization: signed.header })).status).toBe(200);
    expectImsx(
      await api.send('GET', url(), { Authorization: signed.header }),
      401,
      'unauthorisedrequest',
      /already used/,
    );
  });

  it('rejects stale and future timestamps, saying so, with a Date header for skew detection', async () => {
    const old = String(Math.floor(clock / 1000) - 11 * 60);
    const stale = await signedGet(url(), { method: 'GET', url: url(), ...creds(), timestamp: old });
    expectImsx(stale, 401, 'unauthorisedrequest', /timestamp .* out of range/);
    expect(stale.headers.get('date')).toBeTruthy();
    const ahead = String(Math.floor(clock / 1000) + 6 * 60);
    expectImsx(
      await signedGet(url(), { method: 'GET', url: url(), ...creds(), timestamp: ahead }),
      401,
      'unauthorisedrequest',
      /out of range/,
    );
    const nineMinutesOld = String(Math.floor(clock / 1000) - 9 * 60);
    expect(
      (await signedGet(url(), { method: 'GET', url: url(), ...creds(), timestamp: nineMinutesOld }))
        .status,
    ).toBe(200);
  });

  it('rejects an unknown key, an unsupported method and a missing header', async () => {
    expectImsx(
      await signedGet(url(), {
        method: 'GET',
        url: url(),
        ...creds(),
        consumerKey: 'nobody',
        timestamp: now(),
      }),
      401,
      'unauthorisedrequest',
      /unknown oauth_consumer_key/,
    );
    const api = await makeClient(sandbox, 'oauth1');
    const plaintext = signOAuth1({
      method: 'GET',
      url: url(),
      ...creds(),
      timestamp: now(),
    }).header.replace('HMAC-SHA256', 'PLAINTEXT');
    expectImsx(
      await api.send('GET', url(), { Authorization: plaintext }),
      401,
      'unauthorisedrequest',
      /unsupported oauth_signature_method/,
    );
    expectImsx(
      await api.send('GET', url(), {}),
      401,
      'unauthorisedrequest',
      /missing Authorization/,
    );
  });
});
