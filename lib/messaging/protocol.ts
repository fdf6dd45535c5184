/**
 * The one protocol between the extension's pages and its background service worker.
 *
 * Each message names who may send it (`from`), its request payload and its reply, all as zod
 * schemas: the background parses every request, the pages parse every reply. Messages are domain
 * verbs only; there is deliberately no generic "fetch" or "sign" message, so the background can
 * never be used as a signing proxy for the SIS.
 */
import { z } from 'zod';

/** Where a message may come from: the Classroom panel (content script) or the options page. */
export type Audience = 'panel' | 'options';

/** Stable error codes; the message text next to them is already translated. */
export const ErrorCodeSchema = z.enum([
  'invalid-request',
  'unknown-request',
  'forbidden-sender',
  'internal',
  'no-answer',
  'invalid-reply',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorInfoSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string().min(1),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

/** Every reply is either `{ok: true, data}` or `{ok: false, error: {code, message}}`. */
export function replySchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
  ]);
}
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

/** What the extension knows about itself and its connection, for the panel and the options page. */
export const StatusSchema = z.object({
  version: z.string().min(1),
  /** storage.local was restricted to trusted contexts at this service-worker start. */
  storageTrusted: z.boolean(),
  /** An SIS connection has been authorized by an admin. */
  connected: z.boolean(),
});
export type Status = z.infer<typeof StatusSchema>;

const NoPayload = z.object({}).strict();

export const PROTOCOL = {
  /** Connection and health summary. */
  getStatus: {
    from: ['panel', 'options'],
    request: NoPayload,
    reply: StatusSchema,
  },
} as const satisfies Record<
  string,
  { from: readonly Audience[]; request: z.ZodType; reply: z.ZodType }
>;

export type MessageType = keyof typeof PROTOCOL;
export type RequestOf<K extends MessageType> = z.infer<(typeof PROTOCOL)[K]['request']>;
export type ReplyOf<K extends MessageType> = z.infer<(typeof PROTOCOL)[K]['reply']>;

/** The wire shape of every request. */
export const EnvelopeSchema = z.object({
  type: z.string().min(1),
  data: z.unknown(),
});

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(PROTOCOL, type);
}
