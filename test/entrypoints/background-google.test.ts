/**
 * The Google sign-in messages through the background's real router: the admin's client id
 * (saved, refused under a policy, tokens forgotten on a change), the live check, and the panel's
 * "Sign in with Google", with WXT's fake browser and the identity API behind its seam
 * (test/support/fake-identity.ts). No reply ever holds a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REPLIES, type ReplyOf } from '@/lib/messaging/replies';
import { type Sandbox, startSandbox } from '../../sandbox/index';
import { fakeIdentity, type GoogleAnswer, REDIRECT_URI } from '../support/fake-identity';
import { createHarness, OPTIONS_SENDER, panelSender } from '../support/teacher-harness';

const COURSE = '596177745468';
const CLIENT_ID = '123456789012-abcdef123.apps.googleusercontent.com';
const POLICY_ID = '998877665544-districtclient.apps.googleusercontent.com';
const TOKEN = 'ya29.SECRET-GOOGLE-TOKEN';

let sis: Sandbox;
beforeAll(async () => {
  sis = await startSandbox({ seed: 9, classes: 2, schoolYear: 2026 });
});
afterAll(() => sis.close());

/** Google's Classroom API as the check sees it; everything else goes to the sandbox SIS. */
const classroomFetch: typeof fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.startsWith('https://classroom.googleapis.com/')) return fetch(input, init);
  const auth = new Headers(init?.headers).get('Authorization');
  if (auth !== `Bearer ${TOKEN}`) return Response.json({ error: { code: 401 } }, { status: 401 });
  return url.endsWith('/userProfiles/me')
    ? Response.json({ id: '1', emailAddress: 'admin@school.example' })
    : Response.json({ courses: [] });
};

