/**
 * An in-memory OAuth 2 token endpoint that checks what a real one checks (RFC 6749 §2.3.1, §4.4):
 * grant type, client credentials in HTTP Basic (form-encoded, then base64) or in the form body,
 * never both. It issues numbered tokens with the configured lifetime and records every call.
 */
import type { FetchLike } from '@/lib/auth/oauth2';

export interface FakeTokenEndpointOptions {
  clientId?: string;
  clientSecret?: string;
  /** Client authentication styles this endpoint accepts; both by default. */
  accepts?: ReadonlyArray<'basic' | 'body'>;
  /** `expires_in` of issued tokens; `null` leaves it out. */
  expiresIn?: number | string | null;
  /** `scope` of issued tokens; leave out to echo the requested scope, `null` to omit it. */
  scope?: string | null;
  /** Hold each answer until the test resolves it (see `release`). */
  deferred?: boolean;
}

export interface TokenCall {
  url: string;
  headers: Headers;
  form: URLSearchParams;
  style: 'basic' | 'body' | 'none';
}

export const CLIENT_ID = 'district client';
export const CLIENT_SECRET = 'p@ss:w+rd/=é';

export function createFakeTokenEndpoint(options: FakeTokenEndpointOptions = {}) {
  const clientId = options.clientId ?? CLIENT_ID;
  const clientSecret = options.clientSecret ?? CLIENT_SECRET;
  const accepts = options.accepts ?? ['basic', 'body'];
  const calls: TokenCall[] = [];
  const pending: Array<() => void> = [];
  let issued = 0;

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  function answer(call: TokenCall): Response {
    if (call.headers.get('Content-Type') !== 'application/x-www-form-urlencoded') {
      return json(400, { error: 'invalid_request' });
    }
    if (call.form.get('grant_type') !== 'client_credentials')
      return json(400, { error: 'unsupported_grant_type' });
    let id: string | undefined;
    let secret: string | undefined;
    if (call.style === 'basic') {
      // RFC 6749 §2.3.1: both halves were form-encoded before base64.
      const decoded = atob((call.headers.get('Authorization') ?? '').slice('Basic '.length));
      const colon = decoded.indexOf(':');
      const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
      id = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    } else if (call.style === 'body') {
      id = call.form.get('client_id') ?? undefined;
      secret = call.form.get('client_secret') ?? undefined;
    }
    const accepted = call.style !== 'none' && accepts.includes(call.style);
    if (!accepted || id !== clientId || secret !== clientSecret) {
      return call.style === 'basic'
        ? json(401, { error: 'invalid_client' })
        : json(400, { error: 'invalid_client' });
    }
    issued += 1;
    const scope = options.scope === undefined ? call.form.get('scope') : options.scope;
    return json(200, {
      access_token: `token-${issued}`,
      token_type: 'bearer',
      ...(options.expiresIn === null ? {} : { expires_in: options.expiresIn ?? 3600 }),
      ...(scope === null ? {} : { scope }),
    });
  }

  const fetch: FetchLike = async (url, init) => {
    const headers = new Headers(init.headers);
    const form = new URLSearchParams(String(init.body));
    const hasBasic = headers.get('Authorization')?.startsWith('Basic ') ?? false;
    const hasBody = form.has('client_id');
    const call: TokenCall = {
      url,
      headers,
      form,
      style: hasBasic && hasBody ? 'none' : hasBasic ? 'basic' : hasBody ? 'body' : 'none',
    };
    calls.push(call);
    if (init.method !== 'POST') return json(405, { error: 'invalid_request' });
    if (options.deferred) await new Promise<void>((resolve) => pending.push(resolve));
    return answer(call);
  };

  return {
    fetch,
    calls,
    /** Lets every held answer go. */
    release: () => {
      for (const resolve of pending.splice(0)) resolve();
    },
  };
}
