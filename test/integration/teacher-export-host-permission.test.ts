/**
 * The SIS host permission taken back while an export runs (issue #11, L4), through the whole
 * background: from then on the browser refuses every request to the SIS as it refuses a CORS
 * failure (a TypeError, "Failed to fetch"). The export stops at once — no minutes of retries —
 * and the history says the browser no longer lets the extension reach the SIS, not "SIS
 * unavailable". What was not sent stays resumable.
 */
import { describe, expect, it } from 'vitest';
import type { ReplyOf } from '@/lib/messaging/replies';
import { COURSE, linkClass, NO_CHOICES, setUpTeacherScene, snapshot } from './teacher-scene';

let revoked = false;
let refused = 0;
/** As Chrome does without the host permission: the request never leaves the browser. */
const browserFetch: typeof fetch = async (input, init) => {
  if (revoked) {
    refused++;
    throw new TypeError('Failed to fetch');
  }
  return fetch(input, init);
};
const scene = setUpTeacherScene({ fetch: browserFetch });

describe('the SIS host permission taken back mid-export', () => {
  it('stops the export at once and says why', async () => {
    const { h } = scene;
    await linkClass();
    scene.sis.setFaults({ latencyMs: 20 });
    const started = await h.ask<ReplyOf<'startExport'>>('startExport', {
      courseId: COURSE,
      snapshot: snapshot(),
      choices: NO_CHOICES,
    });
    while (scene.sis.requestLog.entries.filter((e) => e.method === 'PUT').length < 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // chrome.permissions.remove, or an admin policy taking the origin back.
    h.granted.delete(scene.sis.origin);
    revoked = true;
    const putsBefore = scene.sis.requestLog.entries.filter((e) => e.method === 'PUT').length;
    const state = await h.waitForExport(COURSE, 10_000);

    expect(state.history[0]).toMatchObject({
      exportId: started.exportId,
      state: 'stopped',
      failedCount: 0,
      stopMessage: expect.stringMatching(
        new RegExp(`^This browser no longer allows the extension to reach ${scene.sis.origin}`),
      ),
    });
    expect(state.history[0]?.pending).toBeGreaterThan(0);
    // At most the requests already on their way (concurrency 4), no retries.
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(refused).toBeLessThanOrEqual(4);
    // What reached the SIS: what the summary counts, plus at most the requests in flight when
    // the export stopped (aborted here, so still pending; a later export sends them again).
    const puts = scene.sis.requestLog.entries.filter((e) => e.method === 'PUT').length;
    expect(puts - putsBefore).toBeLessThanOrEqual(4);
    const created = state.history[0]?.created ?? 0;
    expect(puts).toBeGreaterThanOrEqual(created);
    expect(puts - created).toBeLessThanOrEqual(4);
    expect(state.export.resumable).toBe(true);
  });
});
