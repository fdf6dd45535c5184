/**
 * Benchmark (issue #12): what the panel's status poll costs the background during a 40 × 50
 * export (50 line items + 2,000 results, 25 ms sandbox latency, the product's concurrency).
 * While the real panel exports and polls (every 500 ms), a probe in the same content script
 * sends getPanelState at the panel's pace and times each answer; the worker's CPU is sampled
 * over the DevTools protocol from the Export click to the summary. Prints the answers' median
 * and p90 and the worker's busy CPU time; asserts nothing. Run it on a checkout where
 * getPanelState still reads the journal while exporting to get the "before" figure.
 * Run: npx tsx scripts/bench/panel-poll.ts
 */

import { evaluateInContentScript } from '../../test/e2e/support/isolated-world';
import type { PageCell, PageCoursework } from '../../test/fixtures/classroom/sandbox-class';
import { buildForDemo, linkDemoClass, setUpDemo } from '../demo-scene';
import { median, ms, percentile } from './stats';
import { attachToWorker } from './worker-heap';

const LATENCY_MS = 25;
const POLL_MS = 500;
const COURSEWORK: PageCoursework[] = Array.from({ length: 50 }, (_, j) => ({
  id: String(620_000_000_000 + j),
  title: j % 10 === 9 ? `Quiz ${(j + 1) / 10}` : `Assignment ${j + 1}`,
  maxPoints: 100,
  due: { month: 9 + (j % 3), day: (j % 28) + 1 },
  category: j % 10 === 9 ? 'Quizzes' : 'Homework',
}));
/** Every cell is a grade to send. */
const cell = (_cw: PageCoursework, j: number, i: number): PageCell => ({
  kind: 'returned',
  score: (i * 7 + j * 13) % 101,
});

export interface PollFigures {
  preview: string;
  exportMs: number;
  /** getPanelState answers timed while the export ran. */
  answersMs: number[];
  /** The worker's sampled CPU time (not idle) from the Export click to the summary. */
  workerBusyMs: number;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string } }>;
  samples: number[];
  timeDeltas: number[];
}

/** Sampled time the profiled thread was not idle: each sample stands for the gap after it. */
function busyMs(profile: CpuProfile): number {
  const idle = new Set(
    profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id),
  );
  let busyUs = 0;
  profile.samples.forEach((node, i) => {
    if (!idle.has(node)) busyUs += profile.timeDeltas[i + 1] ?? 0;
  });
  return busyUs / 1000;
}

/**
 * The probe, in the content script's world: polls like the panel (one question at a time, the
 * next 500 ms after the answer) and keeps how long each answer that said "running" took, until
 * told to stop. Started without waiting; read back when the summary shows.
 */
function startProbe(courseId: string) {
  return `(() => {
    const message = { type: 'getPanelState', data: { courseId: ${JSON.stringify(courseId)} } };
    const probe = { answers: [], failed: 0, stop: false };
    globalThis.benchProbe = probe;
    (async () => {
      while (!probe.stop) {
        const started = performance.now();
        const reply = await chrome.runtime.sendMessage(message).catch(() => undefined);
        const took = performance.now() - started;
        if (!reply?.ok) probe.failed++;
        else if (reply.data.export.running) probe.answers.push(took);
        await new Promise((done) => setTimeout(done, ${POLL_MS}));
      }
    })();
    return true;
  })()`;
}
const STOP_PROBE = `(() => {
  globalThis.benchProbe.stop = true;
  return { answers: globalThis.benchProbe.answers, failed: globalThis.benchProbe.failed };
})()`;

export async function benchPanelPoll(): Promise<PollFigures> {
  buildForDemo();
  const scene = await setUpDemo({
    headed: false,
    latencyMs: LATENCY_MS,
    district: { students: 200, classes: 4, classSize: 40 },
    coursework: COURSEWORK,
    cell,
  });
  try {
    if (scene.fixture.rows.length !== 40) throw new Error('the bench class must have 40 students');
    const teacher = await linkDemoClass(scene);
    const preview = (await teacher.byTestId('preview-totals').textContent()) ?? '';
    const { extensionId } = scene.browser;
    const worker = await attachToWorker(scene.admin.page, extensionId);
    try {
      await worker.send('Profiler.enable');
      await worker.send('Profiler.setSamplingInterval', { interval: 500 });
      const page = teacher.classroom.page;
      await evaluateInContentScript(page, extensionId, startProbe(scene.fixture.courseId));
      await worker.send('Profiler.start');
      const started = performance.now();
      await teacher.startExport();
      await teacher.summary.waitFor({ timeout: 10 * 60_000 });
      const exportMs = performance.now() - started;
      const { profile } = (await worker.send('Profiler.stop')) as { profile: CpuProfile };
      const probe = await evaluateInContentScript<{ answers: number[]; failed: number }>(
        page,
        extensionId,
        STOP_PROBE,
      );
      if (probe.failed > 0) throw new Error(`${probe.failed} getPanelState questions failed`);
      if (probe.answers.length === 0) throw new Error('no getPanelState answer said "running"');
      return { preview, exportMs, answersMs: probe.answers, workerBusyMs: busyMs(profile) };
    } finally {
      await worker.close();
    }
  } finally {
    await scene.close();
  }
}

export function printPanelPoll(f: PollFigures) {
  console.log(`40 × 50 export (${f.preview}) in ${(f.exportMs / 1000).toFixed(1)} s`);
  console.log(
    `getPanelState during the export, ${f.answersMs.length} answers: median ${ms(median(f.answersMs))}, ` +
      `p90 ${ms(percentile(f.answersMs, 0.9))}, max ${ms(Math.max(...f.answersMs))}`,
  );
  console.log(
    `worker CPU (sampled) from Export to summary: ${(f.workerBusyMs / 1000).toFixed(2)} s ` +
      `(${((100 * f.workerBusyMs) / f.exportMs).toFixed(0)} % of the export)`,
  );
}

if (process.argv[1] === import.meta.filename) printPanelPoll(await benchPanelPoll());
