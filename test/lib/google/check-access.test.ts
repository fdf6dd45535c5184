import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGoogleAuth, GOOGLE_SCOPES, sessionTokenStore } from '@/lib/google/auth';
import { checkGoogleAccess } from '@/lib/google/check-access';
import { fakeIdentity, type GoogleAnswer } from '../../support/fake-identity';

const CLIENT_ID = '123456789012-abcdef123.apps.googleusercontent.com';

type Route = (request: IncomingMessage) => { status: number; body: unknown };

let server: Server | undefined;
const seen: Array<{ url: string; authorization: string | undefined }> = [];

/** A tiny Classroom API: answers each path with what `route` says, and records what it got. */
async function classroom(route: Route): Promise<string> {
  seen.length = 0;
  server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', authorization: request.headers.authorization });
    const { status, body } = route(request);
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

async function stop() {
  const running = server;
  server = undefined;
  if (running) await new Promise((resolve) => running.close(resolve));
}

afterEach(stop);

function auth(answer: GoogleAnswer = { token: 'admin-token' }) {
  const identity = fakeIdentity(({ interactive }) =>
    interactive ? answer : { error: 'interaction_required' },
  );
  return createGoogleAuth({
    identity,
    clientId: async () => CLIENT_ID,
    store: sessionTokenStore,
    now: () => new Date('2026-12-01T09:00:00Z'),
  });
}

const googleError = (code: number, status: string, message: string, reason?: string) => ({
  error: {
    code,
    status,
    message,
    ...(reason
      ? { details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason }] }
      : {}),
  },
});

describe('checkGoogleAccess', () => {
  it('signs in, asks who is signed in and whether courses can be listed, with the token', async () => {
    const apiBase = await classroom((request) =>
      request.url === '/v1/userProfiles/me'
        ? { status: 200, body: { id: '101', emailAddress: 'admin@school.example' } }
        : { status: 200, body: { courses: [{ id: '596177745468' }], nextPageToken: 'x' } },
    );
    const google = auth();
    const result = await checkGoogleAccess(google, { apiBase });
    // The admin's token served the check only: no panel may take it for a teacher's.
    expect(await google.hasToken()).toBe(false);
    expect(result).toEqual({
      outcome: 'ok',
      message: 'Signed in as admin@school.example; the Classroom API answered.',
      email: 'admin@school.example',
      grantedScopes: [...GOOGLE_SCOPES],
      apiReachable: true,
    });
    expect(seen).toEqual([
      { url: '/v1/userProfiles/me', authorization: 'Bearer admin-token' },
      { url: '/v1/courses?pageSize=1', authorization: 'Bearer admin-token' },
    ]);
  });

  it('says the Classroom API is off for the domain on a 403 from Classroom', async () => {
    const apiBase = await classroom(() => ({
      status: 403,
      body: googleError(
        403,
        'PERMISSION_DENIED',
        '@ClassroomApiDisabled The user is not permitted to access the Classroom API.',
      ),
    }));
    const result = await checkGoogleAccess(auth(), { apiBase });
    expect(result).toMatchObject({ outcome: 'api-disabled', apiReachable: false });
    expect(result.message).toContain('Classroom API data access is off');
  });

  it('tells a Cloud project without the Classroom API apart', async () => {
    const apiBase = await classroom(() => ({
      status: 403,
      body: googleError(
        403,
        'PERMISSION_DENIED',
        'Google Classroom API has not been used in project 1 before or it is disabled.',
        'SERVICE_DISABLED',
      ),
    }));
    expect((await checkGoogleAccess(auth(), { apiBase })).outcome).toBe('project-disabled');
  });

  it('reports the courses call failing after the profile answered, with the email', async () => {
    const apiBase = await classroom((request) =>
      request.url === '/v1/userProfiles/me'
        ? { status: 200, body: { id: '101', emailAddress: 'admin@school.example' } }
        : { status: 500, body: googleError(500, 'INTERNAL', 'Internal error encountered.') },
    );
    expect(await checkGoogleAccess(auth(), { apiBase })).toMatchObject({
      outcome: 'http',
      email: 'admin@school.example',
      message: 'The Classroom API answered HTTP 500: Internal error encountered.',
    });
  });

  it('drops a token the API refuses (401)', async () => {
    const apiBase = await classroom(() => ({
      status: 401,
      body: googleError(401, 'UNAUTHENTICATED', 'Invalid Credentials'),
    }));
    const google = auth();
    expect((await checkGoogleAccess(google, { apiBase })).outcome).toBe('token-rejected');
    expect(await google.hasToken()).toBe(false);
  });

  it('reports the sign-in’s own failure (admin_policy_enforced) without calling the API', async () => {
    const apiBase = await classroom(() => ({ status: 200, body: {} }));
    const result = await checkGoogleAccess(auth({ error: 'admin_policy_enforced' }), { apiBase });
    expect(result).toMatchObject({
      outcome: 'sign-in',
      code: 'google-sign-in-failed',
      oauthError: 'admin_policy_enforced',
      apiReachable: false,
    });
    expect(seen).toEqual([]);
  });

  it('reports a missing scope from the sign-in, naming it', async () => {
    const result = await checkGoogleAccess(
      auth({ token: 't', scopes: GOOGLE_SCOPES.filter((s) => !s.endsWith('profile.emails')) }),
    );
    expect(result).toMatchObject({ outcome: 'sign-in', code: 'google-scope-missing' });
    expect(result.message).toContain('classroom.profile.emails');
  });

  it('reports an unreachable API', async () => {
    const apiBase = await classroom(() => ({ status: 200, body: {} }));
    await stop();
    expect((await checkGoogleAccess(auth(), { apiBase })).outcome).toBe('network');
  });
});
