/**
 * The extension service worker's JavaScript heap, after a forced garbage collection, read over
 * the DevTools protocol. Playwright opens CDP sessions on pages only; a page's session reaches
 * the browser-wide Target domain in Chromium, and a non-flat attach to the worker target lets
 * us send it Runtime/HeapProfiler commands as messages.
 */
import type { CDPSession, Page } from 'playwright-core';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

async function call(cdp: CDPSession, sessionId: string, method: string, id: number) {
  const reply = new Promise<Record<string, unknown>>((resolve) => {
    const listener = (event: { sessionId: string; message: string }) => {
      const message = JSON.parse(event.message) as {
        id?: number;
        result?: Record<string, unknown>;
      };
      if (event.sessionId === sessionId && message.id === id) {
        cdp.off('Target.receivedMessageFromTarget', listener);
        resolve(message.result ?? {});
      }
    };
    cdp.on('Target.receivedMessageFromTarget', listener);
  });
  await cdp.send('Target.sendMessageToTarget', {
    sessionId,
    message: JSON.stringify({ id, method }),
  });
  return reply;
}

/** Used JS heap of the extension's worker in bytes, after garbage collection. */
export async function workerHeapBytes(page: Page, extensionId: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    const worker = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    if (!worker) throw new Error('the extension has no running service worker');
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: false,
    })) as { sessionId: string };
    await call(cdp, sessionId, 'HeapProfiler.collectGarbage', 1);
    const usage = await call(cdp, sessionId, 'Runtime.getHeapUsage', 2);
    await cdp.send('Target.detachFromTarget', { sessionId });
    return Number(usage.usedSize);
  } finally {
    await cdp.detach();
  }
}
