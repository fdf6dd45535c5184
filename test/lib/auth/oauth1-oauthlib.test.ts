/**
 * Cross-check against oauthlib, an independent OAuth 1.0a server implementation
 * (test/support/oauthlib_verify.py), with a real clock and random nonces. CI installs Debian's
 * python3-oauthlib; without it this test fails rather than skips, so a broken signer cannot pass
 * unnoticed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpMethod } from '@/lib/auth/authenticator';
import { createOAuth1Authenticator, type OAuth1SignatureMethod } from '@/lib/auth/oauth1';
import { buildUrl } from '@/lib/oneroster/url';

// Debian's interpreter, which has python3-oauthlib; another python3 may come first on PATH.
const PYTHON = '/usr/bin/python3';
const VERIFIER = fileURLToPath(new URL('../../support/oauthlib_verify.py', import.meta.url));
const SECRET = "s3cr3t!*()'+ é";
const V1P1 = 'https://sis.example.org/ims/oneroster/v1p1';

interface Check {
  uri: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body: string | null;
  secret: string;
  allowed_methods: OAuth1SignatureMethod[];
}

function verify(checks: Check[]): boolean[] {
  const run = spawnSync(PYTHON, [VERIFIER], { input: JSON.stringify(checks), encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error(
      `The oauthlib cross-check needs ${PYTHON} with python3-oauthlib (apt-get install python3-oauthlib): ` +
        (run.error?.message ?? `exit ${run.status}: ${run.stderr}`),
    );
  }
  return (JSON.parse(run.stdout) as Array<{ valid: boolean }>).map((result) => result.valid);
}

const FILTER_URL = buildUrl(`${V1P1}/`, ['classes', 'c-1', 'students'], {
  filter: "familyName='O''Brien' AND status='active'",
  limit: 100,
});
const PUT_URL = `${V1P1}/results/gc-123-456-s7`;
const PUT_BODY = JSON.stringify({
  result: { sourcedId: 'gc-123-456-s7', score: 8.5, scoreStatus: 'fully graded' },
});

const cases = new Map<string, { check: Check; expected: boolean }>();
let verdicts = new Map<string, boolean>();
let setupError: unknown;

async function signed(
  method: OAuth1SignatureMethod,
  request: { method: HttpMethod; url: string; body?: string },
  secret = SECRET,
): Promise<Check> {
  // Real clock, random nonce: exactly what runs in the extension.
  const auth = createOAuth1Authenticator({
    consumerKey: 'InfiniteCampus_demo-key',
    consumerSecret: secret,
    signatureMethod: method,
  });
  const headers = await auth.authorize({ method: request.method, url: request.url });
  return {
    // What fetch sends: the URL after WHATWG parsing.
    uri: new URL(request.url).href,
    method: request.method,
    headers: request.body ? { ...headers, 'Content-Type': 'application/json' } : headers,
    body: request.body ?? null,
    secret: SECRET,
    allowed_methods: [method],
  };
}

beforeAll(async () => {
  for (const method of ['HMAC-SHA256', 'HMAC-SHA1'] as const) {
    const add = (name: string, check: Check, expected: boolean) =>
      cases.set(`${method} ${name}`, { check, expected });
    const get = await signed(method, { method: 'GET', url: FILTER_URL });
    add('GET with an apostrophe-and-space filter', get, true);
    add(
      'PUT with a JSON body',
      await signed(method, { method: 'PUT', url: PUT_URL, body: PUT_BODY }),
      true,
    );
    add(
      'GET whose URL had raw spaces and quotes',
      await signed(method, {
        method: 'GET',
        url: `${V1P1}/teachers?filter=email='a b@school.org'`,
      }),
      true,
    );
    add(
      'GET to a local test peer on a non-default port',
      await signed(method, { method: 'GET', url: 'http://localhost:5173/v1p1/teachers?limit=1' }),
      true,
    );
    const tampered = await signed(method, { method: 'GET', url: FILTER_URL });
    add(
      'with a tampered query',
      { ...tampered, uri: tampered.uri.replace('limit=100', 'limit=101') },
      false,
    );
    add(
      'signed with the wrong secret',
      await signed(method, { method: 'GET', url: FILTER_URL }, 'wrong'),
      false,
    );
    // Same request again, after the original above was accepted: a replay.
    add('replayed with the same nonce', get, false);
  }
  const sha1 = await signed('HMAC-SHA1', { method: 'GET', url: FILTER_URL });
  cases.set('HMAC-SHA1 where only HMAC-SHA256 is allowed', {
    check: { ...sha1, allowed_methods: ['HMAC-SHA256'] },
    expected: false,
  });

  // A missing oauthlib fails every test below (rather than marking them skipped).
  try {
    const names = [...cases.keys()];
    const results = verify(names.map((name) => cases.get(name)?.check as Check));
    verdicts = new Map(names.map((name, index) => [name, results[index] as boolean]));
  } catch (error) {
    setupError = error;
  }
});

describe('oauthlib verifies our signatures', () => {
  const names = ['HMAC-SHA256', 'HMAC-SHA1'].flatMap((method) =>
    [
      'GET with an apostrophe-and-space filter',
      'PUT with a JSON body',
      'GET whose URL had raw spaces and quotes',
      'GET to a local test peer on a non-default port',
      'with a tampered query',
      'signed with the wrong secret',
      'replayed with the same nonce',
    ].map((name) => `${method} ${name}`),
  );

  it.each([...names, 'HMAC-SHA1 where only HMAC-SHA256 is allowed'])('%s', (name) => {
    if (setupError) throw setupError;
    expect(cases.get(name)).toBeDefined();
    expect(verdicts.get(name)).toBe(cases.get(name)?.expected);
  });

  it('the filter URL really contains an apostrophe and a space, encoded', () => {
    expect(FILTER_URL).toContain('%27O%27%27Brien%27%20AND%20');
  });
});