function scene(answer: (r: { interactive: boolean }) => GoogleAnswer = () => ({ token: TOKEN })) {
  const identity = fakeIdentity(answer);
  const h = createHarness(sis, { googleIdentity: identity, fetch: classroomFetch });
  const options = async <T>(
    type: 'saveGoogleAccess' | 'getAdminState' | 'checkGoogleAccess',
    data: object = {},
  ) => {
    const reply = await h.send(type, data, OPTIONS_SENDER);
    if (reply.ok) REPLIES[type].parse(reply.data);
    return reply as { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
  };
  return { identity, h, options };
}

describe('Google access on the options page', () => {
  it('shows the redirect URI to register and saves the client id', async () => {
    const { options } = scene();
    const before = await options<ReplyOf<'getAdminState'>>('getAdminState');
    expect(before).toMatchObject({
      ok: true,
      data: { google: { managed: false, redirectUri: REDIRECT_URI } },
    });
    const saved = await options<ReplyOf<'saveGoogleAccess'>>('saveGoogleAccess', {
      clientId: CLIENT_ID,
    });
    expect(saved).toMatchObject({
      ok: true,
      data: {
        google: { clientId: CLIENT_ID, managed: false, source: 'saved', redirectUri: REDIRECT_URI },
      },
    });
    const cleared = await options<ReplyOf<'saveGoogleAccess'>>('saveGoogleAccess', {
      clientId: '',
    });
    expect(cleared.ok && cleared.data.google.clientId).toBeUndefined();
  });

  it('refuses a malformed client id, and any client id while the policy sets one', async () => {
    const { h, options } = scene();
    expect(await options('saveGoogleAccess', { clientId: 'my-client' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    h.policy = { googleClientId: POLICY_ID };
    expect(await options('saveGoogleAccess', { clientId: CLIENT_ID })).toMatchObject({
      ok: false,
      error: { code: 'managed-locked' },
    });
    expect(await options('getAdminState')).toMatchObject({
      ok: true,
      data: { google: { clientId: POLICY_ID, managed: true, source: 'policy' } },
    });
  });

  it('forgets every Google token when the client id changes', async () => {
    const { options } = scene();
    await options('saveGoogleAccess', { clientId: CLIENT_ID });
    await fakeBrowser.storage.session.set({
      googleTokens: {
        'a@school.example': { accessToken: TOKEN, expiresAt: Date.now() + 3_600_000, scopes: [] },
      },
    });
    await options('saveGoogleAccess', { clientId: CLIENT_ID });
    expect(await fakeBrowser.storage.session.get(null)).not.toEqual({});
    await options('saveGoogleAccess', { clientId: POLICY_ID });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('checks access live and never replies with the token', async () => {
    const { h, options, identity } = scene(({ interactive }) =>
      interactive ? { token: TOKEN } : { error: 'interaction_required' },
    );
    await options('saveGoogleAccess', { clientId: CLIENT_ID });
    // The harness's fetch goes to the network; the Classroom API is not reachable from here,
    // so the check must report 'network' (check-access.test.ts covers each answer).
    const reply = await options<ReplyOf<'checkGoogleAccess'>>('checkGoogleAccess');
    expect(identity.calls.map((c) => c.interactive)).toEqual([false, true]);
    expect(reply.ok).toBe(true);
    expect(JSON.stringify(reply)).not.toContain(TOKEN);
    expect(h.sent.map((s) => s.url)).toContain(
      'https://classroom.googleapis.com/v1/userProfiles/me',
    );
  });

  it('reports not configured when no client id is in force', async () => {
    const { options } = scene();
    expect(await options('checkGoogleAccess')).toMatchObject({
      ok: true,
      data: { outcome: 'sign-in', code: 'google-not-configured' },
    });
  });
});

describe('Google sign-in from the panel', () => {
  it('tells the panel whether the page’s account is signed in, without opening a window', async () => {
    // Google wants the teacher to act: a silent renewal fails, so the panel offers the button.
    const { h, options, identity } = scene(({ interactive }) =>
      interactive ? { token: TOKEN } : { error: 'interaction_required' },
    );
    await h.connect();
    const plain = await h.ask<ReplyOf<'getPanelState'>>('getPanelState', { courseId: COURSE });
    expect(plain.access.google).toBeUndefined();
    await options('saveGoogleAccess', { clientId: CLIENT_ID });
    const state = await h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
      accountEmail: sis.teacherEmail,
    });
    expect(state.access.google).toEqual({ configured: true, signedIn: false });
    expect(identity.calls.map((call) => call.interactive)).toEqual([false]);
  });

  it('renews silently for the panel when Google lets it: no button, no window', async () => {
    const { h, options, identity } = scene(() => ({ token: TOKEN }));
    await h.connect();
    await options('saveGoogleAccess', { clientId: CLIENT_ID });
    const state = await h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
      accountEmail: sis.teacherEmail,
    });
    expect(state.access.google).toEqual({ configured: true, signedIn: true });
    expect(identity.calls.map((call) => call.interactive)).toEqual([false]);
    expect(JSON.stringify(state)).not.toContain(TOKEN);
  });

  it('signs the page’s account in and answers with the new panel state', async () => {
    const { h, options, identity } = scene(({ interactive }) =>
      interactive ? { token: TOKEN } : { error: 'interaction_required' },
    );
    await h.connect();
    await options('saveGoogleAccess', { clientId: CLIENT_ID });
    const state = await h.ask<ReplyOf<'connectGoogleAccount'>>('connectGoogleAccount', {
      courseId: COURSE,
      accountEmail: sis.teacherEmail,
    });
    expect(state.access.google).toEqual({ configured: true, signedIn: true });
    expect(identity.calls.map((c) => c.params.get('login_hint'))).toEqual([
      sis.teacherEmail,
      sis.teacherEmail,
    ]);
    expect(JSON.stringify(state)).not.toContain(TOKEN);
  });

  it('passes a cancelled sign-in on to the panel as a translated error', async () => {
    const { h, options } = scene(({ interactive }) =>
      interactive ? { reject: 'The user did not approve access.' } : { error: 'login_required' },
    );
    await h.connect();
    await options('saveGoogleAccess', { clientId: CLIENT_ID });
    const reply = await h.send(
      'connectGoogleAccount',
      { courseId: COURSE, accountEmail: sis.teacherEmail },
      panelSender(COURSE),
    );
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'google-sign-in-cancelled',
        message: 'Google sign-in was cancelled, or access was not allowed.',
      },
    });
  });
});
