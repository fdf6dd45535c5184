/**
 * Issue #11, L4, in real Chromium: the SIS host permission taken back while an export runs
 * (chrome.permissions.remove, as the browser's extension settings or a policy would). From then
 * on Chromium refuses every request to the SIS as a CORS failure; the engine used to retry those
 * for minutes (71 useless preflights) and record "SIS unavailable". It now stops at once and the
 * panel says the browser no longer lets the extension reach the SIS.
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
    console.log('linked');
    sis.setFaults({ latencyMs: LATENCY.watched });
    await teacher.startExport();
    await expect
      .poll(() => teacher.byTestId('progress-phase').textContent(), SLOW)
      .toBe('Writing grades');

    console.log('writing grades');
    const removed = await admin.page.evaluate(
      (pattern) =>
        (globalThis as unknown as InPage).chrome.permissions.remove({ origins: [pattern] }),
      `${sisOrigin}/*`,
    );
    expect(removed).toBe(true);
    expect(await admin.hasHostAccess(sisOrigin)).toBe(false);
    const loggedAtRemoval = sis.requestLog.entries.length;
    const removedAt = Date.now();

    console.log('removed');
    await teacher.summary.waitFor(SLOW);
    const stoppedAfterMs = Date.now() - removedAt;
    sis.setFaults({ latencyMs: LATENCY.normal });
    expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export stopped');
    expect(await teacher.summary.textContent()).toContain(
      `This browser no longer allows the extension to reach ${sisOrigin}, so the export stopped`,
    );
    expect(await teacher.summary.textContent()).not.toContain('unavailable');
    // At once: the requests already on their way (4 at a time, 250 ms each) and no retries.
    expect(stoppedAfterMs).toBeLessThan(10_000);
    expect(sis.requestLog.entries.length - loggedAtRemoval).toBeLessThanOrEqual(8);
    // What was sent is what the summary counts; the rest waits, resumable.
    const counts = await teacher.summaryCounts();
    const held = sisStateOf(sis, fixture.klass.sourcedId);
    expect(counts.created).toBe(held.lineItems.length + held.results.length);
    expect(counts.failed).toBe(0);
  }, 180_000);
});
