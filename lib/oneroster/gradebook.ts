/**
 * The gradebook endpoints, all under the gradebook service base: reads of categories and of a
 * class's line items and results (paged lists), then the writes, PUT-by-sourcedId upserts of
 * line items and results (bodies from the version's codec) and DELETEs.
 */
import type { WireCodec } from './codec';
import { isOneRosterError } from './errors';
import {
  type Category,
  CategorySchema,
  type LineItem,
  LineItemSchema,
  type LineItemToPut,
  type Result,
  ResultSchema,
  type ResultToPut,
} from './schemas';
import { type CallOptions, type ClientContext, readEcho } from './transport';

/** Class categories, and whether they came from the class or the district-wide list. */
export interface ClassCategories {
  categories: Category[];
  scope: 'class' | 'all';
}

/** Answers meaning "no class-scoped category list here" (it is not part of OneRoster 1.1). */
const NO_CLASS_CATEGORIES = new Set(['not-found', 'not-oneroster', 'unexpected-status']);

export function gradebookReadEndpoints(ctx: ClientContext) {
  const listCategories = (options: CallOptions = {}) =>
    ctx.list(['categories'], 'categories', CategorySchema, {
      ...options,
      notFound: 'not-oneroster',
    });

  return {
    /** Every grading category (`/categories`). */
    listCategories,

    /**
     * A class's categories via `/classes/{id}/categories` (vendor-specific; Google's export
     * accepts it as an alternative). When the server lacks it, falls back to `/categories`,
     * keeping those whose `metadata.classId` is this class or absent (Canvas' convention for
     * district-wide categories), and says so with `scope: 'all'`.
     */
    async listCategoriesForClass(
      classId: string,
      options: CallOptions = {},
    ): Promise<ClassCategories> {
      try {
        const path = ['classes', classId, 'categories'];
        const categories = await ctx.list(path, 'categories', CategorySchema, {
          ...options,
          notFound: 'not-found',
        });
        return { categories, scope: 'class' };
      } catch (error) {
        if (!isOneRosterError(error) || !NO_CLASS_CATEGORIES.has(error.code)) throw error;
      }
      const all = await listCategories(options);
      const categories = all.filter((category) => {
        const owner = category.metadata?.classId;
        return owner === undefined || owner === null || owner === classId;
      });
      return { categories, scope: 'all' };
    },

    /** The line items (gradebook columns) of a class (`/classes/{id}/lineItems`). */
    listLineItemsForClass(classId: string, options: CallOptions = {}) {
      return ctx.list(['classes', classId, 'lineItems'], 'lineItems', LineItemSchema, {
        ...options,
        notFound: 'not-found',
      });
    },

    /** Every result in a class (`/classes/{id}/results`). */
    listResultsForClass(classId: string, options: CallOptions = {}): Promise<Result[]> {
      return ctx.list(['classes', classId, 'results'], 'results', ResultSchema, {
        ...options,
        notFound: 'not-found',
      });
    },

    /** The results of one line item (`/classes/{c}/lineItems/{li}/results`). */
    listResultsForLineItem(
      classId: string,
      lineItemId: string,
      options: CallOptions = {},
    ): Promise<Result[]> {
      const path = ['classes', classId, 'lineItems', lineItemId, 'results'];
      return ctx.list(path, 'results', ResultSchema, { ...options, notFound: 'not-found' });
    },
  };
}

// Gradebook writes: PUT-by-sourcedId upserts of line items and results, and DELETEs.
// Never retried here (the export engine owns retry policy and sees `retryAfterMs`), apart from
// the transport's single 401 refresh. PUT is idempotent by sourcedId, DELETE by outcome. PUT is
// the only write: 1.2's bulk POSTs let the server choose ids, so a retried POST could duplicate.
// Success is any 2xx in both versions (1.2's OpenAPI lists 201, Google's suite answers 200 on
// update), with or without a body; 400/422 are per-item `invalid-data` errors carrying the
// server's explanation.

/** What a PUT did: `created` on 201, updated on any other 2xx; the echoed entity if readable. */
export interface PutOutcome<T> {
  created: boolean;
  entity?: T;
}

/** What a DELETE did: `deleted: false` when the SIS no longer had it (404/410). */
export interface DeleteOutcome {
  deleted: boolean;
}

export function gradebookWriteEndpoints(ctx: ClientContext, codec: WireCodec) {
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
    /**
     * Creates or replaces a line item: `PUT /lineItems/{sourcedId}` with `{"lineItem":{…}}`.
     * Throws OneRosterDraftError (nothing sent) when the version cannot carry the draft.
     */
    async putLineItem(lineItem: LineItemToPut, options: CallOptions = {}) {
      const body = codec.lineItemBody(lineItem);
      const id = lineItem.sourcedId;
      return put<'lineItem', LineItem>('lineItems', 'lineItem', id, body, LineItemSchema, options);
    },

    /** Creates or replaces a result: `PUT /results/{sourcedId}` with `{"result":{…}}`. */
    async putResult(result: ResultToPut, options: CallOptions = {}) {
      const body = codec.resultBody(result);
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
