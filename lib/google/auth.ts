/**
 * The teacher's (or admin's) Google access token for the Classroom API, through
 * `identity.launchWebAuthFlow` and Google's implicit flow (classroom-evidence.md §2.4): it works in
 * Chrome, Edge and Chromium, and the client id can come from settings or policy rather than the
 * manifest. There is no refresh token without a client secret, so an expired token is renewed by
 * a silent flow (`prompt=none`, no window) and only a failed silent renewal asks the user.
 *
 * Tokens live only in the background, in `storage.session` (restricted to trusted contexts at
 * every start, lib/settings/items.ts): they survive a stopped service worker but not the
 * browser. They are never logged and never put in a reply.
 *
 * The browser sits behind the small IdentityFlow seam, so tests drive the flow with the redirect
 * URLs Google would answer with; the e2e tests run the real launchWebAuthFlow against the fake
 * Google.
 */
import { type ErrorCode, RequestError } from '../errors';
import { t } from '../i18n/t';
import { createSerialQueue } from '../settings/define-setting';
import { z } from '../zod';

export const GOOGLE_AUTHORIZE_URL = 'https://accounts.google.com/o/oauth2/v2/auth';

/** The four read-only scopes the Classroom reader needs (classroom-evidence.md §2.3). */
export const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/classroom.courses.readonly',
  'https://www.googleapis.com/auth/classroom.rosters.readonly',
  'https://www.googleapis.com/auth/classroom.profile.emails',
  'https://www.googleapis.com/auth/classroom.coursework.students.readonly',
] as const;
export type GoogleScope = (typeof GOOGLE_SCOPES)[number];

/** A token is used only while more than this is left of it: a read takes a while. */
export const EXPIRY_MARGIN_MS = 5 * 60_000;
/** How long a silent renewal may take before it counts as failed. */
export const SILENT_TIMEOUT_MS = 10_000;
/** After a failed silent renewal for an account, `ready` answers false without a flow this long. */
export const SILENT_RETRY_AFTER_MS = 60_000;
/**
 * How long `ready` waits for a silent renewal before answering false (the renewal goes on and
 * caches its token): the panel's state must answer well within its 8 s, while a silent flow may
 * take up to SILENT_TIMEOUT_MS.
 */
export const READY_WAIT_MS = 3_000;

export interface WebAuthFlowDetails {
  url: string;
  interactive: boolean;
  abortOnLoadForNonInteractive?: boolean;
  timeoutMsForNonInteractive?: number;
}

/** The browser's `identity` API, as much of it as the flow needs. */
export interface IdentityFlow {
  /** The URL Google redirected to (with the answer in its fragment); rejects when it failed. */
  launchWebAuthFlow(details: WebAuthFlowDetails): Promise<string | undefined>;
  /** `https://<extension id>.chromiumapp.org/`: what the admin registers with Google. */
  getRedirectURL(): string;
}

export const browserIdentityFlow: IdentityFlow = {
  launchWebAuthFlow: (details) => browser.identity.launchWebAuthFlow(details),
  getRedirectURL() {
    // Without the identity API (another browser, an old build) there is nothing to register.
    try {
      return browser.identity.getRedirectURL();
    } catch {
      return '';
    }
  },
};

const CachedTokenSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  /** Epoch milliseconds. */
  expiresAt: z.number(),
  scopes: z.array(z.string()),
});
export type CachedToken = z.infer<typeof CachedTokenSchema>;

/** Account key (lower-case email, or '' when no account was named) → its token. */
export const TokenCacheSchema = z.record(z.string(), CachedTokenSchema);
export type TokenCache = z.infer<typeof TokenCacheSchema>;

export interface TokenStore {
  read(): Promise<TokenCache>;
  write(cache: TokenCache): Promise<void>;
}

const SESSION_KEY = 'googleTokens';

/** The tokens in `storage.session`; an unreadable value reads as no tokens. */
export const sessionTokenStore: TokenStore = {
  async read() {
    const stored = await browser.storage.session.get(SESSION_KEY);
    const parsed = TokenCacheSchema.safeParse(stored[SESSION_KEY]);
    return parsed.success ? parsed.data : {};
  },
  async write(cache) {
    if (Object.keys(cache).length === 0) await browser.storage.session.remove(SESSION_KEY);
    else await browser.storage.session.set({ [SESSION_KEY]: cache });
  },
};

/** A failed sign-in; `oauthError` is Google's own code when it sent one (e.g. access_denied). */
export class GoogleAuthError extends RequestError {
  override name = 'GoogleAuthError';
  constructor(
    code: ErrorCode,
    message: string,
    readonly oauthError?: string,
  ) {
    super(code, message);
  }
}

