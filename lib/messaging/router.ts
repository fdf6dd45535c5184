/**
 * Background side of the protocol: checks the envelope, the sender and the payload, then calls
 * the handler and wraps its result. Handlers never see unvalidated input, and every outcome,
 * failures included, reaches the page as a typed, translated reply (thrown errors would cross
 * messaging as plain strings and lose their codes).
 */
import { type ErrorCode, RequestError } from '../errors';
import { t } from '../i18n/t';
import type { Reply, ReplyOf } from './replies';
import {
  type Audience,
  EnvelopeSchema,
  isMessageType,
  type MessageType,
  PROTOCOL,
  type RequestOf,
} from './requests';
import {
  currentPageUrl,
  isPageOfCourse,
  type SelfIdentity,
  type SenderLike,
  senderAudience,
} from './sender';

/** Who sent the request, as the router checked it; panel handlers compare the page's class. */
export interface RequestContext {
  audience: Audience;
  /** The sender page's URL (a Classroom page for the panel). */
  url: string;
}

export type Handlers = {
  [K in MessageType]: (data: RequestOf<K>, context: RequestContext) => Promise<ReplyOf<K>>;
};

const failure = (code: ErrorCode, message: string, field?: string): Reply<never> => ({
  ok: false,
  error: { code, message, ...(field === undefined ? {} : { field }) },
});

export function createRouter(handlers: Handlers, self: SelfIdentity) {
  return async function route(message: unknown, sender: SenderLike): Promise<Reply<unknown>> {
    const envelope = EnvelopeSchema.safeParse(message);
    if (!envelope.success) {
      return failure('invalid-request', t('errorInvalidRequest', summarize(envelope.error)));
    }
    const { type, data } = envelope.data;
    if (!isMessageType(type)) return failure('unknown-request', t('errorUnknownRequest'));

    const spec = PROTOCOL[type];
    const audience = senderAudience(sender, self);
    if (!audience || !sender.url || !(spec.from as readonly string[]).includes(audience)) {
      return failure('forbidden-sender', t('errorForbiddenSender'));
    }

    const payload = spec.request.safeParse(data);
    if (!payload.success) {
      return failure('invalid-request', t('errorInvalidRequest', summarize(payload.error)));
    }
    const url = currentPageUrl(sender) ?? sender.url ?? '';
    // Every message about a class acts only from a page of that class ('wrong-course').
    const courseId = courseOf(payload.data);
    if (courseId !== undefined && !isPageOfCourse(url, courseId)) {
      return failure('wrong-course', t('errorWrongCourse'));
    }
    try {
      const handler = handlers[type] as (
        input: unknown,
        context: RequestContext,
      ) => Promise<unknown>;
      return { ok: true, data: await handler(payload.data, { audience, url }) };
    } catch (error) {
      if (error instanceof RequestError) return failure(error.code, error.message, error.field);
      console.error(`[sis-export] ${type} failed`, error);
      return failure('internal', t('errorInternal', String(error)));
    }
  };
}

/** The class a request is about, if it names one. */
function courseOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !('courseId' in data)) return undefined;
  return typeof data.courseId === 'string' ? data.courseId : undefined;
}

/** A short, single-line description of what failed validation (paths and messages, no values). */
function summarize(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
