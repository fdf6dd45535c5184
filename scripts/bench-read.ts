/**
 * Benchmark (issue #5): how long the content script's reader takes on a 200 × 100 Grades page in
 * real Chromium. Bundles lib/classroom with Vite (Rolldown) for the page, loads the generated
 * large-class fixture, and prints the median of N timed reads. Target: under 150 ms. Prints
 * figures only; nothing is asserted (timings belong in a report, not in a flaky test).
 *
 *   npm run bench:read [-- --runs 25 --students 200 --coursework 100]
 */
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM } from '../test/e2e/support/browser';
import { buildLargeGradesPage } from '../test/fixtures/classroom/large-class';

const TARGET_MS = 150;
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '25' },
    students: { type: 'string', default: '200' },
    coursework: { type: 'string', default: '100' },
  },
});
const runs = Number(values.runs);

/** The reader as one minified script, built the way the extension build treats lib/. */
async function bundleReader(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: new URL('./bench-read-page.ts', import.meta.url).pathname,
        name: 'benchReadBundle',
        formats: ['iife'],
      },
    },
  });
  const result = Array.isArray(output) ? output[0] : output;
  const chunk = result && 'output' in result ? result.output[0] : undefined;
  if (chunk?.type !== 'chunk') throw new Error('Vite produced no script');
  return chunk.code;
}

type ReadCounts = {
  ok: true;
  coursework: number;
  students: number;
  grades: number;
  unreadable: number;
};
type BenchWindow = { benchRead(url: string): ReadCounts | { ok: false; code: string } };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;

async function main() {
  const fixture = buildLargeGradesPage({
    students: Number(values.students),
    coursework: Number(values.coursework),
  });
  const script = await bundleReader();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent(fixture.html);
    await page.addScriptTag({ content: script });
    const { times, counts } = await page.evaluate(
      ({ url, runs }) => {
        const bench = globalThis as unknown as BenchWindow;
        for (let i = 0; i < 3; i += 1) bench.benchRead(url); // warm up the JIT
        const times: number[] = [];
        let counts = bench.benchRead(url);
        for (let i = 0; i < runs; i += 1) {
          const start = performance.now();
          counts = bench.benchRead(url);
          times.push(performance.now() - start);
        }
        return { times, counts };
      },
      { url: fixture.url, runs },
    );
    if (!counts.ok) throw new Error(`The reader failed on the fixture: ${counts.code}`);
    const sorted = [...times].sort((a, b) => a - b);
    const median = percentile(sorted, 0.5);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(
      `Chromium ${browser.version()}, reader bundle ${(script.length / 1024).toFixed(0)} KiB`,
    );
    console.log(
      `Page: ${counts.students} students × ${counts.coursework} coursework = ${counts.grades} cells ` +
        `(${counts.unreadable} unreadable, as generated: ${fixture.expected.unreadable}), ` +
        `${(fixture.html.length / 1024 / 1024).toFixed(1)} MiB of HTML`,
    );
    console.log(
      `${runs} reads: median ${ms(median)}, min ${ms(sorted[0] ?? Number.NaN)}, ` +
        `p90 ${ms(percentile(sorted, 0.9))}, max ${ms(sorted.at(-1) ?? Number.NaN)}`,
    );
    console.log(`Target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'NOT met'}`);
  } finally {
    await browser.close();
  }
}

await main();
