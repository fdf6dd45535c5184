/**
 * How one API version shows the stored district: the wire shape of each entity (before filter,
 * sort and paging, so a 1.2 filter sees 1.2 fields such as `roles.role`), what happens after
 * paging (1.1 adds hrefs there), the filterable field names, and how a user id from a URL maps to
 * the stored id. The store keeps one shape (1.1 ids, refs without href) for both versions.
 */
import type { ApiVersion } from './auth.ts';
import { type Collection, FIELDS } from './fields.ts';
import { present } from './present.ts';

export interface View {
  version: ApiVersion;
  shape(collection: Collection, items: readonly object[]): object[];
  finish<T>(value: T): T;
  fields(collection: Collection): ReadonlySet<string>;
  /** The stored id of the user a URL names; undefined when there is none. */
  userId(id: string): string | undefined;
}

/** Fields only 1.2 writes store; a 1.1 reader never sees them (its schema has no place for them). */
const V1P2_ONLY: Partial<Record<Collection, readonly string[]>> = {
  lineItems: ['school', 'academicSession'],
  results: ['class', 'textScore', 'inProgress', 'incomplete', 'late', 'missing'],
};

export function viewV1p1(baseUrl: string): View {
  return {
    version: '1.1',
    shape: (collection, items) => {
      const drop = V1P2_ONLY[collection];
      if (!drop) return [...items];
      return items.map((item) =>
        Object.fromEntries(Object.entries(item).filter(([k]) => !drop.includes(k))),
      );
    },
    finish: (value) => present(value, baseUrl),
    fields: (collection) => FIELDS[collection],
    userId: (id) => id,
  };
}
