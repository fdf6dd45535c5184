/**
 * Benchmark 5 (issue #7): the service worker's JavaScript heap (after garbage collection) after
 * each of 10 full exports of the demo class, to catch a leak that grows with every export. Each
 * round empties the class in the sandbox first, so every export writes everything again.
 * Prints figures; asserts nothing. Run: npx tsx scripts/bench/memory.ts
 */
import { buildForDemo, classInSis, linkDemoClass, setUpDemo } from '../demo-scene';
import { workerHeapBytes } from './worker-heap';

export interface MemoryFigures {
  heapsKb: number[];
  growthKb: number;
}

export async function benchMemory(rounds = 10): Promise<MemoryFigures> {
  buildForDemo();
  const scene = await setUpDemo({ headed: false, latencyMs: 0 });
  try {
    const teacher = await linkDemoClass(scene);
    const heapsKb: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      if (round > 1) {
        const { lineItems, results } = classInSis(scene);
        for (const r of results) scene.sis.data.results.delete(r.sourcedId);
        for (const li of lineItems) scene.sis.data.lineItems.delete(li.sourcedId);
        await teacher.button('Export grades').click();
        await teacher.waitForPreview();
      }
      await teacher.startExport();
      await teacher.panel.getByText(`Export history (${round})`).waitFor({ timeout: 120_000 });
      heapsKb.push((await workerHeapBytes(scene.admin.page, scene.browser.extensionId)) / 1024);
    }
    return { heapsKb, growthKb: (heapsKb.at(-1) ?? 0) - (heapsKb[0] ?? 0) };
  } finally {
    await scene.close();
  }
}

if (process.argv[1] === import.meta.filename) {
  const { heapsKb, growthKb } = await benchMemory();
  console.log(
    `Service-worker heap after each export (KB): ${heapsKb.map((kb) => kb.toFixed(0)).join(', ')}`,
  );
  console.log(`Growth from export 1 to 10: ${growthKb.toFixed(0)} KB`);
}
