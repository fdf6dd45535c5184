/**
 * Stops the extension's MV3 service worker the way Chrome does when it idles it out: through
 * the DevTools protocol. A persistent context has no Browser object to open a browser session
 * on, but a page's CDP session reaches the browser-wide Target domain in Chromium, and
 * Target.closeTarget on a service_worker target terminates the worker (checked with
 * playwright-core 1.65 + Chromium 156). Chrome starts it again on the next extension event.
 */
import type { Page } from 'playwright-core';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

async function workerTargets(page: Page, extensionId: string) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return targetInfos.filter(
      (target) =>
        target.type === 'service_worker' &&
        target.url.startsWith(`chrome-extension://${extensionId}/`),
    );
  } finally {
    await cdp.detach();
  }
}

/** Whether the extension's worker is running now. `page`: any page, for the CDP session. */
export async function isWorkerRunning(page: Page, extensionId: string): Promise<boolean> {
  return (await workerTargets(page, extensionId)).length > 0;
}

/**
 * Terminates the extension's worker and waits until Chromium no longer lists it (a new worker
 * may already be running by then, started by a message from an open panel).
 */
export async function stopWorker(page: Page, extensionId: string): Promise<void> {
  const [worker] = await workerTargets(page, extensionId);
  if (!worker) throw new Error('the extension has no running service worker to stop');
  const cdp = await page.context().newCDPSession(page);
  try {
    const { success } = (await cdp.send('Target.closeTarget', {
      targetId: worker.targetId,
    })) as { success: boolean };
    if (!success) throw new Error('Chromium refused to close the service worker target');
  } finally {
    await cdp.detach();
  }
  const listed = async () =>
    (await workerTargets(page, extensionId)).some((t) => t.targetId === worker.targetId);
  // Up to 15 s: on a loaded machine Chromium takes seconds to drop a closed worker's target.
  for (let tries = 0; await listed(); tries++) {
    if (tries > 150) throw new Error('the service worker is still running');
    await page.waitForTimeout(100);
  }
}
