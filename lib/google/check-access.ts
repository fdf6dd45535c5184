/**
 * The options page's live check of the Google setup: signs the admin in (a window, from their
 * click) and asks the Classroom API two small questions, who am I (`userProfiles/me`) and may I
 * list courses (`courses?pageSize=1`), so each step of the Workspace admin's checklist that is
 * missing shows up as its own, precise message. Not the course reader: it reads no class.
 */
import { t } from '../i18n/t';
import { z } from '../zod';
import { type GoogleAuth, GoogleAuthError } from './auth';
import type { GoogleCheckOutcome } from './check-outcome';

export const CLASSROOM_API_BASE = 'https://classroom.googleapis.com/v1';

export interface GoogleAccessCheck {
  outcome: GoogleCheckOutcome;
  /** Translated; says what to do. */
  message: string;
  /** The signed-in account, once Google said who it is. */
  email?: string;
  grantedScopes: string[];
  /** Both API calls answered 2xx. */
  apiReachable: boolean;
  /** For 'sign-in': the error code of the failed sign-in and Google's own error, if any. */
  code?: string;
  oauthError?: string;
}

const ProfileSchema = z.object({
  id: z.string(),
  emailAddress: z.optional(z.string()),
});

const CoursesSchema = z.object({
  courses: z.optional(z.array(z.object({ id: z.string() }))),
});

/** Google's error body: `{error: {code, message, status, details: [{reason}]}}`. */
const GoogleErrorSchema = z.object({
  error: z.object({
    message: z.optional(z.string()),
    status: z.optional(z.string()),
    details: z.optional(z.array(z.object({ reason: z.optional(z.string()) }))),
  }),
});

const TIMEOUT_MS = 15_000;

export interface CheckOptions {
  fetch?: typeof fetch;
  /** The Classroom API's base URL; tests point it at a local server. */
  apiBase?: string;
}

type Step =
  | { ok: true; body: unknown }
  | { ok: false; result: Omit<GoogleAccessCheck, 'grantedScopes' | 'email'> };

export async function checkGoogleAccess(
  auth: GoogleAuth,
  options: CheckOptions = {},
): Promise<GoogleAccessCheck> {
  const doFetch = options.fetch ?? fetch;
  const base = options.apiBase ?? CLASSROOM_API_BASE;
  let token: Awaited<ReturnType<GoogleAuth['token']>>;
  try {
    token = await auth.token({ interactive: true });
  } catch (error) {
    if (!(error instanceof GoogleAuthError)) throw error;
    return {
      outcome: 'sign-in',
      message: error.message,
      grantedScopes: [],
      apiReachable: false,
      code: error.code,
      ...(error.oauthError ? { oauthError: error.oauthError } : {}),
    };
  }
  const grantedScopes = token.scopes;

  async function get(path: string): Promise<Step> {
    let response: Response;
    try {
      response = await doFetch(`${base}/${path}`, {
        headers: { Authorization: `Bearer ${token.accessToken}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, result: failure('network', t('googleCheckNetwork', detail)) };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) return { ok: true, body };
    if (response.status === 401) {
      await auth.drop(token.accessToken);
      return { ok: false, result: failure('token-rejected', t('googleCheckTokenRejected')) };
    }
    const parsed = GoogleErrorSchema.safeParse(body);
    const info = parsed.success ? parsed.data.error : undefined;
    const reasons = info?.details?.flatMap((d) => (d.reason ? [d.reason] : [])) ?? [];
    const message = info?.message ?? '';
    if (response.status === 403) {
      if (
        reasons.includes('SERVICE_DISABLED') ||
        /has not been used in project|is disabled/i.test(message)
      ) {
        return { ok: false, result: failure('project-disabled', t('googleCheckProjectDisabled')) };
      }
      if (reasons.includes('ACCESS_TOKEN_SCOPE_INSUFFICIENT')) {
        return {
          ok: false,
          result: failure('scope-missing', t('googleCheckHttp', '403', message)),
        };
      }
      return { ok: false, result: failure('api-disabled', t('googleCheckApiDisabled')) };
    }
    return {
      ok: false,
      result: failure(
        'http',
        t('googleCheckHttp', String(response.status), message || response.statusText),
      ),
    };
  }

  // The admin's token is for this check only: a panel must never take it for a teacher's.
  try {
    return await ask(get, grantedScopes);
  } finally {
    await auth.drop(token.accessToken);
  }
}

async function ask(
  get: (path: string) => Promise<Step>,
  grantedScopes: string[],
): Promise<GoogleAccessCheck> {
  const profile = await get('userProfiles/me');
  if (!profile.ok) return { ...profile.result, grantedScopes };
  const me = ProfileSchema.safeParse(profile.body);
  if (!me.success) return { ...failure('unreadable', t('googleCheckUnreadable')), grantedScopes };
  const email = me.data.emailAddress;
  const withEmail = email ? { email } : {};
  const courses = await get('courses?pageSize=1');
  if (!courses.ok) return { ...courses.result, grantedScopes, ...withEmail };
  if (!CoursesSchema.safeParse(courses.body).success) {
    return { ...failure('unreadable', t('googleCheckUnreadable')), grantedScopes, ...withEmail };
  }
  return {
    outcome: 'ok',
    message: t('googleCheckOk', email ?? me.data.id),
    grantedScopes,
    apiReachable: true,
    ...withEmail,
  };
}

function failure(outcome: GoogleCheckOutcome, message: string) {
  return { outcome, message, apiReachable: false };
}
