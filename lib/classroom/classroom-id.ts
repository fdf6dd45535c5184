/**
 * Classroom puts ids in its URLs as base64 of the decimal API id: `/c/NTk2MTc3NzQ1NDY4` is course
 * 596177745468, and coursework ids in `/a/<id>` use the same scheme.
 *
 * Two real-world wrinkles (shared/reference/classroom-research.md §1):
 * - the `=` padding is left out, so we add it back before decoding;
 * - ids whose decimal length leaves a base64 remainder carry a trailing `Z` instead of padding
 *   (`MTExNTkwOTcxNjda` → "11159097167Z"), so one trailing `Z` after the digits is accepted.
 */

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const DECODED = /^(\d+)Z?$/;

/** Decodes a URL id segment to the numeric Classroom id, or null when it is not one. */
export function decodeClassroomId(segment: string): string | null {
  if (!SEGMENT.test(segment) || segment.length % 4 === 1) return null;
  const base64 = segment.replaceAll('-', '+').replaceAll('_', '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  let decoded: string;
  try {
    decoded = atob(padded);
  } catch {
    return null;
  }
  const digits = DECODED.exec(decoded)?.[1];
  return digits && digits.length <= 30 ? digits : null;
}
