/**
 * A fake OneRoster client for engine tests: every call's answer is scripted (success, any of the
 * client's real error classes, or hanging until aborted), each call takes `latencyMs` on the fake
 * clock, and every call is logged with its timing and the number of calls in flight. Unscripted
 * calls behave like a tiny SIS: PUT creates or updates by id, DELETE removes or finds it gone.
 */
import type { ExportClient } from '@/lib/export/run-operation';
import type { LineItemToPut, ResultToPut } from '@/lib/oneroster/schemas';
import type { FakeClock } from './fake-clock';

/** A scripted answer: a value to return, an error to throw, or a request that never answers. */
export type Reply = { error: unknown } | 'hang' | 'ok';

export interface Call {
  seq: number;
  opId: string;
  kind: 'put-line-item' | 'put-result' | 'delete-result';
  /** 1 for the first call of this op, 2 for its first retry, … */
  attempt: number;
  startedAt: number;
  endedAt?: number;
  outcome?: 'ok' | 'error' | 'aborted';
  /** Calls in flight when this one started, itself included. */
  inFlight: number;
}

export function createScriptedClient(clock: FakeClock, latencyMs = 10) {
  const scripts = new Map<string, Reply[]>();
  const attempts = new Map<string, number>();
  /** The modelled SIS: ids that exist. */
  const sis = new Set<string>();
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let rule: ((call: Call) => Reply | undefined) | undefined;

  async function call<T>(
    kind: Call['kind'],
    opId: string,
    signal: AbortSignal | undefined,
    ok: () => T,
  ) {
    const attempt = (attempts.get(opId) ?? 0) + 1;
    attempts.set(opId, attempt);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const record: Call = {
      seq: calls.length,
      opId,
      kind,
      attempt,
      startedAt: clock.now(),
      inFlight,
    };
    calls.push(record);
    const reply = scripts.get(opId)?.shift() ?? rule?.(record) ?? 'ok';
    try {
      if (latencyMs > 0) await clock.sleep(latencyMs, signal);
      if (reply === 'hang')
        await new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason)),
        );
      if (typeof reply === 'object') throw reply.error;
      record.outcome = 'ok';
      return ok();
    } catch (error) {
      record.outcome = signal?.aborted ? 'aborted' : 'error';
      throw error;
    } finally {
      inFlight--;
      record.endedAt = clock.now();
    }
  }
  const upsert = (id: string) => {
    const created = !sis.has(id);
    sis.add(id);
    return { created };
  };

  const client: ExportClient = {
    putLineItem: (item: LineItemToPut, options = {}) =>
      call('put-line-item', item.sourcedId, options.signal, () => upsert(item.sourcedId)),
    putResult: (result: ResultToPut, options = {}) =>
      call('put-result', result.sourcedId, options.signal, () => upsert(result.sourcedId)),
    deleteResult: (id: string, options = {}) =>
      call('delete-result', id, options.signal, () => ({ deleted: sis.delete(id) })),
  };

  return {
    client,
    sis,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    /** Queues answers for the next calls of `opId`; later calls get the rule or 'ok'. */
    script(opId: string, ...replies: Reply[]) {
      scripts.set(opId, [...(scripts.get(opId) ?? []), ...replies]);
    },
    /** Decides calls no script covers. */
    setRule(next: (call: Call) => Reply | undefined) {
      rule = next;
    },
    callsOf: (opId: string) => calls.filter((c) => c.opId === opId),
  };
}

export type ScriptedClient = ReturnType<typeof createScriptedClient>;
