/**
 * Sends one OneRoster request and reads its answer: asks the authenticator for headers for the
 * exact URL, fetches it under a per-request timeout (combined with the caller's signal), reads the
 * body with a size cap, retries once on a 401 when the authenticator says that may help, turns
 * failures into typed errors, and parses a successful body with zod.
 * No other retries: PUT/DELETE retry policy belongs to the export engine, which sees
 * `retryAfterMs` on rate-limited and server errors.
 */
import type { Authenticator, HttpMethod, RefusedRequest } from '../auth/authenticator';
import { readTextCapped } from '../auth/http';
import type { z } from '../zod';
import {
  errorForAnswer,
  type FailedRequest,
  failureInSuccess,
  OneRosterResponseError,
  ResponseTooLargeError,
  SisClockSkewError,
  SisNetworkError,
} from './errors';
import type { Filter, QueryParams } from './url';

/** A successful (or explicitly accepted) answer with its body already read. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  request: FailedRequest;
}

export interface SendOptions {
  /** JSON body (PUT). */
  body?: unknown;
  signal?: AbortSignal;
  /** What a 404 means for this URL (see ErrorAnswer.notFound). */
  notFound: 'not-found' | 'not-oneroster';
  /** Non-2xx statuses the caller handles itself (e.g. 404 on DELETE). */
  accept?: readonly number[];
}

export type Send = (method: HttpMethod, url: string, options: SendOptions) => Promise<Answer>;

/** Per-call options of every endpoint. */
export interface CallOptions {
  /** Cancels the call; its abort reason is rethrown as is. */
  signal?: AbortSignal;
}

interface ReadOptions extends CallOptions {
  notFound: SendOptions['notFound'];
}

/**
 * What an endpoint module (rostering.ts, gradebook.ts) makes its requests with; client.ts builds
 * it for one connection.
 */
export interface ClientContext {
  /** The service base every URL of this context starts with; `next` links must stay under it. */
  base: string;
  send: Send;
  now: () => number;
  url(segments: readonly string[], query?: QueryParams): string;
  /** Every item of a collection (all pages). */
  list<T extends z.ZodMiniType>(
    segments: readonly string[],
    key: string,
    item: T,
    options: ReadOptions & { filter?: Filter },
  ): Promise<Array<z.output<T>>>;
  /** One GET without paging, its `key` parsed with `schema`. */
  get<T extends z.ZodMiniType>(
    segments: readonly string[],
    key: string,
    schema: T,
    options: ReadOptions & { query?: QueryParams },
  ): Promise<{ value: z.output<T>; headers: Headers }>;
}

/** One attempt's answer and how it was authorised. */
interface Attempt {
  answer: Answer;
  /** The headers the authenticator gave the request. */
  sent: Readonly<Record<string, string>>;
  /** The clock correction its OAuth 1.0a timestamp carried. */
  correction: number | undefined;
}

export interface TransportOptions {
  auth: Authenticator;
  /** Sent with every request next to the authenticator's (already validated, never Authorization). */
  headers?: Readonly<Record<string, string>>;
  fetch: typeof fetch;
  timeoutMs: number;
  now: () => number;
}

/** One attempt's abort signal: our timeout or the caller's signal, whichever fires first. */
function deadline(timeoutMs: number, callerSignal: AbortSignal | undefined) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The SIS did not answer in time', 'TimeoutError'));
  }, timeoutMs);
  const follow = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) follow();
  callerSignal?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', follow);
    },
  };
}

