/**
 * One request, start to finish: latency → a token endpoint, or (mount → faults → route → auth →
 * vendor header → body → handler) for the API → answer (imsx on any error, in the mount's version)
 * → request log. The body of a PUT is read before auth because RFC 5849 signs form-encoded
 * bodies; JSON bodies are never signed.
 *
 * A mount is one API base: the 1.1 prefix (rostering and gradebook together), or one 1.2 service
 * base. All mounts share the store; each presents it in its version (view.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access, ApiVersion, AuthSetting, Principal } from './auth.ts';
import type { createFaults } from './faults.ts';
import { readBody, sendEmpty, sendJson } from './http.ts';
import { ImsxError, imsxBody, notFound } from './imsx.ts';
import type { SignedRequest } from './oauth1.ts';
import type { createOAuth2Server } from './oauth2.ts';
import { parseQuery, queryParams } from './query.ts';
import type { RequestLog, RequestLogEntry } from './request-log.ts';
import { matchRoute, type Route } from './router.ts';
import type { View } from './view.ts';

export interface Mount {
  /** Path prefix without a trailing slash. */
  prefix: string;
  version: ApiVersion;
  /** A 1.2 service; 1.1 serves both under one prefix, so its routes decide. */
  service?: 'rostering' | 'gradebook';
  routes: Route[];
  /** The presentation for a request that reached the server at `origin`. */
  view(origin: string): View;
}

export interface TokenEndpoint {
  path: string;
  /** Granted when the client asks for no scope. */
  defaultScopes: readonly string[];
  /** IC's endpoint wants `?appName=<app>`; the 1.1 one ignores its query. */
  appName?: string;
}

export interface HandlerDeps {
  mounts: Mount[];
  tokenEndpoints: TokenEndpoint[];
  /** Paths under here are 1.2 (errors in 1.2's imsx shape) even when no service matches. */
  v1p2Root: string;
  /** Required `x-vendor-authorization` value on gradebook requests, when set. */
  vendorAuthorization: () => string | undefined;
  authorize: (req: SignedRequest, access: Access, version: ApiVersion) => Principal;
  oauth2: ReturnType<typeof createOAuth2Server>;
  authSetting: () => AuthSetting;
  faults: ReturnType<typeof createFaults>;
  requestLog: RequestLog;
  /** Called with each request's log entry once it is answered (or dropped). */
  onAnswered?: (entry: RequestLogEntry) => void;
  now: () => number;
  nextMessageRef: () => string;
}

