/**
 * The export engine with the real OneRoster client against the real sandbox SIS, faults
 * injected: 10 % 500s, 5 % 429s and 3 % dropped connections. Whatever the faults, the SIS must
 * end up holding exactly the planned line items and results, once each; re-running the same
 * operations changes no value and creates nothing; and a real Retry-After is waited out.
 */
import { v5 as uuidv5 } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '@/lib/auth/config';
import { createJournal } from '@/lib/export/journal';
import { createStorageJournalStore } from '@/lib/export/journal-store';
import type { Operation } from '@/lib/export/plan-types';
import { runExport } from '@/lib/export/run';
import { createOneRosterClient, type OneRosterClient } from '@/lib/oneroster/client';
import { NO_FAULTS, type Sandbox, startSandbox } from '../../sandbox/index';

const NAMESPACE = '3a4e6f51-2b7c-4d8e-9f10-0a1b2c3d4e5f';
const LINE_ITEMS = 10;

let sis: Sandbox;
let client: OneRosterClient;
let classId: string;
let operations: Operation[];

/** 10 line items × every student of the class (18–28), with extra credit and exempt grades. */
function plan(klass: string, category: string, students: string[]): Operation[] {
  const ops: Operation[] = [];
  for (let i = 1; i <= LINE_ITEMS; i++) {
    const lineItemId = uuidv5(`engine-test/cw-${i}`, NAMESPACE);
    ops.push({
      kind: 'put-line-item',
      id: lineItemId,
      courseworkId: `cw-${i}`,
      lineItem: {
        sourcedId: lineItemId,
        title: `Engine test ${i}`,
        assignDate: '2025-09-01T12:00:00.000Z',
        dueDate: '2025-09-08T12:00:00.000Z',
        class: { sourcedId: klass },
        category: { sourcedId: category },
        resultValueMin: 0,
        resultValueMax: 10,
      },
    });
    students.forEach((student, s) => {
      const id = uuidv5(`${lineItemId}/${student}`, NAMESPACE);
      const exempt = (i + s) % 13 === 0;
      const result = {
        sourcedId: id,
        lineItem: { sourcedId: lineItemId },
        student: { sourcedId: student },
        scoreStatus: exempt ? ('exempt' as const) : ('fully graded' as const),
        score: exempt ? 0 : (i * 7 + s) % 12, // 11 on a 0–10 item: extra credit, sent as is
        scoreDate: '2025-09-09',
        comment: '',
      };
      ops.push({
        kind: 'put-result',
        id,
        courseworkId: `cw-${i}`,
        studentKey: student,
        lineItemId,
        result,
      });
    });
  }
  return ops;
}

/** The class's line items and their results as the sandbox stores them, without timestamps. */
function sisState() {
  const items = [...sis.data.lineItems.values()].filter((item) => item.class.sourcedId === classId);
  const ids = new Set(items.map((item) => item.sourcedId));
  const results = [...sis.data.results.values()].filter((r) => ids.has(r.lineItem.sourcedId));
  const strip = <T extends { dateLastModified: string }>({ dateLastModified: _, ...rest }: T) =>
    rest;
  return { items: items.map(strip), results: results.map(strip) };
}

const run = (ops: Operation[], maxAttempts = 6, concurrency = 4, using = client) =>
  runExport({
    client: using,
    journal: createJournal({
      exportId: crypto.randomUUID(),
      courseId: 'course-e',
      sisClassId: classId,
      operations: ops,
      now: Date.now(),
    }),
    store: createStorageJournalStore(),
    concurrency,
    // Small waits keep the run short; 10 attempts make a false give-up at ~17 % faults
    // (0.17^10 per operation) practically impossible.
    retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts },
  });

beforeAll(async () => {
  sis = await startSandbox({ seed: 23, students: 60, classes: 4 });
  const auth = createAuthenticator({ mode: 'oauth1', ...sis.credentials.oauth1 });
  client = createOneRosterClient({ baseUrl: sis.baseUrl, auth, fetch, timeoutMs: 5000 });
  const [teacher] = await client.findTeachersByEmail(sis.teacherEmail);
  const [klass] = await client.listClassesForTeacher(teacher?.sourcedId ?? '');
  classId = klass?.sourcedId ?? '';
  const students = (await client.listStudentsForClass(classId)).map((s) => s.sourcedId);
  const { categories } = await client.listCategoriesForClass(classId);
  operations = plan(classId, categories[0]?.sourcedId ?? '', students);
});
afterEach(() => {
  sis.setFaults(NO_FAULTS);
});
afterAll(() => sis.close());

