/**
 * Issue #11, L4, in real Chromium: the SIS host permission taken back while an export runs
 * (chrome.permissions.remove, as the browser's extension settings or a policy would). From then
 * on Chromium refuses every request to the SIS as a CORS failure; the engine used to retry those
 * for minutes (71 useless preflights) and record "SIS unavailable". It now stops at once, and
 * the class's history says the browser no longer lets the extension reach the SIS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InPage } from './support/chrome-in-page';
import { sisStateOf } from './support/sandbox-class';
import {
  LATENCY,
  SLOW,
  startTeacherScenario,
  type TeacherScenario,
} from './support/teacher-scenario';

interface StoredHistory {
  summaries: Array<{
    state: string;
    stopMessage?: string;
    created: number;
    failedCount: number;
    pending: number;
  }>;
}

let scenario: TeacherScenario;
beforeAll(async () => {
  scenario = await startTeacherScenario({
    seed: 29,
    classes: [{ courseId: '734512908815' }],
    removableHostAccess: true,
  });
});
afterAll(async () => {
  await scenario?.close();
});

describe('the SIS host permission taken back mid-export', () => {
  it('stops the export at once, and the panel says why', async () => {
    const { sis, admin, sisOrigin } = scenario;
    const fixture = scenario.fixtures[0];
    if (!fixture) throw new Error('no class');
    const teacher = await scenario.linkAndPreview(fixture);
    sis.setFaults({ latencyMs: LATENCY.watched });
    await teacher.startExport();
    await expect
      .poll(() => teacher.byTestId('progress-phase').textContent(), SLOW)
      .toBe('Writing grades');

    const removed = await admin.page.evaluate(
      (pattern) =>
        (globalThis as unknown as InPage).chrome.permissions.remove({ origins: [pattern] }),
      `${sisOrigin}/*`,
    );
    expect(removed).toBe(true);
    expect(await admin.hasHostAccess(sisOrigin)).toBe(false);
    const loggedAtRemoval = sis.requestLog.entries.length;
    const removedAt = Date.now();

    // The panel says at once that the SIS is out of reach (its setup notice)…
    await expect
      .poll(() => teacher.panel.textContent(), SLOW)
      .toContain("This browser no longer lets the extension reach your school's");
    // …and the export stopped at once, saying why, in the class's history.
    const history = async () => {
      const stored = await admin.storageLocal();
      return (stored[`exportHistory:${fixture.courseId}`] as StoredHistory | undefined)
        ?.summaries[0];
    };
    await expect.poll(async () => (await history())?.state, SLOW).toBe('stopped');
    const stoppedAfterMs = Date.now() - removedAt;
    const summary = await history();
    expect(summary?.stopMessage).toBe(
      `This browser no longer allows the extension to reach ${sisOrigin}, so the export stopped; nothing more was sent. Ask your admin to open the extension's options and click Authorize again, then export again to send the rest.`,
    );
    expect(stoppedAfterMs).toBeLessThan(10_000);
    // No retries: a few seconds on, still only the requests already on their way (4 at a
    // time, 250 ms each) and their refused preflights. The unfixed engine kept sending for minutes.
    await admin.page.waitForTimeout(3000);
    sis.setFaults({ latencyMs: LATENCY.normal });
    expect(sis.requestLog.entries.length - loggedAtRemoval).toBeLessThanOrEqual(8);
    // What reached the SIS: what the summary counts, plus at most the requests in flight when
    // the export stopped (aborted then, so still pending; the next export sends them again).
    const held = sisStateOf(sis, fixture.klass.sourcedId);
    const written = held.lineItems.length + held.results.length;
    expect(written).toBeGreaterThanOrEqual(summary?.created ?? 0);
    expect(written - (summary?.created ?? 0)).toBeLessThanOrEqual(4);
    expect(summary?.failedCount).toBe(0);
    expect(summary?.pending).toBeGreaterThan(0);
  }, 180_000);
});
