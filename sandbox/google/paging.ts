/**
 * List paging as Classroom documents it: `pageSize` (0 or absent → the server's default), then
 * `pageToken` = a previous `nextPageToken`; "the list request must be otherwise identical to the
 * one that resulted in this token" (every list method's reference page), so a token carries a
 * digest of the other parameters and a changed request gets 400 INVALID_ARGUMENT. The last page
 * has no `nextPageToken`.
 */
import { createHash } from 'node:crypto';
import { invalidArgument } from './errors.ts';

/**
 * No Classroom list method documents a maximum pageSize ("Zero or unspecified indicates that the
 * server may assign a maximum"), so the fake caps at 100, and uses 100 as the server-assigned
 * default where Google documents none. Students default to 30 ("The default is 30 if unspecified
 * or 0", courses.students.list).
 */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 100;
export const STUDENTS_DEFAULT_PAGE_SIZE = 30;

function digest(path: string, query: URLSearchParams): string {
  const pairs = [...query.entries()]
    .filter(([k]) => k !== 'pageToken')
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  return createHash('sha256')
    .update(`${path}?${pairs.join('&')}`)
    .digest('base64url')
    .slice(0, 16);
}

export function parsePageSize(raw: string | null, fallback: number, max: number): number {
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw))
    throw invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${raw}"`);
  const n = Number(raw);
  if (n < 0) throw invalidArgument('pageSize must not be negative.');
  return n === 0 ? fallback : Math.min(n, max);
}

export function paginate<T>(
  items: readonly T[],
  path: string,
  query: URLSearchParams,
  options: { defaultSize: number; maxSize: number },
): { page: T[]; nextPageToken?: string } {
  const size = parsePageSize(query.get('pageSize'), options.defaultSize, options.maxSize);
  const hash = digest(path, query);
  let offset = 0;
  const token = query.get('pageToken');
  if (token) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    } catch {
      throw invalidArgument();
    }
    const p = parsed as { o?: unknown; h?: unknown };
    if (typeof p?.o !== 'number' || typeof p.h !== 'string') throw invalidArgument();
    // Same token, other filters or page size: Google refuses rather than guess.
    if (p.h !== hash) throw invalidArgument();
    offset = p.o;
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  if (next >= items.length) return { page };
  const nextPageToken = Buffer.from(JSON.stringify({ o: next, h: hash })).toString('base64url');
  return { page, nextPageToken };
}
