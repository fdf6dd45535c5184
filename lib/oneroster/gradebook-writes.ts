/**
 * Gradebook writes: PUT-by-sourcedId upserts of line items and results, and DELETEs.
 * Never retried here (the export engine owns retry policy and sees `retryAfterMs`), apart from
 * the transport's single 401 refresh. PUT is idempotent by sourcedId, DELETE by outcome.
 */
import type { CallOptions, ClientContext } from './request';
import { readEcho } from './response';
import {
  type LineItem,
  LineItemSchema,
  type LineItemToPut,
  type RefToSend,
  type Result,
  ResultSchema,
  type ResultToPut,
} from './schemas-gradebook';

/** What a PUT did: `created` on 201, updated on any other 2xx; the echoed entity if readable. */
export interface PutOutcome<T> {
  created: boolean;
  entity?: T;
}

/** What a DELETE did: `deleted: false` when the SIS no longer had it (404/410). */
export interface DeleteOutcome {
  deleted: boolean;
}

// GUIDRefs go out as {sourcedId} only, exactly like Google's export (research §A): vendors
// accept it, and an href or type we would have to make up could be wrong.
const ref = (value: RefToSend | undefined) => value && { sourcedId: value.sourcedId };
const defined = (value: object) =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined));

function lineItemBody({ class: klass, category, gradingPeriod, ...fields }: LineItemToPut) {
  const refs = { class: ref(klass), category: ref(category), gradingPeriod: ref(gradingPeriod) };
  return defined({ ...fields, ...refs });
}

function resultBody({ lineItem, student, ...fields }: ResultToPut) {
  return defined({ ...fields, lineItem: ref(lineItem), student: ref(student) });
}

export function gradebookWriteEndpoints(ctx: ClientContext) {
  async function put<K extends 'lineItem' | 'result', T>(
    collection: 'lineItems' | 'results',
    key: K,
    sourcedId: string,
    body: object,
    schema: typeof LineItemSchema | typeof ResultSchema,
    options: CallOptions,
  ): Promise<PutOutcome<T>> {
    const answer = await ctx.send('PUT', ctx.url([collection, sourcedId]), {
      ...options,
      body: { [key]: body },
      notFound: 'not-found',
    });
    const entity = readEcho(answer.text, answer.headers, answer.request, key, schema);
    return { created: answer.status === 201, ...(entity ? { entity: entity as T } : {}) };
  }

  // 404/410 on DELETE means the item is already gone, which is what the caller wanted: a retry
  // after a lost answer, or an item someone removed in the SIS, must not fail the export.
  async function remove(collection: 'lineItems' | 'results', id: string, options: CallOptions) {
    const answer = await ctx.send('DELETE', ctx.url([collection, id]), {
      ...options,
      notFound: 'not-found',
      accept: [404, 410],
    });
    return { deleted: answer.status !== 404 && answer.status !== 410 } satisfies DeleteOutcome;
  }

  return {
    /** Creates or replaces a line item: `PUT /lineItems/{sourcedId}` with `{"lineItem":{…}}`. */
    putLineItem(lineItem: LineItemToPut, options: CallOptions = {}) {
      const body = lineItemBody(lineItem);
      const id = lineItem.sourcedId;
      return put<'lineItem', LineItem>('lineItems', 'lineItem', id, body, LineItemSchema, options);
    },

    /** Creates or replaces a result: `PUT /results/{sourcedId}` with `{"result":{…}}`. */
    putResult(result: ResultToPut, options: CallOptions = {}) {
      const body = resultBody(result);
      return put<'result', Result>(
        'results',
        'result',
        result.sourcedId,
        body,
        ResultSchema,
        options,
      );
    },

    /** `DELETE /lineItems/{id}`; `{deleted: false}` if it was already gone. */
    deleteLineItem(lineItemId: string, options: CallOptions = {}): Promise<DeleteOutcome> {
      return remove('lineItems', lineItemId, options);
    },

    /** `DELETE /results/{id}` (a grade the teacher cleared); `{deleted: false}` if already gone. */
    deleteResult(resultId: string, options: CallOptions = {}): Promise<DeleteOutcome> {
      return remove('results', resultId, options);
    },
  };
}
