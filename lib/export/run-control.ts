/**
 * Starting, resuming and cancelling exports in the background, one per Classroom course at a
 * time. An in-memory registry is the lock within this service worker; the journal's 'running'
 * state (recently updated) is the lock across a worker restart. A journal left 'running' by a
 * worker Chrome stopped is not a live export: once stale it may be replaced by a new export,
 * and at any time it may be continued with `resumeExport`.
 */
import { createJournal } from './journal';
import type { Operation } from './operations';
import { type RunExportOptions, runExport } from './run';
import { systemClock } from './run-clock';
import type { ExportSummary } from './run-summary';

/** A 'running' journal updated within this window may belong to a live export. */
export const RUNNING_STALE_AFTER_MS = 2 * 60_000;

/** Why an export could not be started or resumed. */
export type ExportControlErrorCode = 'export-running' | 'nothing-to-resume';

export class ExportControlError extends Error {
  override name = 'ExportControlError';
  constructor(
    readonly code: ExportControlErrorCode,
    readonly courseId: string,
  ) {
    super(`${code}: course ${courseId}`);
  }
}

/** What every run needs besides the plan: the client, the store, the engine's options. */
export type ExportDeps = Omit<RunExportOptions, 'journal'> & {
  /** A stored 'running' journal updated within this window blocks a new start. */
  staleAfterMs?: number;
  newExportId?: () => string;
};

export interface ExportRequest {
  courseId: string;
  sisClassId: string;
  operations: readonly Operation[];
}

const running = new Map<string, AbortController>();

/** True while an export of `courseId` runs in this worker. */
export function isExportRunning(courseId: string): boolean {
  return running.has(courseId);
}

/** Cancels this worker's export of `courseId`; false when none runs. */
export function cancelExport(courseId: string): boolean {
  running.get(courseId)?.abort(new Error('export cancelled'));
  return running.has(courseId);
}

/** Takes the in-memory lock synchronously (before any await), runs `body`, always releases. */
async function locked<T>(courseId: string, deps: ExportDeps, body: (s: AbortSignal) => Promise<T>) {
  if (running.has(courseId)) throw new ExportControlError('export-running', courseId);
  const controller = new AbortController();
  running.set(courseId, controller);
  const signal = deps.signal
    ? AbortSignal.any([deps.signal, controller.signal])
    : controller.signal;
  try {
    return await body(signal);
  } finally {
    running.delete(courseId);
  }
}

/**
 * Journals a new export of `request.operations` (replacing the course's previous journal) and
 * runs it. Refuses with 'export-running' while one runs here, or while the stored journal says
 * 'running' and was updated within `staleAfterMs`.
 */
export function startExport(request: ExportRequest, deps: ExportDeps): Promise<ExportSummary> {
  return locked(request.courseId, deps, async (signal) => {
    const now = (deps.clock ?? systemClock).now();
    const previous = await deps.store.load(request.courseId);
    const staleAfter = deps.staleAfterMs ?? RUNNING_STALE_AFTER_MS;
    if (previous?.state === 'running' && now - previous.updatedAt < staleAfter) {
      throw new ExportControlError('export-running', request.courseId);
    }
    const exportId = (deps.newExportId ?? (() => crypto.randomUUID()))();
    const journal = createJournal({ ...request, exportId, now });
    return runExport({ ...deps, journal, signal });
  });
}

/**
 * Continues the course's stored export — its pending operations only, from the stored plan —
 * e.g. after the worker restarted or the admin fixed the credentials. Refuses with
 * 'nothing-to-resume' when there is no readable journal.
 */
export function resumeExport(courseId: string, deps: ExportDeps): Promise<ExportSummary> {
  return locked(courseId, deps, async (signal) => {
    const journal = await deps.store.load(courseId);
    if (!journal) throw new ExportControlError('nothing-to-resume', courseId);
    return runExport({ ...deps, journal, signal });
  });
}
