/**
 * Plans, errors and a run helper for the engine tests. Errors are built with the client's real
 * error classes, exactly as the transport would throw them.
 */
import { AuthTokenError } from '@/lib/auth/authenticator';
import { createJournal, type ExportJournal } from '@/lib/export/journal';
import { createMemoryJournalStore } from '@/lib/export/journal-store';
import type { Operation } from '@/lib/export/plan-types';
import { type RunExportOptions, runExport } from '@/lib/export/run';
import type { ExportProgress } from '@/lib/export/summary';
import {
  type OneRosterErrorCode,
  OneRosterHttpError,
  OneRosterResponseError,
  SisClockSkewError,
  SisNetworkError,
} from '@/lib/oneroster/errors';
import { createFakeClock } from './fake-clock';
import { createScriptedClient } from './scripted-client';

const request = { method: 'PUT', url: 'https://sis.example.org/ims/oneroster/v1p1/results/x' };

function http(
  code: OneRosterErrorCode,
  status: number,
  extra: { retryAfterMs?: number; description?: string } = {},
) {
  const statusInfo = extra.description
    ? { description: extra.description, codeMinor: [] }
    : undefined;
  return new OneRosterHttpError(
    code,
    { status, body: '', statusInfo, retryAfterMs: extra.retryAfterMs },
    request,
  );
}

/** Each error type the client can throw, built as the client builds it. */
export const sisError = {
  network: () => new SisNetworkError('network', 'PUT failed: fetch failed', request),
  timeout: () => new SisNetworkError('timeout', 'PUT timed out after 30000 ms', request),
  server: (retryAfterMs?: number) =>
    http('server-error', retryAfterMs ? 503 : 500, { retryAfterMs }),
  rateLimited: (retryAfterMs?: number) => http('rate-limited', 429, { retryAfterMs }),
  badCredentials: () => http('bad-credentials', 401),
  clockSkew: () => new SisClockSkewError({ status: 401, body: '' }, request, 20 * 60_000),
  tokenRejected: () =>
    new AuthTokenError('token-rejected', 'token endpoint answered 401', { status: 401 }),
  invalidData: (description?: string) => http('invalid-data', 400, { description }),
  notFound: () => http('not-found', 404, { description: 'unknown object' }),
  forbidden: () => http('forbidden', 403),
  underScoped: () => http('under-scoped', 403),
  unexpected: () => http('unexpected-status', 418),
  schemaMismatch: () =>
    new OneRosterResponseError(
      'schema-mismatch',
      'PUT …: result.score: expected number',
      request,
      '{}',
    ),
};

/** `lineItems` line items with `students` results each; ids `li-1`, `r-1-1`, deletes `d-1-1`. */
export function makeOperations(
  lineItems: number,
  students: number,
  deletesPerItem = 0,
): Operation[] {
  const ops: Operation[] = [];
  for (let i = 1; i <= lineItems; i++) {
    const lineItemId = `li-${i}`;
    ops.push({
      kind: 'put-line-item',
      id: lineItemId,
      courseworkId: `cw-${i}`,
      lineItem: {
        sourcedId: lineItemId,
        title: `Assignment ${i}`,
        assignDate: '2025-09-01T00:00:00.000Z',
        dueDate: '2025-09-08T00:00:00.000Z',
        class: { sourcedId: 'class-1' },
        resultValueMin: 0,
        resultValueMax: 10,
      },
    });
    for (let s = 1; s <= students; s++) {
      const id = `r-${i}-${s}`;
      const result = {
        sourcedId: id,
        lineItem: { sourcedId: lineItemId },
        student: { sourcedId: `student-${s}` },
        scoreStatus: 'fully graded' as const,
        score: s,
        scoreDate: '2025-09-09',
        comment: '',
      };
      ops.push({
        kind: 'put-result',
        id,
        courseworkId: `cw-${i}`,
        studentKey: `s${s}`,
        lineItemId,
        result,
      });
    }
    for (let s = 1; s <= deletesPerItem; s++) {
      ops.push({
        kind: 'delete-result',
        id: `d-${i}-${s}`,
        courseworkId: `cw-${i}`,
        studentKey: `s${s}`,
        lineItemId,
      });
    }
  }
  return ops;
}

export function journalFor(operations: Operation[], courseId = 'course-1'): ExportJournal {
  return createJournal({
    exportId: 'export-1',
    courseId,
    sisClassId: 'class-1',
    operations,
    now: 0,
  });
}

/** A fake clock, scripted client, memory store and progress log, ready for `run`. */
export function engineRig(options: { latencyMs?: number; random?: () => number } = {}) {
  const clock = createFakeClock();
  const fake = createScriptedClient(clock, options.latencyMs ?? 10);
  const store = createMemoryJournalStore();
  const progress: ExportProgress[] = [];
  const run = (operations: Operation[], extra: Partial<RunExportOptions> = {}) =>
    runExport({
      client: fake.client,
      journal: journalFor(operations),
      store,
      clock,
      random: options.random ?? (() => 0.5),
      onProgress: (p) => progress.push(p),
      ...extra,
    });
  const stored = async () => {
    const journal = await store.load('course-1');
    if (!journal) throw new Error('no journal stored');
    return journal;
  };
  /** Runs 3 line items × 4 grades with every journal save failing as `message` says. */
  const runWithSavesFailing = (message: string) =>
    run(makeOperations(3, 4), {
      store: {
        ...store,
        save: async () => {
          throw new Error(message);
        },
      },
    });
  return { clock, fake, store, progress, run, stored, runWithSavesFailing };
}