describe('the engine against the sandbox SIS', () => {
  it('leaves exactly the planned line items and results despite 500s, 429s and drops', async () => {
    expect(operations.length).toBeGreaterThan(LINE_ITEMS * 18);
    sis.requestLog.clear();
    sis.setFaults({
      errorRate: 0.1,
      rateLimit: { share: 0.05, retryAfterSeconds: 0 },
      dropRate: 0.03,
    });
    const summary = await run(operations, 10);

    const faults = sis.requestLog.entries.map((e) => e.fault).filter(Boolean);
    expect(new Set(faults)).toEqual(new Set(['error', 'rate-limit', 'drop']));
    expect(summary).toMatchObject({ state: 'completed', failed: [], pending: 0 });
    expect(summary.created + summary.updated).toBe(operations.length);
    expect(summary.retries).toBeGreaterThanOrEqual(faults.length);

    const { items, results } = sisState();
    const planned = operations.flatMap((op) => (op.kind === 'put-line-item' ? [op.lineItem] : []));
    expect(items).toHaveLength(LINE_ITEMS);
    for (const expected of planned) {
      expect(items.find((item) => item.sourcedId === expected.sourcedId)).toMatchObject({
        title: expected.title,
        resultValueMin: 0,
        resultValueMax: 10,
        category: { sourcedId: expected.category?.sourcedId },
        status: 'active',
      });
    }
    const expectedResults = operations.flatMap((op) =>
      op.kind === 'put-result' ? [op.result] : [],
    );
    expect(results).toHaveLength(expectedResults.length);
    for (const expected of expectedResults) {
      const stored = sis.data.results.get(expected.sourcedId);
      expect(stored, expected.sourcedId).toMatchObject({
        lineItem: { sourcedId: expected.lineItem.sourcedId },
        student: { sourcedId: expected.student.sourcedId },
        scoreStatus: expected.scoreStatus,
        score: expected.score,
        scoreDate: expected.scoreDate,
      });
    }
  });

  it('re-running every operation changes no value and creates nothing', async () => {
    const before = sisState();
    const summary = await run(operations);
    expect(summary).toMatchObject({
      state: 'completed',
      created: 0,
      updated: operations.length,
      failed: [],
    });
    expect(sisState()).toEqual(before);
  });

  it('waits out a real Retry-After before sending anything else', async () => {
    sis.requestLog.clear();
    sis.setFaults({ rateLimit: { every: 5, retryAfterSeconds: 1 } });
    // One at a time, so no request was already on its way when the 429 came back.
    const summary = await run(operations.slice(0, 8), 6, 1);
    expect(summary).toMatchObject({ state: 'completed', failed: [] });
    const log = sis.requestLog.entries;
    const limited = log.filter((e) => e.fault === 'rate-limit');
    expect(limited.length).toBeGreaterThan(0);
    for (const entry of limited) {
      const answeredAt = Date.parse(entry.at) + entry.durationMs;
      const later = log.filter((e) => Date.parse(e.at) > Date.parse(entry.at));
      for (const next of later)
        expect(Date.parse(next.at) - answeredAt).toBeGreaterThanOrEqual(990);
    }
  });

  it('finishes exactly under 500s, 429s with Retry-After, drops and 2 s stalls past the timeout', async () => {
    // A client that gives up after 1 s, so the stalled requests end in timeouts and are retried.
    const auth = createAuthenticator({ mode: 'oauth1', ...sis.credentials.oauth1 });
    const impatient = createOneRosterClient({ baseUrl: sis.baseUrl, auth, fetch, timeoutMs: 1000 });
    const ops = operations
      .slice(0, 60)
      .map((op) =>
        op.kind === 'put-result'
          ? { ...op, result: { ...op.result, score: (op.result.score ?? 0) + 0.5 } }
          : op,
      );
    sis.requestLog.clear();
    sis.setFaults({
      errorRate: 0.1,
      rateLimit: { share: 0.05, retryAfterSeconds: 1 },
      dropRate: 0.03,
      stall: { share: 0.04, ms: 2000 },
    });
    const summary = await run(ops, 10, 4, impatient);
    const faults = new Set(sis.requestLog.entries.map((e) => e.fault).filter(Boolean));
    expect(faults).toContain('stall');
    expect(summary).toMatchObject({ state: 'completed', failed: [], pending: 0 });
    // The engine reports its attempts and retries (the back-off it had to do).
    expect(summary.attempts).toBe(ops.length + summary.retries);
    expect(summary.retries).toBeGreaterThan(0);
    for (const op of ops) {
      if (op.kind !== 'put-result') continue;
      expect(sis.data.results.get(op.id)?.score).toBe(op.result.score);
    }
    expect(sisState().items).toHaveLength(LINE_ITEMS);
  }, 60_000);

  it('stops with a clear error and a resumable journal when the SIS is down throughout', async () => {
    sis.setFaults({ errorRate: 1 });
    sis.requestLog.clear();
    const store = createStorageJournalStore();
    const journal = createJournal({
      exportId: 'down',
      courseId: 'course-down',
      sisClassId: classId,
      operations: operations.slice(0, 40),
      now: Date.now(),
    });
    const summary = await runExport({
      client,
      journal,
      store,
      retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 2 },
    });
    expect(summary.state).toBe('stopped');
    expect(summary.stop?.code).toBe('sis-unavailable');
    expect(summary.stop?.message).toMatch(/\S{10,}/);
    expect(summary.pending).toBeGreaterThan(0);
    const saved = await store.load('course-down');
    expect(saved?.state).toBe('stopped');
    expect(saved?.ops.some((op) => op.status === 'pending')).toBe(true);
    // Every request was answered with an injected error: nothing was stored.
    expect(sis.requestLog.entries.every((e) => e.fault === 'error')).toBe(true);
  });
});

