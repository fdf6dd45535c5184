/**
 * The export engine: executes a journal's pending operations against the SIS — all line items,
 * then all grades — with bounded, adaptive concurrency, retries with backoff, and the journal
 * saved as it goes, so an export survives a stopped service worker (see journal-store.ts).
 *
 * Failure policy (retry.ts): transient errors (network, timeout, 5xx, 429) are retried;
 * a rejected item (400, 403, 404…) fails alone and the export continues; rejected credentials
 * stop everything, leaving the rest pending for a resume once the admin fixed them.
 */
import { t } from '../i18n/t';
import { createAdaptiveLimiter } from './concurrency';
import {
  copyJournalState,
  type ExportJournal,
  ExportStopRequest,
  encodeJournal,
  JOURNAL_UNSAVED_STOPS,
} from './journal';
import type { JournalStore } from './journal-store';
import { createJournalWriter } from './journal-store';
import { PHASE_OF } from './plan-types';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { type EngineClock, systemClock } from './run-clock';
import type { ExportClient } from './run-operation';
import { type RunContext, runOperation } from './run-operation';
import {
  createProgressReporter,
  type ExportPhase,
  type ExportSummary,
  outcomeOf,
  type ProgressListener,
  summarizeJournal,
} from './summary';

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

  // A journal write that failed has already stopped the run (createRunContext); the summary then
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

/**
 * True for the browser saying its storage is full: storage.local's "QUOTA_BYTES quota exceeded"
 * (MV2) / "Resource::kQuotaBytes quota exceeded" (MV3), IndexedDB's QuotaExceededError.
 */
export function isQuotaError(error: unknown): boolean {
  return (
    (error instanceof Error || error instanceof DOMException) &&
    (error.name === 'QuotaExceededError' || /quota/i.test(error.message))
  );
}

/** Says what is too large: this export's journal, its writes and its stored size. */
function tooLarge(journal: ExportJournal): string {
  const bytes = new TextEncoder().encode(JSON.stringify(encodeJournal(journal))).length;
  // The browser's own locale (as the panel's dates): "1,3 MB" and "20.100" in Dutch.
  const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const size =
    bytes >= 1024 * 1024
      ? `${number.format(bytes / 1024 / 1024)} MB`
      : `${number.format(Math.ceil(bytes / 1024))} KB`;
  const sent = journal.ops.some((op) => op.attempts > 0);
  const count = number.format(journal.ops.length);
  return sent
    ? t('exportStoppedJournalTooLargeMidway', count, size)
    : t('exportStoppedJournalTooLarge', count, size);
}

/** Wires up one run: limiter, progress, writer, and the stop signal joined to the caller's. */
export function createRunContext(
  options: RunExportOptions,
  journal: ExportJournal,
  max: number,
  clock: EngineClock,
) {
  const stopper = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, stopper.signal])
    : stopper.signal;
  const progress = createProgressReporter(
    options.onProgress,
    clock,
    max,
    options.progressIntervalMs,
  );
  const writer = createJournalWriter(
    options.store,
    journal,
    clock,
    options.saveIntervalMs,
    // Stop sending at once: the summary then comes from the journal in memory, and says
    // exactly what reached the SIS.
    (error) =>
      isQuotaError(error)
        ? ctx.stop('journal-too-large', { code: 'unexpected-error', message: tooLarge(journal) })
        : ctx.stop('extension-error', {
            code: 'unexpected-error',
            message: t('exportStoppedExtensionError', String(error)),
          }),
  );
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  let giveUps = 0;
  let checking: Promise<boolean> | undefined;
  const { hostPermission } = options;
  const checkHostPermission = async () => {
    if (!hostPermission) return false;
    // A check that fails says nothing about the permission: keep the network failure's course.
    const granted = await hostPermission.isGranted().catch(() => true);
    if (granted) return false;
    ctx.stop('host-permission-missing', {
      code: 'network',
      message: t('exportStoppedHostPermission', hostPermission.origins.join(' ')),
    });
    return true;
  };
  const ctx: RunContext = {
    client: options.client,
    clock,
    random: options.random ?? Math.random,
    policy,
    limiter: createAdaptiveLimiter(max, clock, (limit) => progress.concurrency(limit)),
    progress,
    writer,
    journal,
    entries: new Map(journal.ops.map((op) => [op.id, op])),
    signal,
    stop(code, failure) {
      journal.stop ??= { code, message: failure.message };
      stopper.abort(new Error(`export stopped: ${code}`));
      writer.changed();
    },
    onSuccess: () => {
      giveUps = 0;
    },
    onGiveUp(failure) {
      if (++giveUps >= policy.stopAfterGiveUps) ctx.stop('sis-unavailable', failure);
    },
    hostPermissionLost() {
      checking ??= checkHostPermission().finally(() => {
        checking = undefined;
      });
      return checking;
    },
  };
  return { ctx, progress, writer };
}

/*
 * One phase of an export: its pending operations, worked off by a fixed pool of workers (as many
 * as the partner's maximum concurrency); the adaptive limiter decides how many of them may have
 * a request in flight at any moment.
 */
/** Line items first: a result may only be written once its line item exists in the SIS. */
export const PHASES: readonly ExportPhase[] = ['line-items', 'grades'];

/** What the journal counts for `phase` so far: the progress bar's starting point. */
export function phaseCounts(ctx: RunContext, phase: ExportPhase) {
  const ops = ctx.journal.ops.filter((op) => PHASE_OF[op.kind] === phase);
  const count = (status: string) => ops.filter((op) => op.status === status).length;
  return { total: ops.length, done: count('done'), failed: count('failed') };
}

/**
 * Fails, without sending them, the pending grade operations of line items whose PUT failed: the
 * SIS would reject a result for a line item it does not have, and a half-exported assignment is
 * worse than a clearly failed one. A later export retries the whole assignment.
 */
export function skipGradesOfFailedLineItems(ctx: RunContext) {
  const failed = new Set(
    ctx.journal.ops
      .filter((op) => op.kind === 'put-line-item' && op.status === 'failed')
      .map((op) => op.id),
  );
  if (failed.size === 0) return;
  for (const entry of ctx.journal.ops) {
    if (entry.status !== 'pending' || !entry.lineItemId || !failed.has(entry.lineItemId)) continue;
    entry.status = 'failed';
    entry.error = { code: 'line-item-failed', message: 'line item failed' };
  }
  ctx.writer.changed();
}

/** Runs the phase's pending operations with at most `workers` at a time. */
export async function runPhase(ctx: RunContext, phase: ExportPhase, workers: number) {
  const queue = ctx.journal.operations.filter(
    (op) => PHASE_OF[op.kind] === phase && ctx.entries.get(op.id)?.status === 'pending',
  );
  let next = 0;
  async function worker() {
    while (!ctx.signal.aborted) {
      const op = queue[next++];
      const entry = op && ctx.entries.get(op.id);
      if (!op || !entry) return;
      await runOperation(op, entry, ctx);
    }
  }
  await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, worker));
}
