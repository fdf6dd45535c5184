/**
 * A stand-in for the browser's identity API (lib/google/auth.ts's IdentityFlow seam) that answers
 * as Google's authorization endpoint would: it reads the request URL and returns the redirect
 * URL with the answer in its fragment, echoing `state`. Each call is recorded; `answer` decides
 * what Google says (a token, an OAuth error) or that the browser's flow itself rejects.
 */
import type { IdentityFlow, WebAuthFlowDetails } from '@/lib/google/auth';
import { GOOGLE_SCOPES } from '@/lib/google/auth';

export const REDIRECT_URI = 'https://abcdefghijklmnop.chromiumapp.org/';

export type GoogleAnswer =
  | { token: string; expiresIn?: number; scopes?: readonly string[]; state?: string }
  | { error: string; state?: string }
  /** The browser's flow rejects (window closed, page not loaded, silent flow needs a user). */
  | { reject: string }
  /** The flow resolves with a URL of its own choosing. */
  | { redirect: string | undefined };

export interface FakeIdentity extends IdentityFlow {
  calls: Array<WebAuthFlowDetails & { params: URLSearchParams }>;
}

export function fakeIdentity(
  answer: (request: { interactive: boolean; params: URLSearchParams }) => GoogleAnswer,
): FakeIdentity {
  const calls: FakeIdentity['calls'] = [];
  return {
    calls,
    getRedirectURL: () => REDIRECT_URI,
    async launchWebAuthFlow(details) {
      const params = new URL(details.url).searchParams;
      calls.push({ ...details, params });
      const reply = answer({ interactive: details.interactive, params });
      if ('reject' in reply) throw new Error(reply.reject);
      if ('redirect' in reply) return reply.redirect;
      const state = reply.state ?? params.get('state') ?? '';
      const fragment = new URLSearchParams(
        'error' in reply
          ? { error: reply.error, state }
          : {
              access_token: reply.token,
              token_type: 'Bearer',
              expires_in: String(reply.expiresIn ?? 3599),
              scope: (reply.scopes ?? GOOGLE_SCOPES).join(' '),
              state,
            },
      );
      return `${REDIRECT_URI}#${fragment}`;
    },
  };
}
