/**
 * Export benchmarks (issue #7, 1 and 2; over OneRoster 1.1 and 1.2 since #14), against the
 * sandbox SIS with 25 ms latency per request (1.2: its IC-style service, strict schema checks):
 *  1. a full export of 40 students × 50 graded coursework (50 line items + 2,000 results) at
 *     concurrency 1, 2, 4 (the default) and 8: measured time, the ideal (requests ÷ concurrency ×
 *     latency) and their ratio (target ≤ 1.25 at the default);
 *  2. a re-export after changing 5 grades: writes sent (target exactly 5) and total requests.
 * Prints figures; asserts nothing. Run: npx tsx scripts/bench/export.ts
 */
import { createJournal } from '../../lib/export/journal';
import { createMemoryJournalStore } from '../../lib/export/journal-store';
import { runExport } from '../../lib/export/run';
import type { OneRosterVersion } from '../../lib/oneroster/version';
import { BENCH_COURSE, benchClass, benchClient, planAgainstSis } from './export-fixture';
import { startSandboxProcess } from './sandbox-process';

// The engine words failures with the extension's i18n, which Node has no `browser` for; a bench
// run has no failures to word, but keep a stand-in so one would print its key, not crash.
(globalThis as { browser?: unknown }).browser ??= { i18n: { getMessage: (key: string) => key } };

const LATENCY_MS = 25;

export interface ExportFigures {
  version: OneRosterVersion;
  rows: Array<{
    concurrency: number;
    requests: number;
    ms: number;
    idealMs: number;
    ratio: number;
  }>;
  reexport: { writes: number; requests: number; ms: number };
}

/** Counts every request the client sends (reads, writes and retries). */
function countingFetch(counter: { requests: number }): typeof fetch {
  return (input, init) => {
    counter.requests++;
    return fetch(input, init);
  };
}

export async function benchExport(version: OneRosterVersion = '1.1'): Promise<ExportFigures> {
  const rows: ExportFigures['rows'] = [];
  let reexport: ExportFigures['reexport'] = { writes: 0, requests: 0, ms: 0 };
  for (const concurrency of [1, 2, 4, 8]) {
    const sis = await startSandboxProcess([
      ...['--seed', '5', '--students', '200', '--classes', '4', '--class-size', '40'],
      ...['--latency', String(LATENCY_MS), '--oneroster', version],
    ]);
    try {
      const counter = { requests: 0 };
      const client = benchClient(sis, version, countingFetch(counter));
      const bench = await benchClass(client, sis.teacherEmail, 50);
      const plan = await planAgainstSis(client, bench);
      const journal = createJournal({
        exportId: `bench-${concurrency}`,
        courseId: BENCH_COURSE,
        sisClassId: bench.sisClassId,
        operations: plan.operations,
        now: Date.now(),
      });
      counter.requests = 0;
      const started = performance.now();
      const summary = await runExport({
        client,
        journal,
        store: createMemoryJournalStore(),
        concurrency,
      });
      const ms = performance.now() - started;
      if (summary.state !== 'completed') throw new Error(`export ended ${summary.state}`);
      const requests = counter.requests;
      // Line items and grades are separate phases, so each rounds up on its own.
      const lineItems = plan.operations.filter((op) => op.kind === 'put-line-item').length;
      const idealMs =
        (Math.ceil(lineItems / concurrency) + Math.ceil((requests - lineItems) / concurrency)) *
        LATENCY_MS;
      rows.push({ concurrency, requests, ms, idealMs, ratio: ms / idealMs });

      if (concurrency === 4) {
        // Change 5 grades, then plan (reading the SIS) and export again, as the background does.
        for (const grade of bench.grades.slice(0, 5)) grade.score = (grade.score ?? 0) + 1;
        counter.requests = 0;
        const again = performance.now();
        const replan = await planAgainstSis(client, bench);
        const resent = await runExport({
          client,
          journal: createJournal({
            exportId: 'bench-reexport',
            courseId: BENCH_COURSE,
            sisClassId: bench.sisClassId,
            operations: replan.operations,
            now: Date.now(),
          }),
          store: createMemoryJournalStore(),
        });
        reexport = {
          writes: resent.attempts,
          requests: counter.requests,
          ms: performance.now() - again,
        };
      }
    } finally {
      await sis.close();
    }
  }
  return { version, rows, reexport };
}

if (process.argv[1] === import.meta.filename) {
  for (const version of ['1.1', '1.2'] as const) printExportFigures(await benchExport(version));
}

export function printExportFigures({ version, rows, reexport }: ExportFigures) {
  console.log(
    `OneRoster ${version}: full export, 40 students × 50 coursework, ${LATENCY_MS} ms latency per request:`,
  );
  console.log('concurrency  requests   measured      ideal   ratio');
  for (const r of rows) {
    console.log(
      `${String(r.concurrency).padStart(11)}  ${String(r.requests).padStart(8)}  ${(r.ms / 1000).toFixed(2).padStart(8)} s  ${(r.idealMs / 1000).toFixed(2).padStart(7)} s  ${r.ratio.toFixed(2).padStart(6)}`,
    );
  }
  console.log(
    `Re-export after changing 5 grades: ${reexport.writes} writes (target 5), ${reexport.requests} requests in all, ${(reexport.ms / 1000).toFixed(2)} s`,
  );
}
