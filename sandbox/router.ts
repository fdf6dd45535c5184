/**
 * A minimal route table: `/classes/:classId/students` patterns matched segment by segment against
 * the path below the vendor prefix. Path parameters are percent-decoded (sourcedIds may contain
 * anything); the helpers turn entities into OneRoster collection and singleton responses.
 */
import type { Access } from './auth.ts';
import { type Collection, SINGLE } from './fields.ts';
import { ImsxError, notFound } from './imsx.ts';
import { listPage } from './listing.ts';
import type { View } from './view.ts';

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
  /** The API version's presentation of stored entities. */
  view: View;
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
  /** Path parameters naming a user: 1.2 URLs carry the user's 1.2 GUID, mapped before handle(). */
  userParams?: readonly string[];
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
  const shaped = ctx.view.shape(collection, items);
  const page = listPage(collection, shaped, ctx.query, ctx.selfUrl, ctx.view.fields(collection));
  return {
    status: 200,
    body: { [collection]: ctx.view.finish(page.items) },
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
  const [shaped] = ctx.view.shape(collection, [entity]);
  return { status: 200, body: { [SINGLE[collection]]: ctx.view.finish(shaped) } };
}
