/**
 * Collection reads: filter → sort → page → select fields, plus the X-Total-Count and Link headers
 * (research §J). limit defaults to 100; above 10000 (what Google asks for) it is clamped to 10000
 * rather than refused, like most servers, and the Link header says where the rest is.
 */
import { type Collection, FIELDS } from './fields.ts';
import { matches, parseFilter } from './filter.ts';
import { badRequest } from './imsx.ts';
import { buildQuery } from './query.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10000;

export interface Page {
  items: Array<Record<string, unknown>>;
  headers: Record<string, string>;
}

function nonNegativeInt(params: Map<string, string>, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw badRequest(`${name} must be a non-negative integer, got '${raw}'`);
  return Number(raw);
}

function sortKey(value: unknown): string | number {
  return typeof value === 'number' ? value : value === undefined ? '' : JSON.stringify(value);
}

export function listPage(
  collection: Collection,
  all: readonly object[],
  params: Map<string, string>,
  /** Absolute URL of this collection, without query, for Link headers. */
  selfUrl: string,
  /** Field names filter/sort/fields may use (the version's); default the 1.1 names. */
  known: ReadonlySet<string> = FIELDS[collection],
): Page {
  const filterText = params.get('filter');
  const filter = filterText === undefined ? undefined : parseFilter(filterText, known);
  let rows = (filter ? all.filter((e) => matches(e, filter)) : [...all]) as Array<
    Record<string, unknown>
  >;

  const sort = params.get('sort');
  const orderBy = params.get('orderBy') ?? 'asc';
  // "acs" is the typo in the IMS 1.1 OpenAPI enum; accept it as asc.
  if (!['asc', 'acs', 'desc'].includes(orderBy))
    throw badRequest(`orderBy must be asc or desc, got '${orderBy}'`, 'invalid_sort_field');
  if (sort !== undefined) {
    if (!known.has(sort)) throw badRequest(`unknown sort field '${sort}'`, 'invalid_sort_field');
    const sign = orderBy === 'desc' ? -1 : 1;
    rows = rows
      .map((row, index) => ({ row, index, key: sortKey(row[sort]) }))
      .sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : a.index - b.index))
      .map(({ row }) => row);
  }

  const limitParam = nonNegativeInt(params, 'limit');
  if (limitParam === 0) throw badRequest('limit must be at least 1');
  const limit = Math.min(limitParam ?? DEFAULT_LIMIT, MAX_LIMIT);
  const offset = nonNegativeInt(params, 'offset') ?? 0;
  const total = rows.length;
  let items = rows.slice(offset, offset + limit);

  const fieldsParam = params.get('fields');
  if (fieldsParam !== undefined) {
    const wanted = fieldsParam.split(',').map((f) => f.trim());
    const bad = wanted.filter((f) => !known.has(f));
    if (bad.length > 0)
      throw badRequest(`unknown field(s) in fields: ${bad.join(', ')}`, 'invalid_selection_field');
    items = items.map((row) =>
      Object.fromEntries(wanted.filter((f) => f in row).map((f) => [f, row[f]])),
    );
  }

  const link = (rel: string, at: number) => {
    // OAuth 1 parameters sent in the query belong to this request's signature, not to the next.
    const q = new Map([...params].filter(([k]) => !k.startsWith('oauth_')));
    q.set('limit', String(limit));
    q.set('offset', String(at));
    return `<${selfUrl}?${buildQuery(q)}>; rel="${rel}"`;
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [link('first', 0)];
  if (offset > 0) links.push(link('prev', Math.max(0, offset - limit)));
  if (offset + limit < total) links.push(link('next', offset + limit));
  links.push(link('last', lastOffset));
  return { items, headers: { 'X-Total-Count': String(total), Link: links.join(', ') } };
}
