/**
 * Reads successful answers: checks that the body is OneRoster JSON and parses it with zod.
 * An HTML page, a non-JSON body or JSON without the expected wrapper key means the Base URL
 * points at something else (a login portal, a web app) → `not-oneroster`; a wrapper whose
 * contents fail the schema → `schema-mismatch`, with the raw body kept and the ZodError as cause.
 */
import type { z } from '../zod';
import { type FailedRequest, OneRosterResponseError } from './errors';

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
export function readJsonObject(
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
