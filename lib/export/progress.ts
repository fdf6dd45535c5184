/**
 * Progress of a running export, for the panel's progress bar. Counter changes are throttled
 * (one report per interval plus a trailing one) because a fast SIS finishes hundreds of grades a
 * second and each report crosses the messaging layer; a phase change and a concurrency change
 * are reported at once.
 */
import type { EngineClock } from './run-clock';
import { createThrottle } from './run-clock';

export type ExportPhase = 'line-items' | 'grades';

/** One progress report. `done + failed ≤ total`; counts include a resumed export's earlier work. */
export interface ExportProgress {
  phase: ExportPhase;
  /** Operations of this phase that succeeded. */
  done: number;
  /** Operations of this phase in the export. */
  total: number;
  /** Operations of this phase that failed (including results skipped for a failed line item). */
  failed: number;
  /** Operations waiting to be retried right now. */
  retrying: number;
  /** Requests allowed in flight right now (lowered after 429s). */
  concurrency: number;
}

export type ProgressListener = (progress: ExportProgress) => void;

/** Default minimum time between two throttled reports. */
export const PROGRESS_INTERVAL_MS = 200;

export function createProgressReporter(
  listener: ProgressListener | undefined,
  clock: EngineClock,
  concurrency: number,
  intervalMs = PROGRESS_INTERVAL_MS,
) {
  const state: ExportProgress = {
    phase: 'line-items',
    done: 0,
    total: 0,
    failed: 0,
    retrying: 0,
    concurrency,
  };
  const emit = () => listener?.({ ...state });
  const throttle = createThrottle(clock, intervalMs, emit);
  const now = () => {
    throttle.dispose();
    emit();
  };

  return {
    /** Reports the start of a phase with its totals (at once). */
    startPhase(phase: ExportPhase, counts: Pick<ExportProgress, 'done' | 'total' | 'failed'>) {
      Object.assign(state, { phase, retrying: 0, ...counts });
      now();
    },
    /** One operation finished: succeeded or failed. */
    finished(ok: boolean) {
      if (ok) state.done++;
      else state.failed++;
      throttle.request();
    },
    /** An operation started (+1) or ended (−1) a backoff wait. */
    retrying(delta: 1 | -1) {
      state.retrying += delta;
      throttle.request();
    },
    concurrency(limit: number) {
      state.concurrency = limit;
      now();
    },
    /** Sends the latest counts if a report is waiting, e.g. at the end of a phase. */
    flush: () => throttle.flush(),
    dispose: () => throttle.dispose(),
  };
}

export type ProgressReporter = ReturnType<typeof createProgressReporter>;
