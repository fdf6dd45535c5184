/**
 * Sends one OneRoster request: asks the authenticator for headers for the exact URL, fetches it
 * under a per-request timeout (combined with the caller's signal), reads the body, retries once on
 * a 401 when the authenticator says that may help, and turns failures into typed errors.
 * No other retries: PUT/DELETE retry policy belongs to the export engine, which sees
 * `retryAfterMs` on rate-limited and server errors.
 */
import type { Authenticator, HttpMethod, RefusedRequest } from '../auth/authenticator';
import { errorForAnswer, failureInSuccess } from './classify-response';
import { type FailedRequest, SisClockSkewError, SisNetworkError } from './errors';
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
