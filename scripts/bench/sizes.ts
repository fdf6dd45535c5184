/**
 * Built sizes: each entrypoint's JavaScript (with the chunks it loads), raw and gzip, and the
 * store zip. Targets (issue #12): content script ≤ 110 KB gzip, background ≤ 55 KB gzip.
 * Prints figures; asserts nothing. Run: npx tsx scripts/bench/sizes.ts
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, '.output/chrome-mv3');
const KB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export interface SizeFigures {
  entries: Array<{ name: string; raw: number; gzip: number; target?: number }>;
  zip: number;
}

/** The JS files an HTML page or a script loads, transitively through static imports. */
function jsClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:from|import)\s*["']([^"']+\.js)["']|src="([^"]+\.js)"/g)) {
    const ref = match[1] ?? match[2] ?? '';
    jsClosure(ref.startsWith('/') ? join(OUT, ref) : resolve(file, '..', ref), seen);
  }
  return seen;
}

function measure(name: string, start: string, target?: number) {
  const files = [...jsClosure(join(OUT, start))].filter((f) => f.endsWith('.js'));
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, target };
}

export function measureSizes(): SizeFigures {
  execFileSync('npx', ['wxt', 'zip'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const zipName = readdirSync(join(ROOT, '.output')).find((f) => f.endsWith('-chrome.zip'));
  return {
    entries: [
      measure('content script', 'content-scripts/classroom.js', 110 * 1024),
      measure('background', 'background.js', 55 * 1024),
      measure('options page', 'options.html'),
    ],
    zip: zipName ? statSync(join(ROOT, '.output', zipName)).size : 0,
  };
}

if (process.argv[1] === import.meta.filename) {
  const figures = measureSizes();
  for (const e of figures.entries) {
    const verdict =
      e.target === undefined
        ? ''
        : e.gzip <= e.target
          ? ` (target ≤ ${KB(e.target)}: met)`
          : ` (target ≤ ${KB(e.target)}: MISSED)`;
    console.log(
      `${e.name.padEnd(15)} ${KB(e.raw).padStart(10)} raw ${KB(e.gzip).padStart(10)} gzip${verdict}`,
    );
  }
  console.log(`store zip       ${KB(figures.zip).padStart(10)}`);
}
