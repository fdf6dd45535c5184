/**
 * Sends one OneRoster request: asks the authenticator for headers for the exact URL, fetches it
 * under a per-request timeout (combined with the caller's signal), reads the body, refreshes
 * credentials once on a 401, and turns failures into typed errors.
 * No other retries: PUT/DELETE retry policy belongs to the export engine, which sees
 * `retryAfterMs` on rate-limited and server errors.
 */
import type { Authenticator, HttpMethod } from '../auth/types';
import { errorForAnswer, failureInSuccess } from './classify-response';
import { type FailedRequest, SisNetworkError } from './errors';
import { readBodyCapped } from './read-body';

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

export interface TransportOptions {
  auth: Authenticator;
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

export function createTransport({ auth, fetch: fetchFn, timeoutMs, now }: TransportOptions): Send {
  async function attempt(method: HttpMethod, url: string, options: SendOptions): Promise<Answer> {
    const request = { method, url };
    const limit = deadline(timeoutMs, options.signal);
    let fetching = false;
    try {
      const authHeaders = await auth.authorize({ method, url }, limit.signal);
      const hasBody = options.body !== undefined;
      fetching = true;
      const response = await fetchFn(url, {
        method,
        headers: {
          Accept: 'application/json',
          ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
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
      return { status: response.status, headers: response.headers, text, request };
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

  return async function send(method, url, options) {
    let answer = await attempt(method, url, options);
    // Exactly one refresh: an OAuth 2 token may have expired; a second 401 is final.
    if (answer.status === 401 && (await auth.onUnauthorized())) {
      answer = await attempt(method, url, options);
    }
    const { status } = answer;
    if (status >= 200 && status < 300) {
      const hidden = failureInSuccess(answer);
      if (hidden) throw hidden;
      return answer;
    }
    if (options.accept?.includes(status)) return answer;
    throw errorForAnswer({
      ...answer,
      notFound: options.notFound,
      authMode: auth.mode,
      now: now(),
    });
  };
}
