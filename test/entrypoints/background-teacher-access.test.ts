/**
 * Who may send the teacher panel's messages: a panel of that class only ('wrong-course'), and
 * only while an SIS is connected and the admin allows exporting; getPanelState answers anyway
 * and says why. At worker start, an export that cannot be resumed stays resumable.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import type { ReplyOf } from '@/lib/messaging/replies';
import { OPTIONS_SENDER, panelSender } from '../support/teacher-harness';
import {
  ALL_REQUESTS,
  COURSE,
  errorOf,
  OTHER_COURSE,
  setUpTeacherBackground,
} from './teacher-background';

const scene = setUpTeacherBackground();

describe('who may ask', () => {
  it('refuses every message that is not connected, and says so in getPanelState', async () => {
    for (const [type, data] of ALL_REQUESTS()) {
      expect(await errorOf(type, data), type).toMatchObject({
        code: 'not-connected',
        message: expect.stringContaining('No SIS is connected'),
      });
    }
    expect(scene.sis.requestLog.entries.length).toBe(0);
    const state = await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
    });
    expect(state).toEqual({
      access: { connected: false, exportAllowed: false },
      link: null,
      export: { running: false, resumable: false, resuming: false },
      history: [],
      lastExported: {},
    });
    // Cancel only stops sending, so it is never refused for the settings.
    expect(await scene.h.ask('cancelExport', { courseId: COURSE })).toEqual({ cancelled: false });
  });

  it('sends the teacher to the options page when only this browser is missing: a policy connection to authorize, or site access taken back', async () => {
    const access = async () =>
      (await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', { courseId: COURSE })).access;
    const policy = {
      sisPartner: 'other',
      hostUrl: scene.sis.baseUrl,
      authMode: 'oauth1',
      accessKey: scene.sis.credentials.oauth1.consumerKey,
    } as const;
    // Without the secret code, an administrator still has to type it: nothing for the teacher.
    scene.h.policy = policy;
    expect(await access()).toEqual({ connected: false, exportAllowed: false });
    scene.h.policy = { ...policy, secretCode: scene.sis.credentials.oauth1.consumerSecret };
    expect(await access()).toEqual({ connected: false, exportAllowed: false, setup: 'authorize' });
    expect(
      await errorOf('findTeacherClasses', { courseId: COURSE, email: 'a@b.example' }),
    ).toMatchObject({ code: 'not-connected' });

    await scene.h.connect(); // the Authorize click on the options page
    expect(await access()).toMatchObject({ connected: true, exportAllowed: true });
    expect((await access()).setup).toBeUndefined();
    scene.h.granted.delete(scene.sis.origin); // taken back in Chrome's site access menu
    expect(await access()).toMatchObject({ connected: true, setup: 'host-access' });
    expect(
      await errorOf('findTeacherClasses', { courseId: COURSE, email: 'a@b.example' }),
    ).toMatchObject({ code: 'host-permission-missing' });

    expect(await scene.h.send('openSettings', {}, panelSender(COURSE))).toEqual({
      ok: true,
      data: {},
    });
    expect(scene.h.optionsOpened).toBe(1);
    // Only the panel asks for it: not some other page of the extension's or the web's.
    expect(
      await scene.h.send('openSettings', {}, { id: 'other', url: 'https://evil.example/' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(scene.h.optionsOpened).toBe(1);
  });

  it('refuses every message once the admin turned exporting off', async () => {
    await scene.h.connect();
    await scene.h.send('saveTeacherPermission', { exportEnabled: false }, OPTIONS_SENDER);
    for (const [type, data] of ALL_REQUESTS()) {
      expect(await errorOf(type, data), type).toMatchObject({ code: 'export-disabled' });
    }
    const state = await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
    });
    expect(state.access).toEqual({
      connected: true,
      exportAllowed: false,
      partnerName: 'Other OneRoster server',
    });
  });

  it('refuses a panel that asks about another class than its page shows', async () => {
    await scene.h.connect();
    for (const [type, data] of [
      ...ALL_REQUESTS(),
      ['getPanelState', { courseId: COURSE }],
      ['cancelExport', { courseId: COURSE }],
    ] as const) {
      const error = await errorOf(type, data, panelSender(OTHER_COURSE));
      expect(error, type).toEqual({
        code: 'wrong-course',
        message: 'This panel belongs to another Classroom class. Reload the page and try again.',
      });
    }
    const home = { ...panelSender(COURSE), url: 'https://classroom.google.com/u/0/h' };
    expect(await errorOf('getPanelState', { courseId: COURSE }, home)).toMatchObject({
      code: 'wrong-course',
    });
    expect(await errorOf('getPanelState', { courseId: COURSE }, OPTIONS_SENDER)).toMatchObject({
      code: 'forbidden-sender',
    });
  });

  it('refuses when the SIS origin is no longer granted', async () => {
    await scene.h.connect();
    scene.h.granted.clear();
    expect(
      await errorOf('findTeacherClasses', { courseId: COURSE, email: scene.sis.teacherEmail }),
    ).toMatchObject({
      code: 'host-permission-missing',
      message: expect.stringContaining(scene.sis.origin),
    });
  });
});

describe('service-worker start', () => {
  it('leaves an export resumable when it cannot be resumed (not connected)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // fakeBrowser lacks setAccessLevel
    await fakeBrowser.storage.local.set({
      'exportJournal:42': {
        version: 1,
        exportId: 'e-1',
        courseId: '42',
        sisClassId: 'c-1',
        startedAt: 1,
        updatedAt: 1,
        state: 'running',
        ops: [],
        operations: [],
      },
    });
    background.main();
    const ask = async () =>
      (
        await fakeBrowser.runtime.onMessage.trigger(
          { type: 'getPanelState', data: { courseId: '42' } },
          panelSender('42') as object,
        )
      )[0];
    // Once the worker's start-up resume has decided (not connected: it resumes nothing), the
    // panel hears "did not finish" rather than "resuming" (issue #11 L2).
    await vi.waitFor(async () =>
      expect(await ask()).toMatchObject({
        ok: true,
        data: { export: { running: false, resumable: true, resuming: false } },
      }),
    );
  });
});
