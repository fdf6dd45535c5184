/**
 * Gradebook reads: categories, a class's line items and results (all paged lists).
 */

import { isOneRosterError } from './errors';
import type { CallOptions, ClientContext } from './request';
import { type Category, CategorySchema, LineItemSchema, ResultSchema } from './schemas-gradebook';

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
    listResultsForClass(classId: string, options: CallOptions = {}) {
      return ctx.list(['classes', classId, 'results'], 'results', ResultSchema, {
        ...options,
        notFound: 'not-found',
      });
    },

    /** The results of one line item (`/classes/{c}/lineItems/{li}/results`). */
    listResultsForLineItem(classId: string, lineItemId: string, options: CallOptions = {}) {
      const path = ['classes', classId, 'lineItems', lineItemId, 'results'];
      return ctx.list(path, 'results', ResultSchema, { ...options, notFound: 'not-found' });
    },
  };
}
