import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createGoogleAuth,
  EXPIRY_MARGIN_MS,
  GOOGLE_AUTHORIZE_URL,
  GOOGLE_SCOPES,
  type GoogleAuthError,
  type IdentityFlow,
  SILENT_RETRY_AFTER_MS,
  sessionTokenStore,
} from '@/lib/google/auth';
import { fakeIdentity, type GoogleAnswer, REDIRECT_URI } from '../../support/fake-identity';

const CLIENT_ID = '123456789012-abcdef123.apps.googleusercontent.com';
const TEACHER = 'teacher@school.example';
const START = new Date('2026-12-01T09:00:00Z');

function setup(
  answer: (request: { interactive: boolean; params: URLSearchParams }) => GoogleAnswer,
  clientId: string | null = CLIENT_ID,
) {
  const identity = fakeIdentity(answer);
  let time = START.getTime();
  const auth = createGoogleAuth({
    identity,
    clientId: async () => clientId ?? undefined,
    store: sessionTokenStore,
    now: () => new Date(time),
  });
  return { identity, auth, advance: (ms: number) => (time += ms) };
}

const grant = (token: string): GoogleAnswer => ({ token });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the sign-in should have failed'),
    (error: GoogleAuthError) => error,
  );

describe('Google sign-in', () => {
  it('renews silently first, with the authorization request Google documents', async () => {
    const { identity, auth } = setup(() => grant('tok-1'));
    expect(await auth.token({ loginHint: TEACHER, interactive: false })).toEqual({
      accessToken: 'tok-1',
      scopes: [...GOOGLE_SCOPES],
      account: TEACHER,
    });
    expect(identity.calls).toHaveLength(1);
    const [call] = identity.calls;
    expect(call?.url.startsWith(`${GOOGLE_AUTHORIZE_URL}?`)).toBe(true);
    expect(call).toMatchObject({
      interactive: false,
      abortOnLoadForNonInteractive: false,
      timeoutMsForNonInteractive: expect.any(Number),
    });
    const params = call?.params;
    expect(Object.fromEntries(params ?? [])).toEqual({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'token',
      scope: GOOGLE_SCOPES.join(' '),
      login_hint: TEACHER,
      state: expect.stringMatching(/^[0-9a-f]{32}$/),
      include_granted_scopes: 'true',
      prompt: 'none',
    });
  });

  it('is ready with a cached token, or after one silent renewal; a failed one waits a minute', async () => {
    let signedInAtGoogle = false;
    const { identity, auth, advance } = setup(({ interactive }) =>
      signedInAtGoogle || interactive ? grant('tok-1') : { error: 'interaction_required' },
    );
    expect(await auth.ready(TEACHER)).toBe(false);
    expect(identity.calls.map((call) => call.interactive)).toEqual([false]);
    expect(await auth.ready(TEACHER)).toBe(false); // within the minute: no flow
    expect(identity.calls).toHaveLength(1);

    signedInAtGoogle = true;
    advance(SILENT_RETRY_AFTER_MS);
    expect(await auth.ready(TEACHER)).toBe(true); // silently renewed, no window
    expect(identity.calls.map((call) => call.interactive)).toEqual([false, false]);
    expect(await auth.ready(TEACHER)).toBe(true); // now from the cache
    expect(identity.calls).toHaveLength(2);
    expect(await auth.hasToken(TEACHER)).toBe(true);
    expect(await auth.ready()).toBe(false); // no account to ask Google for: no flow
    expect(identity.calls).toHaveLength(2);
  });

  it('answers not ready after a short wait while a silent renewal is slow, and keeps its token', async () => {
    let release: (url: string) => void = () => {};
    const identity: IdentityFlow = {
      getRedirectURL: () => REDIRECT_URI,
      launchWebAuthFlow: ({ url }) =>
        new Promise((resolve) => {
          const state = new URL(url).searchParams.get('state');
          release = (token) =>
            resolve(
              `${REDIRECT_URI}#state=${state}&access_token=${token}&token_type=Bearer&expires_in=3599&scope=${encodeURIComponent(GOOGLE_SCOPES.join(' '))}`,
            );
        }),
    };
    const auth = createGoogleAuth({
      identity,
      clientId: async () => CLIENT_ID,
      store: sessionTokenStore,
      now: () => START,
      readyWaitMs: 20,
    });
    expect(await auth.ready(TEACHER)).toBe(false); // the flow still runs
    release('tok-late');
    await vi.waitFor(async () => expect(await auth.hasToken(TEACHER)).toBe(true));
    expect(await auth.ready(TEACHER)).toBe(true);
  });

  it('after a failed silent renewal, the teacher’s click goes straight to the window', async () => {
    const { identity, auth } = setup(({ interactive }) =>
      interactive ? grant('tok-1') : { error: 'interaction_required' },
    );
    expect(await auth.ready(TEACHER)).toBe(false);
    await auth.token({ loginHint: TEACHER, interactive: true });
    expect(identity.calls.map((call) => call.interactive)).toEqual([false, true]);
  });

  it('serves a cached, unexpired token without asking Google again', async () => {
    const { identity, auth } = setup(() => grant('tok-1'));
    await auth.token({ loginHint: TEACHER, interactive: false });
    expect(await auth.token({ loginHint: 'Teacher@School.example', interactive: true })).toEqual({
      accessToken: 'tok-1',
      scopes: [...GOOGLE_SCOPES],
      account: 'Teacher@School.example',
    });
    expect(identity.calls).toHaveLength(1);
    expect(await auth.hasToken(TEACHER)).toBe(true);
    expect(await auth.hasToken('other@school.example')).toBe(false);
  });

  it('renews a token 5 minutes before it expires, not after', async () => {
    let n = 0;
    const { identity, auth, advance } = setup(() => grant(`tok-${++n}`));
    await auth.token({ loginHint: TEACHER, interactive: false }); // expires in 3599 s
    advance(3599_000 - EXPIRY_MARGIN_MS - 1_000);
    expect((await auth.token({ loginHint: TEACHER, interactive: false })).accessToken).toBe(
      'tok-1',
    );
    advance(2_000);
    expect(await auth.hasToken(TEACHER)).toBe(false);
    expect((await auth.token({ loginHint: TEACHER, interactive: false })).accessToken).toBe(
      'tok-2',
    );
    expect(identity.calls).toHaveLength(2);
  });

  it('reports sign-in-required when the silent renewal fails and no window may open', async () => {
    const { identity, auth } = setup(({ interactive }) =>
      interactive ? grant('tok-1') : { error: 'interaction_required' },
    );
    const error = await failure(auth.token({ loginHint: TEACHER, interactive: false }));
    expect(error.code).toBe('google-sign-in-required');
    expect(error.message).toBe(
      'Sign in with Google so the extension can read this class from Google Classroom.',
    );
    expect(identity.calls.map((c) => c.interactive)).toEqual([false]);
  });

  it('treats a rejected silent flow (the browser needs a user) as sign-in-required', async () => {
    const { auth } = setup(() => ({ reject: 'User interaction required.' }));
    const error = await failure(auth.token({ loginHint: TEACHER, interactive: false }));
    expect(error.code).toBe('google-sign-in-required');
  });

  it('opens the sign-in window only after the silent renewal failed, when interactive', async () => {
    const { identity, auth } = setup(({ interactive }) =>
      interactive ? grant('tok-i') : { error: 'consent_required' },
    );
    expect(await auth.token({ loginHint: TEACHER, interactive: true })).toEqual({
      accessToken: 'tok-i',
      scopes: [...GOOGLE_SCOPES],
      account: TEACHER,
    });
    expect(identity.calls.map((c) => c.interactive)).toEqual([false, true]);
    const interactiveCall = identity.calls[1];
    expect(interactiveCall?.params.has('prompt')).toBe(false);
    expect(interactiveCall?.params.get('login_hint')).toBe(TEACHER);
    expect(interactiveCall).not.toHaveProperty('abortOnLoadForNonInteractive');
    expect(await auth.hasToken(TEACHER)).toBe(true);
  });

  it('reports a closed window or a declined consent as cancelled', async () => {
    for (const answer of [
      { reject: 'The user did not approve access.' },
      { error: 'access_denied' },
    ] as const) {
      const { auth } = setup(({ interactive }) =>
        interactive ? answer : { error: 'interaction_required' },
      );
      const error = await failure(auth.token({ loginHint: TEACHER, interactive: true }));
      expect(error.code).toBe('google-sign-in-cancelled');
      expect(error.message).toBe('Google sign-in was cancelled, or access was not allowed.');
    }
  });

  it('names the organization’s policy when Google answers admin_policy_enforced', async () => {
    const { auth } = setup(({ interactive }) =>
      interactive ? { error: 'admin_policy_enforced' } : { error: 'interaction_required' },
    );
    const error = await failure(auth.token({ loginHint: TEACHER, interactive: true }));
    expect(error).toMatchObject({
      code: 'google-sign-in-failed',
      oauthError: 'admin_policy_enforced',
    });
    expect(error.message).toContain('Trusted under API controls');
  });

  it('refuses an answer whose state is not the one it sent, and caches nothing', async () => {
    const { auth } = setup(() => ({ token: 'stolen', state: 'someone-elses-state' }));
    const error = await failure(auth.token({ loginHint: TEACHER, interactive: false }));
    expect(error.code).toBe('google-sign-in-failed');
    expect(error.message).toBe('Google sign-in failed: the answer did not belong to this sign-in.');
    expect(await auth.hasToken(TEACHER)).toBe(false);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('refuses a redirect without a readable answer', async () => {
    const { auth } = setup(() => ({ redirect: `${REDIRECT_URI}#access_token=x` }));
    const error = await failure(auth.token({ loginHint: TEACHER, interactive: false }));
    expect(error.message).toBe("Google sign-in failed: Google's answer could not be read.");
  });

  it('names each scope Google did not grant, in words, and keeps no token', async () => {
    const { identity, auth } = setup(() => ({
      token: 'tok-partial',
      scopes: [GOOGLE_SCOPES[0], GOOGLE_SCOPES[3], 'openid'],
    }));
    const error = await failure(auth.token({ loginHint: TEACHER, interactive: true }));
    expect(error.code).toBe('google-scope-missing');
    expect(error.message).toBe(
      'Google did not grant access to: View your Google Classroom class rosters (classroom.rosters.readonly); ' +
        'View the email addresses of people in your classes (classroom.profile.emails). ' +
        'Sign in again and allow everything that is asked.',
    );
    // A refused scope is not a "needs a user" failure: no window after the silent attempt.
    expect(identity.calls).toHaveLength(1);
    expect(await auth.hasToken(TEACHER)).toBe(false);
  });

  it('refuses without a client id, before any flow', async () => {
    const { identity, auth } = setup(() => grant('tok'), null);
    const error = await failure(auth.token({ loginHint: TEACHER, interactive: true }));
    expect(error.code).toBe('google-not-configured');
    expect(identity.calls).toHaveLength(0);
  });

  it('drops a token the API refused, and forgets every token on forgetAll', async () => {
    let n = 0;
    const { auth } = setup(() => grant(`tok-${++n}`));
    await auth.token({ loginHint: TEACHER, interactive: false });
    await auth.token({ loginHint: 'other@school.example', interactive: false });
    await auth.drop('tok-1');
    expect(await auth.hasToken(TEACHER)).toBe(false);
    expect(await auth.hasToken('other@school.example')).toBe(true);
    await auth.forgetAll();
    expect(await auth.hasToken('other@school.example')).toBe(false);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('keeps tokens in storage.session only, never in storage.local', async () => {
    const { auth } = setup(() => grant('SECRET-TOKEN'));
    await auth.token({ loginHint: TEACHER, interactive: false });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('SECRET-TOKEN');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain('SECRET-TOKEN');
  });

  it('opens one flow for two requests that arrive together', async () => {
    let n = 0;
    const { identity, auth } = setup(() => grant(`tok-${++n}`));
    const [a, b] = await Promise.all([
      auth.token({ loginHint: TEACHER, interactive: false }),
      auth.token({ loginHint: TEACHER, interactive: false }),
    ]);
    expect(a.accessToken).toBe('tok-1');
    expect(b.accessToken).toBe('tok-1');
    expect(identity.calls).toHaveLength(1);
  });
});
