import { describe, expect, it, vi } from 'vitest';
import { RequestError } from '@/lib/errors';
import { createRouter, type Handlers } from '@/lib/messaging/router';
import type { SenderLike } from '@/lib/messaging/sender';

const self = {
  extensionId: 'own-extension',
  optionsUrl: 'chrome-extension://own-extension/options.html',
};
const SENDERS = {
  panel: {
    id: 'own-extension',
    url: 'https://classroom.google.com/c/NTk2MTc3NzQ1NDY4',
    frameId: 0,
    tab: { id: 7 },
  },
  options: {
    id: 'own-extension',
    url: 'chrome-extension://own-extension/options.html',
    tab: { id: 3 },
  },
} satisfies Record<string, SenderLike>;

const STATUS = { version: '1.0.0', storageTrusted: true, connected: false, exportAllowed: false };

// Only getStatus is exercised here; the other handlers must never be reached.
const unreachable = async () => {
  throw new Error('not under test');
};

function router(overrides: Partial<Handlers> = {}) {
  const handlers: Handlers = {
    getStatus: vi.fn(async () => STATUS),
    getAdminState: unreachable,
    authorizeConnection: unreachable,
    saveTeacherPermission: unreachable,
    saveExportDefaults: unreachable,
    disconnect: unreachable,
    getPanelState: unreachable,
    findTeacherClasses: unreachable,
    linkClass: unreachable,
    unlinkClass: unreachable,
    setStudentMatch: unreachable,
    resetStudentMatch: unreachable,
    openSettings: unreachable,
    previewExport: unreachable,
    startExport: unreachable,
    cancelExport: unreachable,
    saveGoogleAccess: unreachable,
    checkGoogleAccess: unreachable,
    connectGoogleAccount: unreachable,
    ...overrides,
  };
  return { handlers, route: createRouter(handlers, self) };
}

describe('message router', () => {
  it.each(Object.entries(SENDERS))('answers getStatus from the %s', async (_name, sender) => {
    const { route } = router();
    await expect(route({ type: 'getStatus', data: {} }, sender)).resolves.toEqual({
      ok: true,
      data: STATUS,
    });
  });

  it.each([
    ['another extension', { ...SENDERS.panel, id: 'someone-else' }],
    ['a message without an id', { url: SENDERS.panel.url, tab: {} }],
    ['a Classroom iframe', { ...SENDERS.panel, frameId: 3 }],
    ['a Classroom page without a tab', { id: 'own-extension', url: SENDERS.panel.url }],
    [
      'a look-alike host',
      { ...SENDERS.panel, url: 'https://classroom.google.com.evil.example/c/x' },
    ],
    ['plain http Classroom', { ...SENDERS.panel, url: 'http://classroom.google.com/c/x' }],
    [
      'another extension page',
      { ...SENDERS.options, url: 'chrome-extension://own-extension/popup.html' },
    ],
    [
      'another extension’s options page',
      { ...SENDERS.options, url: 'chrome-extension://evil/options.html' },
    ],
    ['a sender without a URL', { id: 'own-extension' }],
    ['a sender with a broken URL', { id: 'own-extension', url: 'not a url' }],
  ])('refuses %s without calling the handler', async (_name, sender) => {
    const { route, handlers } = router();
    const reply = await route({ type: 'getStatus', data: {} }, sender);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'forbidden-sender', message: 'This request is not allowed from this page.' },
    });
    expect(handlers.getStatus).not.toHaveBeenCalled();
  });

  it.each([
    ['not an object', 'getStatus'],
    ['no type', { data: {} }],
    ['an empty type', { type: '', data: {} }],
  ])('rejects an envelope that is %s', async (_name, message) => {
    const { route } = router();
    const reply = await route(message, SENDERS.panel);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('rejects unknown message types, including inherited object keys', async () => {
    const { route } = router();
    for (const type of ['fetch', 'sign', 'toString', '__proto__', 'constructor']) {
      const reply = await route({ type, data: {} }, SENDERS.options);
      expect(reply).toEqual({
        ok: false,
        error: { code: 'unknown-request', message: 'The extension does not know this request.' },
      });
    }
  });

  it('rejects a payload that does not match the schema, naming the field', async () => {
    const { route, handlers } = router();
    const reply = await route({ type: 'getStatus', data: { url: 'https://x' } }, SENDERS.panel);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid-request');
    expect(reply.error.message).toMatch(/^The request was not valid: .*url/);
    expect(handlers.getStatus).not.toHaveBeenCalled();
  });

  it.each(Object.entries(SENDERS))(
    'tells the handler who sent the request (%s) and from which page',
    async (audience, sender) => {
      const { route, handlers } = router();
      await route({ type: 'getStatus', data: {} }, sender);
      expect(handlers.getStatus).toHaveBeenCalledWith({}, { audience, url: sender.url });
    },
  );

  it('refuses a panel message to the options page and the other way round', async () => {
    const { route } = router();
    const panelOnly = await route(
      { type: 'cancelExport', data: { courseId: '1' } },
      SENDERS.options,
    );
    expect(panelOnly).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const optionsOnly = await route({ type: 'getAdminState', data: {} }, SENDERS.panel);
    expect(optionsOnly).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('passes a handler’s RequestError through with its code', async () => {
    const { route } = router({
      getStatus: async () => {
        throw new RequestError('invalid-request', 'Nope, and here is why.');
      },
    });
    await expect(route({ type: 'getStatus', data: {} }, SENDERS.panel)).resolves.toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'Nope, and here is why.' },
    });
  });

  it('passes the field a RequestError names along, for the page to mark (issue #14)', async () => {
    const { route } = router({
      getStatus: async () => {
        throw new RequestError('not-found', 'No such service here.', 'gradebookUrl');
      },
    });
    await expect(route({ type: 'getStatus', data: {} }, SENDERS.panel)).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such service here.', field: 'gradebookUrl' },
    });
  });

  it('turns an unexpected failure into an internal error reply instead of throwing', async () => {
    const { route } = router({
      getStatus: async () => {
        throw new TypeError('boom');
      },
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const reply = await route({ type: 'getStatus', data: {} }, SENDERS.panel);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside the extension: TypeError: boom',
      },
    });
    expect(log).toHaveBeenCalledOnce();
  });
});
