/**
 * The extension service worker over the DevTools protocol: its JavaScript heap after a forced
 * garbage collection, and a session to send it any command (the CPU profile of the poll bench).
 * Playwright opens CDP sessions on pages only; a page's session reaches the browser-wide Target
 * domain in Chromium, and a non-flat attach to the worker target lets us send it commands as
 * messages.
 */
import type { CDPSession, Page } from 'playwright-core';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export interface WorkerSession {
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Attaches to the extension's running worker; `page`: any page, for the CDP session. */
export async function attachToWorker(page: Page, extensionId: string): Promise<WorkerSession> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  const worker = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
  );
  if (!worker) {
    await cdp.detach();
    throw new Error('the extension has no running service worker');
  }
  const { sessionId } = (await cdp.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  })) as { sessionId: string };
  let nextId = 1;
  return {
    async send(method, params = {}) {
      const id = nextId++;
      const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
        const listener = (event: { sessionId: string; message: string }) => {
          const message = JSON.parse(event.message) as {
            id?: number;
            result?: Record<string, unknown>;
            error?: { message: string };
          };
          if (event.sessionId !== sessionId || message.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', listener);
          if (message.error) reject(new Error(`${method}: ${message.error.message}`));
          else resolve(message.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', listener);
      });
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      return reply;
    },
    async close() {
      // The browser may already be gone when a bench fails; that failure is the one to report.
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** Used JS heap of the extension's worker in bytes, after garbage collection. */
export async function workerHeapBytes(page: Page, extensionId: string): Promise<number> {
  const worker = await attachToWorker(page, extensionId);
  try {
    await worker.send('HeapProfiler.collectGarbage');
    const usage = await worker.send('Runtime.getHeapUsage');
    return Number(usage.usedSize);
  } finally {
    await worker.close();
  }
}
