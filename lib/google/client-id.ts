/**
 * The Google OAuth client id the teacher's sign-in uses: the school's own Web-application client
 * (classroom-evidence.md §2.4–2.5), from the district policy, the options page or, for a
 * published build, the build's default. Only its shape is checked here; whether Google knows it
 * is what the options page's live check finds out.
 */
import { z } from '../zod';

/** `<project number>-<id>.apps.googleusercontent.com`, as Google Cloud shows it. */
export const GoogleClientIdSchema = z
  .string()
  .check(
    z.trim(),
    z.maxLength(256),
    z.regex(/^\d+-[a-z0-9]+\.apps\.googleusercontent\.com$/i, 'not a Google OAuth client id'),
  );

/**
 * `WXT_GOOGLE_CLIENT_ID` at build time (a published build's client); empty or malformed means
 * none, so a bad build variable cannot send teachers to a sign-in that fails.
 */
export function buildGoogleClientId(
  raw: string | undefined = import.meta.env.WXT_GOOGLE_CLIENT_ID,
): string | undefined {
  const parsed = GoogleClientIdSchema.safeParse(raw ?? '');
  return parsed.success ? parsed.data : undefined;
}
