/**
 * Page side of the protocol (panel and options page): sends a typed request and parses the reply.
 * Never throws; a dead background or a malformed reply becomes a translated `{ok: false}` reply.
 */
import { t } from '../i18n/t';
import type { Reply, ReplyOf } from './replies';
import { REPLIES, replySchema } from './replies';
import type { MessageType, RequestOf } from './requests';

export async function sendRequest<K extends MessageType>(
  type: K,
  data: RequestOf<K>,
): Promise<Reply<ReplyOf<K>>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ type, data });
  } catch {
    return { ok: false, error: { code: 'no-answer', message: t('errorNoAnswer') } };
  }
  if (raw === undefined) {
    return { ok: false, error: { code: 'no-answer', message: t('errorNoAnswer') } };
  }
  const reply = replySchema(REPLIES[type]).safeParse(raw);
  if (!reply.success) {
    return { ok: false, error: { code: 'invalid-reply', message: t('errorInvalidReply') } };
  }
  return reply.data as Reply<ReplyOf<K>>;
}
