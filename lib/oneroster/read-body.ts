/**
 * Reads a response body with a size cap. A page of 1,000 OneRoster users is well under a
 * megabyte; a misbehaving or hostile server sending tens of megabytes must not make the service
 * worker buffer (and then parse) all of it, so reading stops at the cap and the stream is cancelled.
 */
import { type FailedRequest, ResponseTooLargeError } from './errors';

/** 16 MiB: ample for any page the client asks for (pageSize ≤ 10,000 entities). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export async function readBodyCapped(
  response: Response,
  request: FailedRequest,
  limitBytes = MAX_RESPONSE_BYTES,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel();
    throw new ResponseTooLargeError(limitBytes, request);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel();
      throw new ResponseTooLargeError(limitBytes, request);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
