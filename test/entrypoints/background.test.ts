import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';

const PANEL_SENDER = {
  id: fakeBrowser.runtime.id,
  url: 'https://classroom.google.com/u/0/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default',
  frameId: 0,
  tab: { id: 1 },
};

async function ask(message: unknown, sender: object) {
  const replies = await fakeBrowser.runtime.onMessage.trigger(message, sender);
  return replies[0];
}

describe('background', () => {
  it('answers getStatus to the panel through the real listener', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    background.main();
    const reply = await ask({ type: 'getStatus', data: {} }, PANEL_SENDER);
    expect(reply).toMatchObject({ ok: true, data: { version: '0.1.0', connected: false } });
  });

  it('reports untrusted storage when storage.local cannot be restricted', async () => {
    // The fake browser, like a pre-102 Chrome, has no setAccessLevel: the status must say so
    // (the real-browser test proves the restriction itself).
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    background.main();
    const reply = await ask({ type: 'getStatus', data: {} }, PANEL_SENDER);
    expect(reply).toMatchObject({ ok: true, data: { storageTrusted: false } });
    expect(log).toHaveBeenCalledWith(
      '[sis-export] could not restrict storage.local to trusted contexts',
      expect.any(Error),
    );
  });

  it('listens for the browser’s start at once, so an export cut off by closing it resumes', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // Synchronously, in the worker's first turn: Chrome only starts a worker for the listeners
    // it registered then.
    const listen = vi.spyOn(fakeBrowser.runtime.onStartup, 'addListener');
    background.main();
    expect(listen).toHaveBeenCalledOnce();
  });

  it('refuses a message from a page that is neither Classroom nor the options page', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    background.main();
    const reply = await ask(
      { type: 'getStatus', data: {} },
      { ...PANEL_SENDER, url: 'https://example.com/' },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});