export async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: HandlerDeps) {
  const started = Date.now();
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const method = req.method ?? 'GET';
  const vendorHeader = req.headers['x-vendor-authorization'];
  const entry: RequestLogEntry = {
    at: new Date(deps.now()).toISOString(),
    method,
    path: rawPath,
    query: {},
    status: 0,
    auth: 'none',
    vendorAuthorization: vendorHeader !== undefined,
    durationMs: 0,
  };
  let version: ApiVersion =
    rawPath === deps.v1p2Root || rawPath.startsWith(`${deps.v1p2Root}/`) ? '1.2' : '1.1';
  const finish = (status: number) => {
    entry.status = status;
    entry.durationMs = Date.now() - started;
    deps.requestLog.add(entry);
    deps.onAnswered?.(entry);
  };
  // The SIS's own clock, not the host's: Node would stamp the real time, and clients measure
  // their clock skew from this header.
  res.setHeader('Date', new Date(deps.now()).toUTCString());
  try {
    try {
      entry.query = Object.fromEntries(parseQuery(rawQuery));
    } catch {
      // A malformed query is reported by the code below; the log keeps an empty object.
    }
    const { latencyMs } = deps.faults.get();
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));

    const tokenEndpoint = deps.tokenEndpoints.find((t) => t.path === rawPath);
    if (tokenEndpoint) {
      // 1.2 is OAuth 2 only, so IC's endpoint stays on when the 1.1 side is set to OAuth 1.
      if (tokenEndpoint.appName === undefined && deps.authSetting() === 'oauth1')
        throw new ImsxError(404, 'unsupportedoperation', 'OAuth 2 is disabled on this server');
      if (method !== 'POST')
        throw new ImsxError(405, 'unsupportedoperation', 'the token endpoint takes POST');
      entry.auth = 'oauth2';
      const appName = entry.query.appName;
      if (tokenEndpoint.appName !== undefined && appName !== tokenEndpoint.appName) {
        const error = 'invalid_request';
        entry.error = error;
        sendJson(res, 400, {
          error,
          error_description: `unknown appName '${appName ?? ''}'; this SIS serves appName=${tokenEndpoint.appName}`,
        });
        return finish(400);
      }
      const answer = deps.oauth2.issue(
        req.headers.authorization,
        await readBody(req),
        tokenEndpoint.defaultScopes,
      );
      if ('error' in answer.body) entry.error = (answer.body as { error: string }).error;
      sendJson(res, answer.status, answer.body, {
        'Cache-Control': 'no-store',
        ...('headers' in answer ? answer.headers : {}),
      });
      return finish(answer.status);
    }

    const mount = deps.mounts
      .filter((m) => rawPath === m.prefix || rawPath.startsWith(`${m.prefix}/`))
      .sort((a, b) => b.prefix.length - a.prefix.length)[0];
    if (!mount) {
      const under = deps.mounts
        .filter((m) => m.version === version)
        .map((m) => m.prefix)
        .join(' and ');
      throw new ImsxError(
        404,
        'unsupportedoperation',
        `nothing here; the OneRoster API is under ${under}`,
      );
    }
    version = mount.version;
    entry.version = mount.version;
    const fault = deps.faults.decide();
    if (fault?.kind === 'drop') {
      entry.fault = 'drop';
      req.socket.destroy();
      return finish(0);
    }
    if (fault?.kind === 'rate-limit') {
      entry.fault = 'rate-limit';
      throw new ImsxError(429, 'server_busy', 'rate limit exceeded; retry later', {
        'Retry-After': String(fault.retryAfterSeconds),
      });
    }
    if (fault?.kind === 'error') {
      entry.fault = 'error';
      throw new ImsxError(500, 'internal_server_error', 'injected server error');
    }
    if (fault?.kind === 'stall') {
      entry.fault = 'stall';
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (req.socket.destroyed) return finish(0); // the client gave up waiting
    }

    const { route, params } = matchRoute(mount.routes, method, rawPath.slice(mount.prefix.length));
    entry.route = route.pattern;
    const service = mount.service ?? (route.access === 'roster' ? 'rostering' : 'gradebook');
    entry.service = service;
    const rawBody = method === 'PUT' ? await readBody(req) : '';
    const host = req.headers.host ?? '127.0.0.1';
    const isForm = /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
    const principal = deps.authorize(
      {
        method,
        scheme: 'http',
        host,
        rawPath,
        rawQuery,
        authorization: req.headers.authorization,
        formBody: isForm ? rawBody : undefined,
      },
      route.access,
      mount.version,
    );
    entry.auth = principal.mode;
    const vendorKey = deps.vendorAuthorization();
    if (vendorKey !== undefined && service === 'gradebook' && vendorHeader !== vendorKey) {
      throw new ImsxError(
        401,
        'unauthorisedrequest',
        vendorHeader === undefined
          ? 'gradebook requests need the x-vendor-authorization header (vendorKey:vendorSecret)'
          : 'x-vendor-authorization does not match this SIS vendor key and secret',
      );
    }
    const origin = `http://${host}`;
    const view = mount.view(origin);
    for (const name of route.userParams ?? []) {
      const given = params[name] ?? '';
      const stored = view.userId(given);
      if (stored === undefined) throw notFound('user', given);
      params[name] = stored;
    }
    let body: unknown;
    if (method === 'PUT') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new ImsxError(400, 'invaliddata', 'request body is not valid JSON');
      }
      entry.body = body;
    }
    const reply = route.handle({
      params,
      query: queryParams(parseQuery(rawQuery)),
      body,
      baseUrl: `${origin}${mount.prefix}`,
      selfUrl: `${origin}${rawPath}`,
      view,
    });
    if (reply.body === undefined) sendEmpty(res, reply.status);
    else sendJson(res, reply.status, reply.body, reply.headers);
    return finish(reply.status);
  } catch (err) {
    const error =
      err instanceof ImsxError
        ? err
        : new ImsxError(500, 'internal_server_error', `sandbox bug: ${(err as Error).message}`);
    // A client that hangs up mid-request (an aborted fetch) is no sandbox bug: nothing to print.
    const clientGone = (err as NodeJS.ErrnoException).code === 'ECONNRESET' || req.destroyed;
    if (!(err instanceof ImsxError) && !clientGone)
      process.stderr.write(`oneroster-sandbox: ${(err as Error).stack}\n`);
    entry.error = error.message;
    if (!res.headersSent && !res.destroyed) {
      sendJson(
        res,
        error.status,
        imsxBody(
          error.codeMinor,
          error.message,
          version === '1.2' ? undefined : deps.nextMessageRef(),
        ),
        error.headers,
      );
    }
    return finish(error.status);
  }
}
