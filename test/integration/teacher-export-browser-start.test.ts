/**
 * An export cut off by closing the browser resumes when the browser starts again, not only when
 * a Classroom page wakes the worker: the background listens for runtime.onStartup, which starts
 * the worker, and the worker's start resumes. However often a resume is asked for, it happens
 * once per journal.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resumeOnStart } from '@/entrypoints/background/runtime';
import { createHarness } from '../support/teacher-harness';
import {
  COURSE,
  expectSisToHold,
  linkClass,
  NO_CHOICES,
  setUpTeacherScene,
  snapshot,
} from './teacher-scene';

const scene = setUpTeacherScene();

/** Starts an export, and leaves its journal as a browser closed mid-export would. */
async function exportCutOff() {
  await linkClass();
  const snap = snapshot();
  scene.sis.setFaults({ latencyMs: 60 });
  await scene.h.ask('startExport', { courseId: COURSE, snapshot: snap, choices: NO_CHOICES });
  const store = scene.h.runtime.store;
  let left = await store.load(COURSE);
  while (!left || left.ops.filter((op) => op.status === 'done').length < 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    left = await store.load(COURSE);
  }
  scene.h.runtime.runner.cancel(COURSE);
  await scene.h.waitForExport(COURSE);
  await store.save(left);
  scene.sis.setFaults({ latencyMs: 5 });
  // Requests the cancel aborted still land in the sandbox after its latency: wait for quiet.
  for (let logged = -1; logged !== scene.sis.requestLog.entries.length; ) {
    logged = scene.sis.requestLog.entries.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  scene.sis.requestLog.clear();
  return { snap, left };
}

/** Writes per SIS path: a resume that ran twice would send pending writes twice. */
function writesPerPath() {
  const counts = new Map<string, number>();
  for (const e of scene.sis.requestLog.entries.filter((e) => e.method !== 'GET')) {
    counts.set(e.path, (counts.get(e.path) ?? 0) + 1);
  }
  return counts;
}

describe('resuming at browser start', () => {
  it('resumes at a browser start (runtime.onStartup), once per journal', async () => {
    const { snap, left } = await exportCutOff();
    const errors = vi.spyOn(console, 'error');
    const restarted = createHarness(scene.sis); // the browser started again: nothing in memory
    resumeOnStart(restarted.runtime, Promise.resolve(true));
    await Promise.all([
      fakeBrowser.runtime.onStartup.trigger(),
      fakeBrowser.runtime.onStartup.trigger(),
    ]);
    // Resumed in the background: wait for its outcome to be recorded.
    let state = await restarted.waitForExport(COURSE);
    while (state.history[0]?.state !== 'completed') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = await restarted.waitForExport(COURSE);
    }

    expect(errors).not.toHaveBeenCalled();
    expect(state.history[0]).toMatchObject({ exportId: left.exportId, state: 'completed' });
    expect(state.history.filter((s) => s.exportId === left.exportId)).toHaveLength(1);
    const pending = left.ops.filter((op) => op.status === 'pending').length;
    const counts = writesPerPath();
    expect(Math.max(...counts.values())).toBe(1);
    expect(counts.size).toBe(pending);
    expectSisToHold(snap);
  }, 30_000);

  it('runs one resume per journal when asked twice at once', async () => {
    await exportCutOff();
    const restarted = createHarness(scene.sis);
    const both = await Promise.all([
      restarted.runtime.resumeUnfinished(),
      restarted.runtime.resumeUnfinished(),
    ]);
    expect(new Set(both.flat())).toEqual(new Set([COURSE]));
    await restarted.waitForExport(COURSE);
    expect(Math.max(...writesPerPath().values())).toBe(1);
  }, 30_000);
});
