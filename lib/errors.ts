/**
 * The error vocabulary every layer shares: stable codes (the translated text goes beside them),
 * the `{code, message}` a page receives, and the RequestError a handler or a lib/ service throws
 * to report an expected refusal. At the bottom of lib/: it imports only the OneRoster client's
 * codes and zod, so domain code can refuse without depending on the messaging layer.
 */
import { ONEROSTER_ERROR_CODES } from './oneroster/errors';
import { z } from './zod';

/** Stable error codes; the message text next to them is already translated. */
export const ErrorCodeSchema = z.enum([
  'invalid-request',
  'unknown-request',
  'forbidden-sender',
  'internal',
  'no-answer',
  'invalid-reply',
  /** Teachers may not link or export: no SIS is connected. */
  'not-connected',
  /** Teachers may not link or export: the admin turned exporting off. */
  'export-disabled',
  /** storage.local is not restricted to trusted contexts, so no secret may be saved. */
  'storage-untrusted',
  /** The extension lacks the host permission for the SIS origin. */
  'host-permission-missing',
  /** Connection settings or export rules that fail validation. */
  'invalid-settings',
  /** The district's policy manages this setting. */
  'managed-locked',
  // Why an Authorize check failed: the OneRoster client's and the auth layer's codes, so the
  // options page can show the problem beside the field it concerns.
  ...ONEROSTER_ERROR_CODES,
  'token-rejected',
  'token-endpoint-invalid',
  'token-endpoint-status',
  'token-scope',
  'auth-config-invalid',
  // The teacher panel's refusals (lib/teacher), each with text saying what to do.
  /** No SIS teacher has the email the panel sent. */
  'teacher-not-found',
  /** The SIS teacher is not the signed-in account, and the admin allows no override. */
  'teacher-not-you',
  /** The page did not show which account is signed in, so the SIS teacher cannot be checked. */
  'account-unknown',
  /** Several SIS teachers have that email and none exactly. */
  'teacher-ambiguous',
  /** The SIS teacher has no active classes. */
  'no-classes',
  /** The SIS class is not one of the teacher's active classes. */
  'class-not-yours',
  /** The Classroom class has no SIS link yet. */
  'not-linked',
  /** The linked SIS class is gone after the connection moved to another OneRoster version. */
  'link-lost',
  /**
   * A class carried over to another OneRoster version, on a SIS that lists none of its results:
   * planning would send grades exported before a second time.
   */
  'results-unlisted',
  /** An export of the class runs already. */
  'export-running',
  /** A panel asked about a class other than the one its page shows. */
  'wrong-course',
  /** A manual match names a student who is not in the linked SIS class. */
  'student-not-in-class',
  /** The snapshot has no Grades-page reading, so it cannot be exported. */
  'gradebook-not-read',
  // Google sign-in for the Classroom API (lib/google/auth.ts).
  /** No Google OAuth client id is set (options page, policy or build). */
  'google-not-configured',
  /** The silent renewal failed; the teacher has to press "Sign in with Google". */
  'google-sign-in-required',
  /** The teacher closed the sign-in window or declined. */
  'google-sign-in-cancelled',
  /** Google granted fewer scopes than the four read-only ones asked for. */
  'google-scope-missing',
  /** Any other failed sign-in (Google's error, a bad or foreign answer). */
  'google-sign-in-failed',
  // Reading the class from the Classroom API (lib/google/classroom-api.ts; each is its
  // ClassroomApiError code with this prefix, 'google-scope-missing' shared with the sign-in).
  'google-api-disabled',
  'google-token-expired',
  'google-not-teacher',
  'google-course-not-found',
  'google-rate-limited',
  'google-network',
  'google-bad-response',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorInfoSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string().check(z.minLength(1)),
  /** The form field the failure is about, when the code alone cannot say (Authorize). */
  field: z.optional(z.string().check(z.maxLength(64))),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

/** An expected failure a handler reports to the page, with a stable code and translated text. */
export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The form field to mark, when the code alone does not tell (see ErrorInfo.field). */
    readonly field?: string,
  ) {
    super(message);
  }
}
