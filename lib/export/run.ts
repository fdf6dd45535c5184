/**
 * The export engine: executes a journal's pending operations against the SIS — all line items,
 * then all grades — with bounded, adaptive concurrency, retries with backoff, and the journal
 * saved as it goes, so an export survives a stopped service worker (see journal-writer.ts).
 *
 * Failure policy (run-failure.ts): transient errors (network, timeout, 5xx, 429) are retried;
 * a rejected item (400, 403, 404…) fails alone and the export continues; rejected credentials
 * stop everything, leaving the rest pending for `resumeExport` once the admin fixed them.
 */
import type { RetryPolicy } from './backoff';
import { copyJournalState, type ExportJournal } from './journal';
import type { JournalStore } from './journal-store';
import type { ProgressListener } from './progress';
import { type EngineClock, systemClock } from './run-clock';
import { ExportStopRequest, JOURNAL_UNSAVED_STOPS } from './run-codes';
import { createRunContext } from './run-context';
import { PHASES, phaseCounts, runPhase, skipGradesOfFailedLineItems } from './run-phase';
import type { ExportClient } from './run-send';
import { type ExportSummary, outcomeOf, summarizeJournal } from './run-summary';

/**
 * The browser's permission to reach the SIS's origins (lib/sis/host-access.ts behind it), so the
 * engine can tell a permission taken back mid-export from a network failure: Chrome then refuses
 * every request like a network error (CORS), and retrying them is useless.
 */
export interface HostPermissionCheck {
  origins: readonly string[];
  isGranted(): Promise<boolean>;
}

/** Requests in flight at most, unless the partner profile says otherwise. */
export const DEFAULT_CONCURRENCY = 4;

export interface RunExportOptions {
  client: ExportClient;
  /** The export to run; only its pending operations are sent. Not modified (a copy is run). */
  journal: ExportJournal;
  /** Where the journal is saved as the run progresses. */
  store: JournalStore;
  /** Cancels: in-flight requests are aborted, unsent operations stay pending. */
  signal?: AbortSignal;
  /** Maximum requests in flight (the partner's limit). Default 4. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  clock?: EngineClock;
  /** Uniform in [0, 1), for jitter. Default Math.random. */
  random?: () => number;
  onProgress?: ProgressListener;
  /** Asked on a network failure; when the permission is gone the export stops at once. */
  hostPermission?: HostPermissionCheck;
  progressIntervalMs?: number;
  saveIntervalMs?: number;
}

function checkConcurrency(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError('concurrency must be a positive integer');
  }
  return value;
}

/** Runs the export to its end (completed, stopped or cancelled) and returns its summary. */
export async function runExport(options: RunExportOptions): Promise<ExportSummary> {
  const clock = options.clock ?? systemClock;
  const runStartedAt = clock.now();
  const max = checkConcurrency(options.concurrency ?? DEFAULT_CONCURRENCY);
  const journal = copyJournalState(options.journal);
  journal.state = 'running';
  delete journal.stop;

  const { ctx, progress, writer } = createRunContext(options, journal, max, clock);
  const { signal } = ctx;

  // A journal write that failed has already stopped the run (run-context.ts); the summary then
  // comes from the journal in memory. Any other failure is the caller's to handle.
  const unlessStoppedForIt = (error: unknown) => {
    const code = journal.stop?.code;
    if (!code || !JOURNAL_UNSAVED_STOPS.has(code)) throw error;
  };

  // 'running' is on disk before the first request: the lock and a resume rely on it. If it
  // cannot be saved, the run stops here, before sending anything.
  writer.changed();
  await writer.flush().catch(unlessStoppedForIt);
  try {
    for (const phase of PHASES) {
      if (signal.aborted) break;
      if (phase === 'grades') skipGradesOfFailedLineItems(ctx);
      progress.startPhase(phase, phaseCounts(ctx, phase));
      await runPhase(ctx, phase, max);
      progress.flush();
      await writer.flush().catch(unlessStoppedForIt);
    }
  } finally {
    // Stopped from outside (Disconnect) rather than cancelled by the teacher: say so.
    const reason: unknown = options.signal?.aborted ? options.signal.reason : undefined;
    if (reason instanceof ExportStopRequest) {
      journal.stop ??= { code: reason.code, message: reason.message };
    }
    journal.state = outcomeOf(journal);
    writer.changed();
    progress.dispose();
    await writer
      .flush()
      .catch(unlessStoppedForIt)
      .finally(() => writer.dispose());
  }
  return summarizeJournal(journal, clock.now() - runStartedAt);
}