describe('an OAuth 2 token revoked mid-export', () => {
  /** A new client with its own OAuth 2 authenticator (no token yet). */
  const oauth2Client = () =>
    createOneRosterClient({
      baseUrl: sis.baseUrl,
      auth: createAuthenticator({
        mode: 'oauth2',
        tokenUrl: sis.tokenUrl,
        ...sis.credentials.oauth2,
      }),
      fetch,
      timeoutMs: 5000,
    });
  const tokenRequests = () =>
    sis.requestLog.entries.filter((e) => e.path === new URL(sis.tokenUrl).pathname);

  it.each([4, 8])(
    'completes exactly at concurrency %i, with one token refresh',
    async (concurrency) => {
      const before = sisState();
      for (const item of before.items) sis.data.lineItems.delete(item.sourcedId);
      for (const result of before.results) sis.data.results.delete(result.sourcedId);
      sis.requestLog.clear();
      // Every request in flight when the token dies carries it: all of them get a 401. The
      // latency (spent before the token is checked) keeps several in flight at that moment.
      sis.setFaults({ latencyMs: 10 });
      sis.revokeTokens({ requests: 30, counting: 'writes' });
      const summary = await run(operations, 6, concurrency, oauth2Client());

      expect(summary).toMatchObject({ state: 'completed', failed: [], pending: 0 });
      expect(summary.created).toBe(operations.length);
      const refused = sis.requestLog.entries.filter((e) => e.status === 401);
      expect(refused.length).toBeGreaterThanOrEqual(concurrency - 1);
      expect(tokenRequests()).toHaveLength(2);
      const { items, results } = sisState();
      expect(items).toHaveLength(LINE_ITEMS);
      const expected = operations.flatMap((op) => (op.kind === 'put-result' ? [op.result] : []));
      expect(results).toHaveLength(expected.length);
      for (const want of expected) {
        expect(sis.data.results.get(want.sourcedId)).toMatchObject({
          score: want.score,
          scoreStatus: want.scoreStatus,
        });
      }
    },
  );
});