const AnswerSchema = z.union([
  z.object({
    access_token: z.string().check(z.minLength(1)),
    expires_in: z.string().check(z.regex(/^\d{1,7}$/)),
    scope: z.string(),
    state: z.string(),
  }),
  z.object({
    error: z.string().check(z.minLength(1), z.maxLength(200)),
    state: z.optional(z.string()),
  }),
]);

/** Errors of the silent flow that mean "the user has to act", not "something is broken". */
const NEEDS_USER = new Set([
  'interaction_required',
  'login_required',
  'consent_required',
  'account_selection_required',
]);

export interface GoogleToken {
  accessToken: string;
  /** The scopes Google granted (all four read-only ones, at least). */
  scopes: string[];
  /** The account asked for (login_hint), when one was. */
  account?: string;
}

export interface TokenRequest {
  /** The email of the account to sign in as (the one the Classroom page shows). */
  loginHint?: string;
  /** May open Google's sign-in window (only from a user's click). */
  interactive: boolean;
}

export interface GoogleAuth {
  token(request: TokenRequest): Promise<GoogleToken>;
  /** True when an unexpired token for `account` is cached; never opens a window. */
  hasToken(account?: string): Promise<boolean>;
  /**
   * True when a token for `account` is cached or a silent renewal gets one now (never a visible
   * window): the panel offers "Sign in with Google" only when this is false. A failed renewal is
   * not tried again for SILENT_RETRY_AFTER_MS (a panel asking often costs no flow each time), and
   * the teacher's click then goes straight to Google's window.
   */
  ready(account?: string): Promise<boolean>;
  /** Forgets a token the API refused (a 401). */
  drop(accessToken: string): Promise<void>;
  /** Forgets every token (the client id changed, Disconnect). */
  forgetAll(): Promise<void>;
  /** The redirect URI the admin registers for the OAuth client. */
  redirectUri(): string;
}

export interface GoogleAuthOptions {
  identity: IdentityFlow;
  clientId: () => Promise<string | undefined>;
  store: TokenStore;
  now: () => Date;
  /** The `state` nonce; defaults to 128 random bits. */
  newState?: () => string;
  /** Default READY_WAIT_MS. */
  readyWaitMs?: number;
}

const accountKey = (account?: string) => account?.trim().toLowerCase() ?? '';

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The consent text of a scope, so a missing one is named in words the admin recognises. */
export function scopeLabel(scope: string): string {
  switch (scope) {
    case GOOGLE_SCOPES[0]:
      return t('googleScopeCourses');
    case GOOGLE_SCOPES[1]:
      return t('googleScopeRosters');
    case GOOGLE_SCOPES[2]:
      return t('googleScopeEmails');
    case GOOGLE_SCOPES[3]:
      return t('googleScopeCoursework');
    default:
      return scope;
  }
}

