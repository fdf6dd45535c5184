/**
 * Exports that do not run to the end in one go, in real Chromium against the sandbox SIS: the
 * service worker stopped mid-export through the DevTools protocol (as Chrome stops an idle MV3
 * worker) resumes its journal when the panel is opened again and ends exact, without duplicates;
 * a panel left open through the stop follows the resumed run to its real summary (issue #11 L2);
 * a cancelled export says what it left unsent, and the next export sends exactly that.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClassFixture, sisStateOf } from './support/sandbox-class';
import { isWorkerRunning, stopWorker } from './support/service-worker';
import {
  LATENCY,
  SLOW,
  startTeacherScenario,
  type TeacherScenario,
} from './support/teacher-scenario';

let scenario: TeacherScenario;
let stopped: ClassFixture;
let cancelled: ClassFixture;
let watched: ClassFixture;
beforeAll(async () => {
  scenario = await startTeacherScenario({
    seed: 23,
    classes: [
      { courseId: '734512908813' },
      { courseId: '734512908814' },
      { courseId: '734512908815' },
    ],
  });
  [stopped, cancelled, watched] = scenario.fixtures as [ClassFixture, ClassFixture, ClassFixture];
});
afterAll(async () => {
  await scenario?.close();
});

describe('an export whose service worker is stopped', () => {
  it('resumes when the panel is opened again and ends exact, without duplicates', async () => {
    const { sis, admin, browser } = scenario;
    const expected = scenario.expected(stopped);
    let teacher = await scenario.linkAndPreview(stopped);
    sis.setFaults({ latencyMs: LATENCY.watched });
    await teacher.startExport();
    await expect
      .poll(() => teacher.byTestId('progress-phase').textContent(), SLOW)
      .toBe('Writing grades');
    // Close the panel first: its polling would wake the worker again at once.
    await teacher.classroom.page.close();
    await stopWorker(admin.page, browser.extensionId);
    const resultsAtStop = sisStateOf(sis, stopped.klass.sourcedId).results.length;
    expect(resultsAtStop).toBeLessThan(expected.results.length); // it really was mid-way

    // Opening the panel sends the first message: Chrome starts the worker, which resumes.
    teacher = await scenario.open(stopped);
    await teacher.panel.getByRole('heading', { name: 'Resuming export…' }).waitFor(SLOW);
    await teacher.classroom.screenshot('teacher-resuming');
    expect(await isWorkerRunning(admin.page, browser.extensionId)).toBe(true);
    await teacher.summary.waitFor(SLOW);
    sis.setFaults({ latencyMs: LATENCY.normal });

    expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export finished');
    const counts = await teacher.summaryCounts();
    // A write in flight when the worker stopped is sent again: the SIS then answers "updated".
    expect(counts.created + counts.updated).toBe(
      expected.lineItems.length + expected.results.length,
    );
    expect(counts.failed).toBe(0);
    expect(sisStateOf(sis, stopped.klass.sourcedId)).toEqual(expected);
    await teacher.classroom.page.close();
  });
});

describe('an export whose service worker is stopped while its panel stays open', () => {
  it('the panel follows the resumed run to its real summary, never saying it did not finish', async () => {
    const { sis, admin, browser } = scenario;
    const expected = scenario.expected(watched);
    const teacher = await scenario.linkAndPreview(watched);
    sis.setFaults({ latencyMs: 2 * LATENCY.watched }); // time for two stops
    await teacher.startExport();
    await expect
      .poll(() => teacher.byTestId('progress-phase').textContent(), SLOW)
      .toBe('Writing grades');
    // From here on, every change of what the panel shows is noted: a transient "did not finish"
    // or "Export grades" before the summary would be the fault.
    await teacher.classroom.page.evaluate(() => {
      const root = document.querySelector('sis-export-panel')?.shadowRoot;
      if (!root) throw new Error('no panel');
      const states: string[] = [];
      const note = () => {
        const has = (id: string) => root.querySelector(`[data-testid=${id}]`) !== null;
        const state = has('export-summary')
          ? 'summary'
          : has('export-unfinished')
            ? 'unfinished'
            : has('export-start')
              ? 'start'
              : root.querySelector('[role=progressbar]')
                ? 'progress'
                : 'other';
        if (states.at(-1) !== state) states.push(state);
      };
      note();
      new MutationObserver(note).observe(root, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
      (globalThis as unknown as { panelStates: string[] }).panelStates = states;
    });

    const states = () =>
      teacher.classroom.page.evaluate(
        () => (globalThis as unknown as { panelStates: string[] }).panelStates,
      );
    const results = () => sisStateOf(sis, watched.klass.sourcedId).results.length;

    // The panel stays open: its next poll starts a new worker, which resumes the journal.
    // Whether that worker has resumed before it answers the panel's first question is a race
    // (the fault showed in about half the runs), so the worker is stopped twice.
    for (const stop of [1, 2]) {
      await stopWorker(admin.page, browser.extensionId);
      const atStop = results();
      expect(atStop, `stop ${stop}`).toBeLessThan(expected.results.length); // really mid-way
      await expect.poll(() => isWorkerRunning(admin.page, browser.extensionId), SLOW).toBe(true);
      // The new worker sends grades again; two more polls, and the panel still shows progress.
      await expect.poll(results, SLOW).toBeGreaterThan(atStop);
      await teacher.classroom.page.waitForTimeout(1_200);
      expect(await states(), `after stop ${stop}`).toEqual(['progress']);
    }
    await teacher.classroom.screenshot('teacher-resumed-while-watched');
    await expect.poll(async () => (await states()).length, SLOW).toBeGreaterThan(1);
    sis.setFaults({ latencyMs: LATENCY.normal });
    expect(await states()).toEqual(['progress', 'summary']);
    expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export finished');
    const counts = await teacher.summaryCounts();
    expect(counts.created + counts.updated).toBe(
      expected.lineItems.length + expected.results.length,
    );
    expect(counts.failed).toBe(0);
    expect(await teacher.panel.getByTestId('export-unfinished').count()).toBe(0);
    expect(sisStateOf(sis, watched.klass.sourcedId)).toEqual(expected);
    await teacher.byTestId('export-history').locator('summary').click();
    expect(await teacher.byTestId('export-history').textContent()).toMatch(
      /Export history \(1\).*Export finished/,
    );
    await teacher.classroom.page.close();
  });
});

describe('a cancelled export', () => {
  it('stops, says what was left unsent, and is finished by the next export', async () => {
    const { sis } = scenario;
    const expected = scenario.expected(cancelled);
    const teacher = await scenario.linkAndPreview(cancelled);
    sis.setFaults({ latencyMs: LATENCY.watched });
    await teacher.startExport();
    await expect
      .poll(() => teacher.byTestId('progress-phase').textContent(), SLOW)
      .toBe('Writing grades');
    await teacher.button('Cancel export').click();
    await teacher.summary.waitFor(SLOW);
    sis.setFaults({ latencyMs: LATENCY.normal });
    expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export cancelled');
    expect(await teacher.summary.textContent()).toMatch(/\d+ changes were not sent/);
    expect(await teacher.byTestId('export-unfinished').textContent()).toContain(
      'The last export did not finish',
    );

    await teacher.button('Export grades').click();
    await teacher.waitForPreview();
    const missing =
      expected.results.length - sisStateOf(sis, cancelled.klass.sourcedId).results.length;
    expect(missing).toBeGreaterThan(0);
    expect(await teacher.byTestId('preview-totals').textContent()).toBe(
      `0 line items to create, 0 to update, 5 unchanged, 1 skipped; ${missing} grades to send, 0 to delete.`,
    );
    await teacher.startExport();
    await teacher.summary.getByRole('heading', { name: 'Export finished' }).waitFor(SLOW);
    expect(sisStateOf(sis, cancelled.klass.sourcedId)).toEqual(expected);
    // The class exported before is untouched by the other class's exports.
    expect(sisStateOf(sis, stopped.klass.sourcedId)).toEqual(scenario.expected(stopped));
    await teacher.byTestId('export-history').locator('summary').click();
    expect(await teacher.byTestId('export-history').textContent()).toMatch(
      /Export history \(2\).*Export finished.*Export cancelled/,
    );
    await teacher.classroom.page.close();
  });
});
