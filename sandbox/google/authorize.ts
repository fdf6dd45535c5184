/**
 * The fake accounts.google.com authorization endpoint, implicit flow only (`response_type=token`,
 * what `launchWebAuthFlow` with a Web-application client uses). Google's behaviour as documented
 * for "OAuth 2.0 for client-side web applications" (developers.google.com/identity/protocols/oauth2/javascript-implicit-flow):
 * a bad client or redirect URI gets an error page and nothing goes back to the app; otherwise the
 * answer is a redirect to `redirect_uri#access_token=…&token_type=Bearer&expires_in=…&scope=…&state=…`
 * or `#error=…&state=…`. An account that already granted the scopes is sent straight back unless
 * `prompt=consent`; `prompt=none` never shows a page (`error=interaction_required` instead).
 */
import { randomBytes } from 'node:crypto';
import { consentPage, errorPage } from './consent-page.ts';
import { KNOWN_SCOPES } from './scopes.ts';
import type { TokenStore } from './tokens.ts';

export interface AuthSettings {
  clientId: string;
  /** A redirect_uri must start with this (the URIs registered for the client). */
  redirectUriAllowed: (uri: string) => boolean;
  tokenTtlSeconds: number;
  account: { email: string; name: string };
  /** Skip the consent page and allow at once (tests that do not drive a popup). */
  autoConsent: () => boolean;
  /** When set, the user grants only these of the scopes asked (granular consent). */
  grantableScopes: () => readonly string[] | undefined;
  tokens: TokenStore;
}

export interface AuthAnswer {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** For the request log. */
  error?: string;
  tokenId?: string;
}

interface Pending {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  includeGranted: boolean;
}

const html = (status: number, body: string, error?: string): AuthAnswer => ({
  status,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
  body,
  ...(error && { error }),
});

/**
 * Google's fragment as seen in real redirects: spaces as %20, ':' and '/' left as they are, state
 * first (`#state=…&access_token=…&token_type=Bearer&expires_in=3599&scope=email%20https://…`).
 */
const encodeValue = (v: string) =>
  encodeURIComponent(v).replace(/%3A/gi, ':').replace(/%2F/gi, '/');

function redirect(redirectUri: string, params: Record<string, string | undefined>): AuthAnswer {
  const fragment = Object.entries(params)
    .flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${encodeValue(v)}`]))
    .join('&');
  return { status: 302, headers: { Location: `${redirectUri}#${fragment}` } };
}

export function createAuthorizationEndpoint(settings: AuthSettings) {
  const pending = new Map<string, Pending>();

  function grantTokenRedirect(p: Pending, chosen: readonly string[], prompt: string): AuthAnswer {
    const grantable = settings.grantableScopes();
    const granted = chosen.filter((s) => !grantable || grantable.includes(s));
    settings.tokens.grant(p.clientId, granted);
    const all = p.includeGranted ? [...settings.tokens.grantedTo(p.clientId)] : granted;
    const token = settings.tokens.issue(p.clientId, settings.account.email, all);
    return {
      ...redirect(p.redirectUri, {
        state: p.state,
        access_token: token.token,
        token_type: 'Bearer',
        expires_in: String(settings.tokenTtlSeconds),
        scope: all.join(' '),
        authuser: '0',
        prompt,
      }),
      tokenId: token.id,
    };
  }

  /** GET /o/oauth2/v2/auth */
  function authorize(query: URLSearchParams): AuthAnswer {
    const clientId = query.get('client_id') ?? '';
    if (clientId !== settings.clientId)
      // Google's page reads "Error 401: invalid_client"; the page itself is served as a 400.
      return html(
        400,
        errorPage(401, 'invalid_client', 'The OAuth client was not found.'),
        'invalid_client',
      );
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!redirectUri || !settings.redirectUriAllowed(redirectUri))
      return html(
        400,
        errorPage(
          400,
          'redirect_uri_mismatch',
          `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. redirect_uri=${redirectUri}`,
        ),
        'redirect_uri_mismatch',
      );
    const responseType = query.get('response_type') ?? '';
    if (responseType !== 'token')
      return html(
        400,
        errorPage(400, 'unsupported_response_type', `Unsupported response_type: ${responseType}`),
        'unsupported_response_type',
      );
    const scopes = (query.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (scopes.length === 0)
      return html(
        400,
        errorPage(400, 'invalid_request', 'Missing required parameter: scope'),
        'invalid_request',
      );
    const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
    if (unknown.length > 0)
      return html(
        400,
        errorPage(400, 'invalid_scope', `Some requested scopes were invalid: ${unknown.join(' ')}`),
        'invalid_scope',
      );
    const prompts = (query.get('prompt') ?? '').split(/\s+/).filter(Boolean);
    if (prompts.includes('none') && prompts.length > 1)
      return html(
        400,
        errorPage(400, 'invalid_request', 'prompt=none must not be combined with other values'),
        'invalid_request',
      );
    const state = query.get('state') ?? undefined;
    const loginHint = query.get('login_hint');
    const hintMatches =
      !loginHint || loginHint.toLowerCase() === settings.account.email.toLowerCase();
    const request: Pending = {
      clientId,
      redirectUri,
      scopes,
      state,
      includeGranted: query.get('include_granted_scopes') === 'true',
    };
    const granted = settings.tokens.grantedTo(clientId);
    const alreadyGranted = scopes.every((s) => granted.has(s));

    if (prompts.includes('none')) {
      if (alreadyGranted && hintMatches) return grantTokenRedirect(request, scopes, 'none');
      return {
        ...redirect(redirectUri, { error: 'interaction_required', state }),
        error: 'interaction_required',
      };
    }
    if (settings.autoConsent()) return grantTokenRedirect(request, scopes, 'consent');
    const mustAsk = prompts.includes('consent') || prompts.includes('select_account');
    if (alreadyGranted && hintMatches && !mustAsk)
      return grantTokenRedirect(request, scopes, 'none');
    const transaction = randomBytes(12).toString('base64url');
    pending.set(transaction, request);
    return html(200, consentPage({ transaction, clientId, account: settings.account, scopes }));
  }

  /** POST /o/oauth2/v2/auth/consent (the consent page's form). */
  function consent(form: URLSearchParams): AuthAnswer {
    const p = pending.get(form.get('tx') ?? '');
    if (!p)
      return html(
        400,
        errorPage(400, 'invalid_request', 'This consent request has expired.'),
        'invalid_request',
      );
    pending.delete(form.get('tx') ?? '');
    if (form.get('action') !== 'allow')
      return {
        ...redirect(p.redirectUri, { error: 'access_denied', state: p.state }),
        error: 'access_denied',
      };
    // The page's checkboxes (granular consent); a form without them grants everything asked.
    const chosen = form.get('granular')
      ? form.getAll('scope').filter((s) => p.scopes.includes(s))
      : p.scopes;
    return grantTokenRedirect(p, chosen, 'consent');
  }

  return { authorize, consent };
}