export function createTransport({
  auth,
  headers: extraHeaders = {},
  fetch: fetchFn,
  timeoutMs,
  now,
}: TransportOptions): Send {
  /** One request, and what the authenticator gave it, to tell it apart if it is refused. */
  async function attempt(method: HttpMethod, url: string, options: SendOptions): Promise<Attempt> {
    const request = { method, url };
    const limit = deadline(timeoutMs, options.signal);
    let fetching = false;
    try {
      // Read as authorize stamps the request, so a 401 is judged by the time the SIS saw.
      const correction = auth.clockSkewMs;
      const authHeaders = await auth.authorize({ method, url }, limit.signal);
      const hasBody = options.body !== undefined;
      fetching = true;
      const response = await fetchFn(url, {
        method,
        headers: {
          Accept: 'application/json',
          ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
          ...extraHeaders,
          ...authHeaders,
        },
        body: hasBody ? JSON.stringify(options.body) : undefined,
        signal: limit.signal,
        // Fresh data after our own PUTs; rosters must never come from the HTTP cache.
        cache: 'no-store',
        // A redirect would carry the authenticator's headers (vendor keys, tokens) to wherever
        // the server points, and an OAuth 1.0a signature would not match the new URL anyway.
        redirect: 'error',
      });
      const text = await readBodyCapped(response, request);
      return {
        answer: { status: response.status, headers: response.headers, text, request },
        sent: authHeaders,
        correction,
      };
    } catch (error) {
      // A cancelled export is the caller's decision, not a SIS failure: rethrow its reason.
      if (options.signal?.aborted) throw options.signal.reason;
      if (limit.timedOut()) {
        throw new SisNetworkError(
          'timeout',
          `${method} ${url} timed out after ${timeoutMs} ms`,
          request,
          error,
        );
      }
      // fetch rejects with TypeError for DNS, TLS, refused connections and blocked redirects.
      // The authenticator's own failures (a rejected token request…) keep their types.
      if (fetching && error instanceof TypeError) {
        throw new SisNetworkError(
          'network',
          `${method} ${url} failed: ${error.message}`,
          request,
          error,
        );
      }
      throw error;
    } finally {
      limit.dispose();
    }
  }

  /** The typed error for a failed attempt. */
  const errorFor = ({ answer, correction }: Attempt, notFound: SendOptions['notFound']) =>
    errorForAnswer({
      ...answer,
      notFound,
      authMode: auth.mode,
      clockCorrectionMs: correction,
      now: now(),
    });

  /** What the authenticator needs to know about a 401: the request's credentials, and the clock. */
  function refusalOf(refused: Attempt): RefusedRequest {
    const { sent } = refused;
    if (auth.mode !== 'oauth1') return { sent };
    const error = errorFor(refused, 'not-found');
    return error instanceof SisClockSkewError && error.skewMs !== undefined
      ? { sent, serverClockSkewMs: error.skewMs }
      : { sent };
  }

  return async function send(method, url, options) {
    let done = await attempt(method, url, options);
    // At most one retry, so credentials the SIS keeps refusing cannot cause a loop. The
    // authenticator says whether it may help: an OAuth 2 token that is (now) replaced, a clock
    // correction that changed since this request was stamped.
    if (done.answer.status === 401 && (await auth.onUnauthorized(refusalOf(done)))) {
      done = await attempt(method, url, options);
    }
    const { answer } = done;
    const { status } = answer;
    if (status >= 200 && status < 300) {
      const hidden = failureInSuccess(answer);
      if (hidden) throw hidden;
      return answer;
    }
    if (options.accept?.includes(status)) return answer;
    throw errorFor(done, options.notFound);
  };
}

// Reads a SIS response body with a size cap. A page of 1,000 OneRoster users is well under a
// megabyte; anything past the cap is refused.

/** 16 MiB: ample for any page the client asks for (pageSize ≤ 10,000 entities). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

async function readBodyCapped(
  response: Response,
  request: FailedRequest,
  limitBytes = MAX_RESPONSE_BYTES,
): Promise<string> {
  const text = await readTextCapped(response, limitBytes);
  if (text === undefined) throw new ResponseTooLargeError(limitBytes, request);
  return text;
}

// Reads successful answers: checks that the body is OneRoster JSON and parses it with zod.
// An HTML page, a non-JSON body or JSON without the expected wrapper key means the Base URL
// points at something else (a login portal, a web app) → `not-oneroster`; a wrapper whose
// contents fail the schema → `schema-mismatch`, with the raw body kept and the ZodError as cause.

/** Bodies kept on errors are capped so a huge roster does not sit in memory twice. */
const KEPT_BODY = 64 * 1024;

function looksLikeHtml(text: string, headers: Headers): boolean {
  return /html/i.test(headers.get('content-type') ?? '') || /^\s*</.test(text);
}

function notOneRoster(request: FailedRequest, text: string, why: string) {
  return new OneRosterResponseError(
    'not-oneroster',
    `${request.method} ${request.url} did not answer with OneRoster data (${why})`,
    request,
    text.slice(0, KEPT_BODY),
  );
}

/** The JSON object in a 2xx body; `not-oneroster` when there is none. */
function readJsonObject(
  text: string,
  headers: Headers,
  request: FailedRequest,
): Record<string, unknown> {
  if (looksLikeHtml(text, headers)) throw notOneRoster(request, text, 'an HTML page');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw notOneRoster(request, text, 'not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw notOneRoster(request, text, 'not a JSON object');
  }
  return body as Record<string, unknown>;
}

/** `body[key]` parsed with `schema`: `not-oneroster` if the key is missing, else zod-checked. */
export function readWrapped<T extends z.ZodMiniType>(
  text: string,
  headers: Headers,
  request: FailedRequest,
  key: string,
  schema: T,
): z.output<T> {
  const body = readJsonObject(text, headers, request);
  if (!(key in body)) throw notOneRoster(request, text, `no "${key}" in the answer`);
  const parsed = schema.safeParse(body[key]);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = [key, ...(issue?.path ?? [])].join('.');
  throw new OneRosterResponseError(
    'schema-mismatch',
    `${request.method} ${request.url}: ${where}: ${issue?.message ?? 'invalid'}`,
    request,
    text.slice(0, KEPT_BODY),
    parsed.error,
  );
}

/**
 * The entity a PUT echoed back, if any. Servers answer PUT with the entity, an empty body or
 * something else entirely; the write already succeeded, so an unreadable echo is not an error.
 * An HTML page is: a web server that answers every URL with a page did not store anything.
 */
export function readEcho<T extends z.ZodMiniType>(
  text: string,
  headers: Headers,
  request: FailedRequest,
  key: string,
  schema: T,
): z.output<T> | undefined {
  if (looksLikeHtml(text, headers)) throw notOneRoster(request, text, 'an HTML page');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const parsed = schema.safeParse((body as Record<string, unknown>)[key]);
  return parsed.success ? parsed.data : undefined;
}
