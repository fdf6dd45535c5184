/**
 * The fake accounts.google.com authorization endpoint: implicit flow, consent, prompt=none, the
 * error pages, state echo and granting fewer scopes than asked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeGoogle,
  READ_ONLY_SCOPES,
  SCOPES,
  startFakeGoogle,
} from '../../../sandbox/google/index.ts';
import { api, authorize, EXTENSION_REDIRECT, submitConsent } from './google-client.ts';

let google: FakeGoogle;
beforeEach(async () => {
  google = await startFakeGoogle({
    clientId: 'school-client.apps.googleusercontent.com',
    redirectUriPrefix: EXTENSION_REDIRECT,
    teacher: { email: 'ms.rivera@school.example.org', name: 'Ana Rivera', id: '1001' },
    tokenTtlSeconds: 3599,
  });
});
afterEach(() => google.close());

describe('authorization endpoint', () => {
  it('prompt=none without a grant redirects with interaction_required and the state', async () => {
    const reply = await authorize(google, { prompt: 'none', state: 'abc 1/2' });
    expect(reply.status).toBe(302);
    expect(reply.location?.startsWith(`${EXTENSION_REDIRECT}#`)).toBe(true);
    expect(reply.fragment).toEqual({ error: 'interaction_required', state: 'abc 1/2' });
    expect(google.issuedTokens).toHaveLength(0);
  });

  it('shows a consent page naming the account and each scope; Allow returns a token', async () => {
    const page = await authorize(google, { login_hint: 'ms.rivera@school.example.org' });
    expect(page.status).toBe(200);
    expect(page.html).toContain('ms.rivera@school.example.org');
    expect(page.html).toContain('View your Google Classroom class rosters');
    expect(page.html).toContain('View the email addresses of people in your classes');
    expect(page.html).toMatch(/<form method="post"/);
    const reply = await submitConsent(google, page.html ?? '', 'allow');
    expect(reply.status).toBe(302);
    expect(reply.fragment).toMatchObject({
      token_type: 'Bearer',
      expires_in: '3599',
      scope: READ_ONLY_SCOPES.join(' '),
      state: 'st-123',
    });
    expect(reply.fragment?.access_token).toBe(google.issuedTokens[0]?.token);
    const me = await api(google, reply.fragment?.access_token, '/v1/userProfiles/me');
    expect(me.status).toBe(200);
    expect(me.body.emailAddress).toBe('ms.rivera@school.example.org');
  });

  it('after a grant, prompt=none and a plain request come straight back with a token', async () => {
    const page = await authorize(google);
    await submitConsent(google, page.html ?? '', 'allow');
    const silent = await authorize(google, { prompt: 'none', state: 'renew-1' });
    expect(silent.fragment).toMatchObject({
      state: 'renew-1',
      token_type: 'Bearer',
      prompt: 'none',
    });
    expect(silent.fragment?.access_token).toMatch(/^ya29\./);
    const again = await authorize(google, { state: 'renew-2' });
    expect(again.status).toBe(302);
    expect(again.fragment?.state).toBe('renew-2');
    // prompt=consent asks again even so.
    expect((await authorize(google, { prompt: 'consent' })).status).toBe(200);
    // A grant does not cover more scopes than were granted.
    const more = await authorize(google, {
      prompt: 'none',
      scope: [...READ_ONLY_SCOPES, SCOPES.courses].join(' '),
    });
    expect(more.fragment?.error).toBe('interaction_required');
  });

  it('prompt=none for another account than the one signed in needs interaction', async () => {
    const page = await authorize(google);
    await submitConsent(google, page.html ?? '', 'allow');
    const other = await authorize(google, { prompt: 'none', login_hint: 'someone@else.org' });
    expect(other.fragment).toEqual({ error: 'interaction_required', state: 'st-123' });
  });

  it('Cancel redirects with access_denied and grants nothing', async () => {
    const page = await authorize(google, { state: 'x' });
    const reply = await submitConsent(google, page.html ?? '', 'cancel');
    expect(reply.fragment).toEqual({ error: 'access_denied', state: 'x' });
    expect((await authorize(google, { prompt: 'none' })).fragment?.error).toBe(
      'interaction_required',
    );
    // The consent request is used up.
    expect((await submitConsent(google, page.html ?? '', 'allow')).status).toBe(400);
  });

  it('a redirect_uri not registered gets the redirect_uri_mismatch page, no redirect', async () => {
    const reply = await authorize(google, {
      redirect_uri: 'https://ponmlkjihgfedcbaponmlkjihgfedcba.chromiumapp.org/',
    });
    expect(reply.status).toBe(400);
    expect(reply.location).toBeUndefined();
    expect(reply.html).toContain('Error 400: redirect_uri_mismatch');
  });

  it('an unknown client gets the invalid_client page', async () => {
    const reply = await authorize(google, { client_id: 'other.apps.googleusercontent.com' });
    expect(reply.status).toBe(400);
    expect(reply.html).toContain('invalid_client');
  });

  it('rejects a code flow, no scope and unknown scopes with an error page', async () => {
    expect((await authorize(google, { response_type: 'code' })).html).toContain(
      'unsupported_response_type',
    );
    expect((await authorize(google, { scope: '' })).html).toContain('invalid_request');
    const bad = await authorize(google, {
      scope: `${SCOPES.coursesReadonly} classroom.everything`,
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('invalid_scope');
  });

  it('grants fewer scopes than asked when the user unticks one (granular consent)', async () => {
    const page = await authorize(google);
    const kept = READ_ONLY_SCOPES.filter((s) => s !== SCOPES.profileEmails);
    const reply = await submitConsent(google, page.html ?? '', 'allow', kept);
    expect(reply.fragment?.scope?.split(' ')).toEqual(kept);
    expect(google.issuedTokens[0]?.scopes).toEqual(kept);
  });

  it('setGrantedScopes makes every consent grant only those scopes', async () => {
    google.setGrantedScopes([SCOPES.coursesReadonly, SCOPES.rostersReadonly]);
    google.setAutoConsent(true);
    const reply = await authorize(google);
    expect(reply.status).toBe(302);
    expect(reply.fragment?.scope).toBe(`${SCOPES.coursesReadonly} ${SCOPES.rostersReadonly}`);
    // The missing scope shows in the API: no emails, and no coursework at all.
    const token = reply.fragment?.access_token;
    const me = await api(google, token, '/v1/userProfiles/me');
    expect(me.body.emailAddress).toBeUndefined();
    google.addCourse({ id: '1', name: 'Biology' });
    const cw = await api(google, token, '/v1/courses/1/courseWork');
    expect(cw.status).toBe(403);
    expect(cw.body.error?.message).toBe('Request had insufficient authentication scopes.');
  });

  it('autoConsent redirects at once; the log names the issued token, never the token', async () => {
    google.setAutoConsent(true);
    const reply = await authorize(google);
    expect(reply.status).toBe(302);
    expect(reply.fragment?.access_token).toBeDefined();
    const entry = google.requestLog.entries.at(-1);
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/o/oauth2/v2/auth',
      status: 302,
      tokenId: 't1',
    });
    expect(JSON.stringify(google.requestLog.entries)).not.toContain(reply.fragment?.access_token);
  });
});

it('writes the fragment as Google does: state first, %20 between scopes, URLs unescaped', async () => {
  const google = await startFakeGoogle({ autoConsent: true });
  try {
    const reply = await authorize(google, { state: 'a b&c' });
    const hash = reply.location?.split('#')[1] ?? '';
    expect(hash.startsWith('state=a%20b%26c&access_token=ya29.')).toBe(true);
    expect(hash).toContain(`&scope=${READ_ONLY_SCOPES.join('%20')}&authuser=0&prompt=consent`);
    expect(reply.fragment?.state).toBe('a b&c');
  } finally {
    await google.close();
  }
});
