/**
 * A minimal route table: `/classes/:classId/students` patterns matched segment by segment against
 * the path below the vendor prefix. Path parameters are percent-decoded (sourcedIds may contain
 * anything); the helpers turn entities into OneRoster collection and singleton responses.
 */
import type { Access } from './auth.ts';
import { type Collection, SINGLE } from './fields.ts';
import { ImsxError, notFound } from './imsx.ts';
import { listPage } from './listing.ts';
import { present } from './present.ts';

export type Method = 'GET' | 'PUT' | 'DELETE';

export interface RouteContext {
  params: Record<string, string>;
  query: Map<string, string>;
  /** Parsed JSON body (PUT only). */
  body: unknown;
  /** Absolute URL of the API root (origin + prefix), for hrefs. */
  baseUrl: string;
  /** Absolute URL of this request without its query, for Link headers. */
  selfUrl: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: Method;
  pattern: string;
  access: Access;
  handle(ctx: RouteContext): Reply;
}

export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } {
  const segments = path.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of routes) {
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = parts.every((part, i) => {
      const segment = segments[i] as string;
      if (part.startsWith(':')) {
        params[part.slice(1)] = decodeSegment(segment);
        return true;
      }
      return part === segment;
    });
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  if (pathMatched) {
    throw new ImsxError(405, 'unsupportedoperation', `${method} is not supported on ${path}`);
  }
  throw new ImsxError(404, 'unsupportedoperation', `no OneRoster endpoint ${method} ${path}`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ImsxError(
      400,
      'invaliddata',
      `malformed percent-encoding in path segment '${segment}'`,
    );
  }
}

/** 200 with a paged collection, wrapped in its collection name ({"users":[...]}). */
export function listReply(
  collection: Collection,
  items: readonly object[],
  ctx: RouteContext,
): Reply {
  const page = listPage(collection, items, ctx.query, ctx.selfUrl);
  return {
    status: 200,
    body: { [collection]: present(page.items, ctx.baseUrl) },
    headers: page.headers,
  };
}

/** 200 with one entity ({"user":{...}}) or 404 imsx when it is absent. */
export function singleReply(
  collection: Collection,
  entity: object | undefined,
  what: string,
  id: string,
  ctx: RouteContext,
): Reply {
  if (!entity) throw notFound(what, id);
  return { status: 200, body: { [SINGLE[collection]]: present(entity, ctx.baseUrl) } };
}
