import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendRequest } from '@/lib/messaging/send';

describe('sendRequest', () => {
  it('returns a valid reply as is', async () => {
    fakeBrowser.runtime.onMessage.addListener(async () => ({
      ok: true,
      data: { version: '1.2.3', storageTrusted: true, connected: true, exportAllowed: true },
    }));
    await expect(sendRequest('getStatus', {})).resolves.toEqual({
      ok: true,
      data: { version: '1.2.3', storageTrusted: true, connected: true, exportAllowed: true },
    });
  });

  it('sends the typed envelope', async () => {
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      seen.push(message);
      return { ok: false, error: { code: 'internal', message: 'x' } };
    });
    await sendRequest('getStatus', {});
    expect(seen).toEqual([{ type: 'getStatus', data: {} }]);
  });

  it('reports a missing background as a translated no-answer error', async () => {
    await expect(sendRequest('getStatus', {})).resolves.toEqual({
      ok: false,
      error: {
        code: 'no-answer',
        message: 'The extension did not answer. Reload the page and try again.',
      },
    });
  });

  it.each([
    ['a reply of the wrong shape', { ok: true, data: { version: 1 } }],
    ['an error reply with an unknown code', { ok: false, error: { code: 'weird', message: 'x' } }],
    ['something that is not a reply', 'hello'],
  ])('rejects %s', async (_name, reply) => {
    fakeBrowser.runtime.onMessage.addListener(async () => reply);
    const result = await sendRequest('getStatus', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-reply' } });
  });
});
