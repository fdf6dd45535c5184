/**
 * Reads a response body as text with a size cap, for every answer a server we do not control
 * sends (SIS pages, token endpoints): a misbehaving or hostile server sending tens of megabytes
 * must not make the service worker buffer (and then parse) all of it, so reading stops at the
 * cap and the stream is cancelled.
 */

/** The body as text, or undefined when it is larger than `limitBytes` (declared or received). */
export async function readTextCapped(
  response: Response,
  limitBytes: number,
): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel();
    return undefined;
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
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
