/**
 * The state one export run shares between its workers: the client, the clock, the limiter,
 * the journal (entries by id), the writer and the progress reporter, and the one signal that
 * aborts everything in flight on cancel or stop.
 */
import { t } from '../i18n/t';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff';
import { type AdaptiveLimiter, createAdaptiveLimiter } from './concurrency';
import type { ExportJournal, JournalOp } from './journal';
import { encodeJournal } from './journal-codec';
import { createJournalWriter, type JournalWriter } from './journal-writer';
import { createProgressReporter, type ProgressReporter } from './progress';
import type { RunExportOptions } from './run';
import type { EngineClock } from './run-clock';
import type { ExportFailureInfo, ExportStopCode } from './run-codes';
import type { ExportClient } from './run-send';

export interface RunContext {
  client: ExportClient;
  clock: EngineClock;
  random: () => number;
  policy: RetryPolicy;
  limiter: AdaptiveLimiter;
  progress: ProgressReporter;
  writer: JournalWriter;
  journal: ExportJournal;
  entries: ReadonlyMap<string, JournalOp>;
  /** Aborted when the caller cancels or the export stops. */
  signal: AbortSignal;
  /** Stops the export: records why (first reason wins) and aborts every request in flight. */
  stop(code: ExportStopCode, failure: ExportFailureInfo): void;
  /** An operation succeeded: resets the run of give-ups. */
  onSuccess(): void;
  /** An operation gave up on transient errors; enough in a row stop the export. */
  onGiveUp(failure: ExportFailureInfo): void;
  /**
   * After a network failure: true when the SIS host permission is gone, and then the export is
   * stopped ('host-permission-missing'). One check at a time: the requests in flight fail
   * together and share it.
   */
  hostPermissionLost(): Promise<boolean>;
}

/** Marks `entry` done or failed, and tells the journal writer and the progress bar. */
export function settle(
  ctx: RunContext,
  entry: JournalOp,
  result: { outcome: Pick<JournalOp, 'created' | 'deleted'> } | { failure: ExportFailureInfo },
) {
  if ('failure' in result) {
    entry.status = 'failed';
    entry.error = result.failure;
  } else {
    entry.status = 'done';
    Object.assign(entry, result.outcome);
    delete entry.error;
  }
  ctx.writer.changed();
  ctx.progress.finished(entry.status === 'done');
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
