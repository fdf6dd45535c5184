/**
 * Over HTTPS, one fake answers both real hostnames (as Chromium reaches it through
 * --host-resolver-rules): the authorization endpoint as accounts.google.com and the API as
 * classroom.googleapis.com, with a certificate naming both.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type FakeGoogle,
  READ_ONLY_SCOPES,
  startFakeGoogle,
} from '../../../sandbox/google/index.ts';
import { EXTENSION_REDIRECT } from './google-client.ts';

const HOSTS = ['accounts.google.com', 'classroom.googleapis.com'];
let tls: { key: string; cert: string };
let google: FakeGoogle;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-google-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
        ...[
          '-subj',
          `/CN=${HOSTS[0]}`,
          '-addext',
          `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(',')}`,
        ],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      ],
      { stdio: 'pipe' },
    );
    tls = {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  google = await startFakeGoogle({ tls, autoConsent: true });
});
afterAll(() => google?.close());

/** A GET to the fake as `host`, the certificate checked against that name. */
function get(host: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status?: number; location?: string; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: google.port,
        path,
        servername: host,
        ca: tls.cert,
        headers: { Host: host, ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        res.on('end', () =>
          resolve({ status: res.statusCode, location: res.headers.location, body }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

it('signs in at accounts.google.com and reads at classroom.googleapis.com over TLS', async () => {
  expect(google.url).toMatch(/^https:/);
  const query = new URLSearchParams({
    client_id: google.clientId,
    redirect_uri: EXTENSION_REDIRECT,
    response_type: 'token',
    scope: READ_ONLY_SCOPES.join(' '),
    state: 's',
  });
  const auth = await get('accounts.google.com', `/o/oauth2/v2/auth?${query}`);
  expect(auth.status).toBe(302);
  const fragment = new URLSearchParams(auth.location?.split('#')[1]);
  const token = fragment.get('access_token') ?? '';
  expect(token).toMatch(/^ya29\./);
  const me = await get('classroom.googleapis.com', '/v1/userProfiles/me', {
    Authorization: `Bearer ${token}`,
  });
  expect(me.status).toBe(200);
  expect(JSON.parse(me.body)).toMatchObject({ emailAddress: google.teacher.email });
  // The API host does not serve the sign-in page.
  expect((await get('classroom.googleapis.com', `/o/oauth2/v2/auth?${query}`)).status).toBe(404);
});
