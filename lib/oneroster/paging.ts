/**
 * Reads a whole OneRoster collection with limit/offset paging, handled once for every endpoint.
 *
 * Servers signal the end differently (research §J): a `Link: <…>; rel="next"` header, an
 * `X-Total-Count` header, or neither (then a page shorter than the limit is the last). The
 * offset advances by the items actually received, so a server that caps the page size below
 * our limit still pages correctly when it sends a count. A hard page cap and a visited-URL check
 * stop misbehaving servers (always-full pages, a looping Link, a count that lies) with a
 * TooManyPagesError instead of looping forever.
 */
import { TooManyPagesError } from './errors';
import { resolveServerLink } from './url';

/** One page as read from the server. */
export interface Page<T> {
  items: T[];
  headers: Headers;
}

export interface PagingOptions<T> {
  /** The Base URL; `Link` targets outside it are ignored. */
  base: string;
  /** The URL of the page starting at `offset` (with `limit` = pageSize). */
  pageUrl: (offset: number) => string;
  readPage: (url: string) => Promise<Page<T>>;
  pageSize: number;
  maxPages: number;
}

/** The `rel="next"` target of a Link header (RFC 8288), or null when the header has none. */
export function parseNextLink(header: string | null): { next?: string } | null {
  if (!header) return null;
  const links = [...header.matchAll(/<([^>]*)>([^<]*)/g)];
  if (links.length === 0) return null;
  for (const [, target, params = ''] of links) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('next')) return { next: target };
  }
  return {};
}

/** `X-Total-Count` as a non-negative integer, or undefined when absent or unreadable. */
export function parseTotalCount(header: string | null): number | undefined {
  return header !== null && /^\s*\d+\s*$/.test(header) ? Number(header) : undefined;
}

/** Every item of the collection, in server order. */
export async function readAllPages<T>(options: PagingOptions<T>): Promise<T[]> {
  const { base, pageUrl, readPage, pageSize, maxPages } = options;
  const items: T[] = [];
  const visited = new Set<string>();
  let url = pageUrl(0);
  for (let pages = 1; ; pages++) {
    visited.add(url);
    const page = await readPage(url);
    for (const item of page.items) items.push(item);
    const next = nextPageUrl(page, url, items.length);
    if (next === undefined) return items;
    if (visited.has(next)) throw new TooManyPagesError({ method: 'GET', url }, pages, 'link-loop');
    if (pages >= maxPages) throw new TooManyPagesError({ method: 'GET', url }, pages, 'page-cap');
    url = next;
  }

  function nextPageUrl(page: Page<T>, current: string, received: number): string | undefined {
    // An empty page ends every kind of paging, whatever the headers claim.
    if (page.items.length === 0) return undefined;
    const link = parseNextLink(page.headers.get('link'));
    if (link) {
      // A Link header without rel="next" is the server saying this was the last page.
      if (link.next === undefined) return undefined;
      const next = resolveServerLink(base, current, link.next);
      if (next !== undefined) return next;
      // A next link outside the Base URL is ignored (never send credentials there): use offsets.
    }
    const total = parseTotalCount(page.headers.get('x-total-count'));
    if (total !== undefined) return received < total ? pageUrl(received) : undefined;
    return page.items.length < pageSize ? undefined : pageUrl(received);
  }
}
