/**
 * `npm run bench`: every benchmark of issues #7, #11 (the journal), #12 (the worker's cold
 * start, the panel poll's cost) and #13 (the Classroom API read), figures printed, nothing
 * asserted. The last line is a one-line
 * summary of the figures (recorded in the README).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { benchClassroomApi, printClassroomApi } from './classroom-api';
import { benchColdStart, printColdStart } from './cold-start';
import { benchExport, printExportFigures } from './export';
import { benchJournal, printJournalFigures } from './journal';
import { benchMemory } from './memory';
import { benchPanelPoll, printPanelPoll } from './panel-poll';
import { measureSizes } from './sizes';
import { median, percentile } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');
const KB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

console.log('== 1–2. Export against the sandbox SIS (25 ms latency), OneRoster 1.1 and 1.2 ==');
const exportFigures = await benchExport('1.1');
const exportFigures12 = await benchExport('1.2');
printExportFigures(exportFigures);
printExportFigures(exportFigures12);
const { reexport } = exportFigures;

console.log('\n== 3. Reading the 200 × 100 Grades page in Chromium ==');
const readOutput = execFileSync(resolve(ROOT, 'node_modules/.bin/tsx'), ['scripts/bench-read.ts'], {
  cwd: ROOT,
  encoding: 'utf8',
});
process.stdout.write(readOutput);
const readMedian = /median ([\d.]+) ms/.exec(readOutput)?.[1] ?? '?';

console.log('\n== 4. Built sizes ==');
const sizes = measureSizes();
for (const e of sizes.entries) console.log(`${e.name}: ${KB(e.raw)} raw, ${KB(e.gzip)} gzip`);
console.log(`store zip: ${KB(sizes.zip)}`);

console.log('\n== 5. Service-worker memory over 10 exports ==');
const memory = await benchMemory();
console.log(`heap after each export (KB): ${memory.heapsKb.map((kb) => kb.toFixed(0)).join(', ')}`);
console.log(`growth from export 1 to 10: ${memory.growthKb.toFixed(0)} KB`);

console.log(
  '\n== 6. Export journal: bytes per operation (200 × 100), memory of a 500 × 200 plan ==',
);
const journal = await benchJournal();
printJournalFigures(journal);

console.log('\n== 7. Service-worker cold start: stopped through CDP, to the first panel answer ==');
const coldStart = await benchColdStart();
printColdStart(coldStart);

console.log('\n== 8. The panel status poll during a 40 × 50 export ==');
const poll = await benchPanelPoll();
printPanelPoll(poll);

console.log('\n== 9. The Classroom API read of a 200 × 100 class (50 ms latency) ==');
const apiRead = await benchClassroomApi();
printClassroomApi(apiRead);

const atDefault = exportFigures.rows.find((r) => r.concurrency === 4);
const atDefault12 = exportFigures12.rows.find((r) => r.concurrency === 4);
const gzip = (name: string) => KB(sizes.entries.find((e) => e.name === name)?.gzip ?? 0);
console.log(
  `\nSUMMARY export ratio@4=${atDefault?.ratio.toFixed(2)} (${((atDefault?.ms ?? 0) / 1000).toFixed(1)} s for ${atDefault?.requests} requests; 1.2 ${atDefault12?.ratio.toFixed(2)}, ${((atDefault12?.ms ?? 0) / 1000).toFixed(1)} s for ${atDefault12?.requests}) | re-export writes=${reexport.writes} (1.2: ${exportFigures12.reexport.writes}) | read 200x100 median=${readMedian} ms | content ${gzip('content script')} gz, background ${gzip('background')} gz, zip ${KB(sizes.zip)} | SW heap ${memory.heapsKb[0]?.toFixed(0)}→${memory.heapsKb.at(-1)?.toFixed(0)} KB over 10 exports | journal ${journal.bytesPerOperation.toFixed(0)} B/op, 500x200 plan+journal +${journal.memory.deltaMb.toFixed(0)} MB heap | SW cold start median=${median(coldStart.coldMs).toFixed(0)} ms | poll during 40x50 export median=${median(poll.answersMs).toFixed(1)} ms p90=${percentile(poll.answersMs, 0.9).toFixed(1)} ms | API read 200x100 ${apiRead.requests} requests in ${(apiRead.ms / 1000).toFixed(1)} s (×${(apiRead.ms / apiRead.serialMs).toFixed(2)} of requests × latency)`,
);
