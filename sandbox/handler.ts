/**
 * One request, start to finish: latency → token endpoint, or (faults → route → auth → body →
 * handler) for the API → answer (imsx on any error) → request log. The body of a PUT is read
 * before auth because RFC 5849 signs form-encoded bodies; JSON bodies are never signed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access, AuthSetting, Principal } from './auth.ts';
import type { createFaults } from './faults.ts';
import { readBody, sendEmpty, sendJson } from './http.ts';
import { ImsxError, imsxBody } from './imsx.ts';
import type { SignedRequest } from './oauth1.ts';
import type { createOAuth2Server } from './oauth2.ts';
import { parseQuery, queryParams } from './query.ts';
import type { RequestLog, RequestLogEntry } from './request-log.ts';
import { matchRoute, type Route } from './router.ts';

export interface HandlerDeps {
  prefix: string;
  tokenPath: string;
  routes: Route[];
  authorize: (req: SignedRequest, access: Access) => Principal;
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
  const entry: RequestLogEntry = {
    at: new Date(deps.now()).toISOString(),
    method,
    path: rawPath,
    query: {},
    status: 0,
    auth: 'none',
    durationMs: 0,
  };
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

    if (rawPath === deps.tokenPath) {
      if (deps.authSetting() === 'oauth1')
        throw new ImsxError(404, 'unsupportedoperation', 'OAuth 2 is disabled on this server');
      if (method !== 'POST')
        throw new ImsxError(405, 'unsupportedoperation', 'the token endpoint takes POST');
      entry.auth = 'oauth2';
      const answer = deps.oauth2.issue(req.headers.authorization, await readBody(req));
      if ('error' in answer.body) entry.error = (answer.body as { error: string }).error;
      sendJson(res, answer.status, answer.body, {
        'Cache-Control': 'no-store',
        ...('headers' in answer ? answer.headers : {}),
      });
      return finish(answer.status);
    }

    if (rawPath !== deps.prefix && !rawPath.startsWith(`${deps.prefix}/`)) {
      throw new ImsxError(
        404,
        'unsupportedoperation',
        `nothing here; the OneRoster API is under ${deps.prefix}`,
      );
    }
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

    const { route, params } = matchRoute(deps.routes, method, rawPath.slice(deps.prefix.length));
    entry.route = route.pattern;
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
    );
    entry.auth = principal.mode;
    let body: unknown;
    if (method === 'PUT') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new ImsxError(400, 'invaliddata', 'request body is not valid JSON');
      }
      entry.body = body;
    }
    const origin = `http://${host}`;
    const reply = route.handle({
      params,
      query: queryParams(parseQuery(rawQuery)),
      body,
      baseUrl: `${origin}${deps.prefix}`,
      selfUrl: `${origin}${rawPath}`,
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
        imsxBody(error.codeMinor, error.message, deps.nextMessageRef()),
        error.headers,
      );
    }
    return finish(error.status);
  }
}
