/**
 * Decides WHEN to read the Classroom page; lib/classroom decides HOW. Classroom renders a view
 * after its data arrives, so a read waits (bounded) for the page to stop changing: every DOM
 * change pushes the read back by `quietMs`, but never more than `maxWaitMs` between reads, and
 * after `timeoutMs` whatever the page shows is final (a Grades page without a grid fails then).
 * Each navigation starts a new read; reads of one class are merged (Grades + People).
 * Timers come from the content-script context, so they stop when the extension reloads.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageReading } from '@/components/panel/PageReading';
import type { CourseSnapshot } from '@/lib/classroom/model';
import {
  type ClassPageInfo,
  mergeSnapshots,
  type ReadResult,
  readCourseSnapshot,
  summarizeSnapshot,
} from '@/lib/classroom/read-page';

/** The part of the content-script context the reader needs (a fake in unit tests). */
export type ReaderContext = Pick<ContentScriptContext, 'setTimeout' | 'onInvalidated'>;

export interface ReadTiming {
  quietMs: number;
  maxWaitMs: number;
  timeoutMs: number;
}
/** Classroom usually renders within a second or two; 15 s covers a slow school network. */
export const DEFAULT_TIMING: ReadTiming = { quietMs: 250, maxWaitMs: 1500, timeoutMs: 15_000 };

/** What the reader reports: the class, how reading stands, and the merged snapshot once read. */
export interface PageReadUpdate {
  courseId: string;
  reading: PageReading;
  snapshot?: CourseSnapshot;
}

/** Watches `doc` and reports each class page's reading through `onUpdate`. */
export function createPageReader(
  ctx: ReaderContext,
  doc: Document,
  onUpdate: (update: PageReadUpdate) => void,
  timing: ReadTiming = DEFAULT_TIMING,
) {
  const snapshots = new Map<string, CourseSnapshot>();
  let cancel = () => {};
  ctx.onInvalidated(() => cancel());

  const report = (page: ClassPageInfo, result: ReadResult) => {
    if (!result.ok) {
      onUpdate({ courseId: page.courseId, reading: { state: 'failed', failure: result.failure } });
      return;
    }
    const previous = snapshots.get(page.courseId);
    const snapshot = previous ? mergeSnapshots(previous, result.snapshot) : result.snapshot;
    snapshots.set(page.courseId, snapshot);
    const summary = summarizeSnapshot(snapshot);
    onUpdate({ courseId: page.courseId, reading: { state: 'read', summary }, snapshot });
  };

  const watch = (page: ClassPageInfo) => {
    let active = true;
    let pending = false;
    let lastChange = performance.now();
    let lastRead = performance.now();
    const stop = () => {
      active = false;
      observer.disconnect();
    };
    const finish = (result: ReadResult) => {
      if (!active) return;
      stop();
      report(page, result);
    };
    const check = () => {
      pending = false;
      if (!active) return;
      const now = performance.now();
      const quietFor = now - lastChange;
      if (quietFor < timing.quietMs && now - lastRead < timing.maxWaitMs) {
        schedule(timing.quietMs - quietFor);
        return;
      }
      lastRead = now;
      const result = readCourseSnapshot(doc, page);
      if (isComplete(page, result)) finish(result);
    };
    const schedule = (delay: number) => {
      if (pending || !active) return;
      pending = true;
      ctx.setTimeout(check, delay);
    };
    const observer = new MutationObserver(() => {
      lastChange = performance.now();
      schedule(timing.quietMs);
    });
    observer.observe(doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['hidden', 'aria-hidden', 'style', 'href', 'aria-label'],
    });
    onUpdate({ courseId: page.courseId, reading: { state: 'reading' } });
    schedule(timing.quietMs);
    ctx.setTimeout(() => finish(readCourseSnapshot(doc, page)), timing.timeoutMs);
    return stop;
  };

  return {
    /** Reads `page` (after a navigation), abandoning any read still waiting. */
    read(page: ClassPageInfo) {
      cancel();
      cancel = watch(page);
    },
    /** Stops waiting (the user left the class). */
    stop() {
      cancel();
    },
  };
}

/** Whether what was read is all this page will show: otherwise keep waiting for it. */
function isComplete(page: ClassPageInfo, result: ReadResult): boolean {
  if (!result.ok) return false;
  if (page.kind === 'people') return result.snapshot.coverage.roster;
  return true;
}
