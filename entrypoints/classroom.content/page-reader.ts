/**
 * Decides WHEN to read the Classroom page; lib/classroom decides HOW. Classroom renders a view
 * after its data arrives, so a read waits (bounded) for the page to stop changing: every DOM
 * change pushes the read back by `quietMs`, but never more than `maxWaitMs` between reads, and
 * after `timeoutMs` whatever the page shows is final (a Grades page without a grid fails then).
 * Each navigation starts a new read; reads of one class are merged (Grades + People).
 * A read happens only while the tab is visible and the active view is not `aria-busy`
 * (selectors.ts contract 2: Classroom does not paint in a background tab and marks a loading view
 * busy); the timeout does not run out on a hidden tab, and when the tab comes back or the view
 * finishes loading after a read, the page is read again (it may show more than before).
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
import { pageReadiness } from '@/lib/classroom/visible-text';

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

  const watch = (page: ClassPageInfo, announce = true) => {
    let active = true;
    let pending = false;
    // The timeout ran out while the page could not be read: the next readable moment is final.
    let expired = false;
    let lastChange = performance.now();
    let lastRead = performance.now();
    let settled: (() => void) | null = null;
    const stop = () => {
      active = false;
      observer.disconnect();
      doc.removeEventListener('visibilitychange', onVisibility);
      settled?.();
    };
    const finish = (result: ReadResult) => {
      if (!active) return;
      observer.disconnect();
      doc.removeEventListener('visibilitychange', onVisibility);
      report(page, result);
      settled = watchForReload(() => {
        active = false;
        cancel = watch(page, false);
      });
    };
    const check = () => {
      pending = false;
      if (!active || settled) return;
      if (pageReadiness(doc) !== 'ready') return; // a mutation or visibilitychange re-schedules
      const now = performance.now();
      const quietFor = now - lastChange;
      if (quietFor < timing.quietMs && now - lastRead < timing.maxWaitMs) {
        schedule(timing.quietMs - quietFor);
        return;
      }
      lastRead = now;
      const result = readCourseSnapshot(doc, page);
      if (expired || isComplete(page, result)) finish(result);
    };
    const onVisibility = () => {
      lastChange = performance.now();
      schedule(timing.quietMs);
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
      attributeFilter: ['hidden', 'aria-hidden', 'style', 'href', 'aria-label', 'aria-busy'],
    });
    doc.addEventListener('visibilitychange', onVisibility);
    if (announce) onUpdate({ courseId: page.courseId, reading: { state: 'reading' } });
    schedule(timing.quietMs);
    ctx.setTimeout(() => {
      if (!active || settled) return;
      if (pageReadiness(doc) === 'ready') finish(readCourseSnapshot(doc, page));
      else expired = true;
    }, timing.timeoutMs);
    return stop;
  };

  /**
   * After a read: calls `reread` once when the tab becomes visible again or the active view
   * stops being busy, the moments Classroom may have painted more. Returns the unsubscribe.
   */
  const watchForReload = (reread: () => void) => {
    let readiness = pageReadiness(doc);
    const onChange = () => {
      const now = pageReadiness(doc);
      const was = readiness;
      readiness = now;
      if (was !== 'ready' && now === 'ready') {
        unsubscribe();
        reread();
      }
    };
    const observer = new MutationObserver(onChange);
    observer.observe(doc.documentElement, {
      subtree: true,
      attributes: true,
      attributeFilter: ['aria-busy', 'aria-hidden'],
    });
    doc.addEventListener('visibilitychange', onChange);
    const unsubscribe = () => {
      observer.disconnect();
      doc.removeEventListener('visibilitychange', onChange);
    };
    return unsubscribe;
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
