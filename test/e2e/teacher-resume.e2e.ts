/**
 * Exports that do not run to the end in one go, in real Chromium against the sandbox SIS: the
 * service worker stopped mid-export through the DevTools protocol (as Chrome stops an idle MV3
 * worker) resumes its journal when the panel is opened again and ends exact, without duplicates;
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
beforeAll(async () => {
  scenario = await startTeacherScenario({
    seed: 23,
    classes: [{ courseId: '734512908813' }, { courseId: '734512908814' }],
  });
  [stopped, cancelled] = scenario.fixtures as [ClassFixture, ClassFixture];
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
