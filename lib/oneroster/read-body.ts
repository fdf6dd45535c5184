/**
 * Reads a SIS response body with a size cap. A page of 1,000 OneRoster users is well under a
 * megabyte; anything past the cap is refused (see lib/read-text-capped.ts).
 */
import { readTextCapped } from '../auth/http';
import { type FailedRequest, ResponseTooLargeError } from './errors';

/** 16 MiB: ample for any page the client asks for (pageSize ≤ 10,000 entities). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export async function readBodyCapped(
  response: Response,
  request: FailedRequest,
  limitBytes = MAX_RESPONSE_BYTES,
): Promise<string> {
  const text = await readTextCapped(response, limitBytes);
  if (text === undefined) throw new ResponseTooLargeError(limitBytes, request);
  return text;
}