export function createGoogleAuth(options: GoogleAuthOptions): GoogleAuth {
  const { identity, store, now } = options;
  const newState = options.newState ?? randomState;
  // One flow at a time: two panels asking together must not open two windows, and the second
  // finds the first one's token in the cache.
  const serial = createSerialQueue();

  const usable = (token: CachedToken | undefined): token is CachedToken =>
    token !== undefined && token.expiresAt - EXPIRY_MARGIN_MS > now().getTime();

  function authorizeUrl(
    clientId: string,
    state: string,
    loginHint: string | undefined,
    silent: boolean,
  ) {
    const url = new URL(GOOGLE_AUTHORIZE_URL);
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('redirect_uri', identity.getRedirectURL());
    url.searchParams.set('response_type', 'token');
    url.searchParams.set('scope', GOOGLE_SCOPES.join(' '));
    if (loginHint) url.searchParams.set('login_hint', loginHint);
    url.searchParams.set('state', state);
    url.searchParams.set('include_granted_scopes', 'true');
    if (silent) url.searchParams.set('prompt', 'none');
    return url.toString();
  }

  /** One flow; the token and its granted scopes, or a GoogleAuthError. */
  async function flow(
    clientId: string,
    loginHint: string | undefined,
    interactive: boolean,
  ): Promise<CachedToken> {
    const state = newState();
    const url = authorizeUrl(clientId, state, loginHint, !interactive);
    let redirect: string | undefined;
    try {
      redirect = await identity.launchWebAuthFlow(
        interactive
          ? { url, interactive: true }
          : {
              url,
              interactive: false,
              // Google may answer a silent request through a page that redirects by script.
              abortOnLoadForNonInteractive: false,
              timeoutMsForNonInteractive: SILENT_TIMEOUT_MS,
            },
      );
    } catch (error) {
      // The browser's text only: it never holds a token (there was no answer).
      const text = error instanceof Error ? error.message : String(error);
      if (!interactive) throw signInRequired();
      if (/did not approve|cancel|closed/i.test(text)) throw cancelled();
      throw failed(t('googleDetailNoPage'));
    }
    if (!redirect) throw interactive ? failed(t('googleDetailNoAnswer')) : signInRequired();
    const fragment = new URL(redirect).hash.replace(/^#/, '');
    const parsed = AnswerSchema.safeParse(Object.fromEntries(new URLSearchParams(fragment)));
    if (!parsed.success) throw failed(t('googleDetailNoAnswer'));
    const answer = parsed.data;
    if (answer.state !== state) throw failed(t('googleDetailState'));
    if ('error' in answer) {
      if (!interactive && NEEDS_USER.has(answer.error)) throw signInRequired(answer.error);
      if (answer.error === 'admin_policy_enforced') {
        throw new GoogleAuthError(
          'google-sign-in-failed',
          t('errorGoogleAdminPolicy'),
          answer.error,
        );
      }
      if (answer.error === 'access_denied') throw cancelled(answer.error);
      throw failed(answer.error, answer.error);
    }
    const scopes = answer.scope.split(/\s+/).filter(Boolean);
    const missing = GOOGLE_SCOPES.filter((scope) => !scopes.includes(scope));
    if (missing.length > 0) {
      throw new GoogleAuthError(
        'google-scope-missing',
        t('errorGoogleScopeMissing', missing.map(scopeLabel).join('; ')),
      );
    }
    return {
      accessToken: answer.access_token,
      expiresAt: now().getTime() + Number(answer.expires_in) * 1000,
      scopes,
    };
  }

  async function hasToken(account?: string): Promise<boolean> {
    return usable((await store.read())[accountKey(account)]);
  }

  // Per account: when a silent renewal last failed (in memory: a new worker may try again).
  const silentFailedAt = new Map<string, number>();
  const failedRecently = (key: string) => {
    const at = silentFailedAt.get(key);
    return at !== undefined && now().getTime() - at < SILENT_RETRY_AFTER_MS;
  };

  async function token({ loginHint, interactive }: TokenRequest): Promise<GoogleToken> {
    const clientId = await options.clientId();
    if (!clientId) {
      throw new GoogleAuthError('google-not-configured', t('errorGoogleNotConfigured'));
    }
    const key = accountKey(loginHint);
    const result = (fresh: CachedToken): GoogleToken => ({
      accessToken: fresh.accessToken,
      scopes: fresh.scopes,
      ...(loginHint ? { account: loginHint } : {}),
    });
    return serial(async () => {
      const cached = (await store.read())[key];
      if (usable(cached)) return result(cached);
      let fresh: CachedToken;
      if (interactive && failedRecently(key)) {
        // Google just said the user has to act: straight to the window.
        fresh = await flow(clientId, loginHint, true);
      } else {
        try {
          fresh = await flow(clientId, loginHint, false);
        } catch (error) {
          // Only "the user has to act" is worth a window; a refused scope or a broken client
          // would fail the same way again.
          const retry =
            error instanceof GoogleAuthError && error.code === 'google-sign-in-required';
          if (retry) silentFailedAt.set(key, now().getTime());
          if (!interactive || !retry) throw error;
          fresh = await flow(clientId, loginHint, true);
        }
      }
      silentFailedAt.delete(key);
      await store.write({ ...(await store.read()), [key]: fresh });
      return result(fresh);
    });
  }

  return {
    token,
    hasToken,
    async ready(account) {
      if (await hasToken(account)) return true;
      // Without the page's account Google cannot be asked for the right one.
      if (!account || failedRecently(accountKey(account))) return false;
      const renewed = token({ loginHint: account, interactive: false }).then(
        () => true,
        () => false,
      );
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waited = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), options.readyWaitMs ?? READY_WAIT_MS);
      });
      try {
        return await Promise.race([renewed, waited]);
      } finally {
        clearTimeout(timer);
      }
    },
    drop: (accessToken) =>
      serial(async () => {
        const cache = await store.read();
        await store.write(
          Object.fromEntries(
            Object.entries(cache).filter(([, cached]) => cached.accessToken !== accessToken),
          ),
        );
      }),
    forgetAll: () => serial(() => store.write({})),
    redirectUri: () => identity.getRedirectURL(),
  };
}

function signInRequired(oauthError?: string) {
  return new GoogleAuthError('google-sign-in-required', t('errorGoogleSignInRequired'), oauthError);
}

function cancelled(oauthError?: string) {
  return new GoogleAuthError(
    'google-sign-in-cancelled',
    t('errorGoogleSignInCancelled'),
    oauthError,
  );
}

function failed(detail: string, oauthError?: string) {
  return new GoogleAuthError(
    'google-sign-in-failed',
    t('errorGoogleSignInFailed', detail),
    oauthError,
  );
}
