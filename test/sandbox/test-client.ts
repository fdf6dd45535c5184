/**
 * A small OneRoster client for the sandbox's own tests: builds URLs with RFC 3986 encoding
 * (%20, never '+'), authenticates with OAuth 1.0a (test-oauth1-signer.ts) or an OAuth 2 bearer
 * token, and returns status, headers and parsed JSON.
 */
import type { Sandbox } from '../../sandbox/server.ts';
import { type SignInput, signOAuth1 } from './test-oauth1-signer.ts';

export const SCOPES = {
  roster: 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly',
  read: 'https://purl.imsglobal.org/spec/or/v1p1/scope/gradebook.readonly',
  put: 'https://purl.imsglobal.org/spec/or/v1p1/scope/gradebook.createput',
  delete: 'https://purl.imsglobal.org/spec/or/v1p1/scope/gradebook.delete',
};
export const ALL_SCOPES = Object.values(SCOPES).join(' ');
export const SCOPES_V1P2 = {
  roster: 'https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly',
  read: 'https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.readonly',
  put: 'https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.createput',
  delete: 'https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.delete',
};
export const ALL_SCOPES_V1P2 = Object.values(SCOPES_V1P2).join(' ');

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary OneRoster JSON
  body: any;
}

export type Query = Record<string, string | number>;

const enc = (s: string) =>
  encodeURIComponent(s).replace(
    /[!*'()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export function apiUrl(sandbox: Sandbox, path: string, query: Query = {}): string {
  const q = Object.entries(query)
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join('&');
  return `${sandbox.baseUrl}${path}${q ? `?${q}` : ''}`;
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function getToken(
  sandbox: Sandbox,
  scope = ALL_SCOPES,
  tokenUrl = sandbox.tokenUrl,
): Promise<string> {
  const { clientId, clientSecret } = sandbox.credentials.oauth2;
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: `grant_type=client_credentials&scope=${enc(scope)}`,
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export interface Client {
  get(path: string, query?: Query): Promise<Reply>;
  put(path: string, body: unknown): Promise<Reply>;
  del(path: string): Promise<Reply>;
  /** GET an absolute URL exactly as given (e.g. a Link header's next), authorized. */
  getUrl(url: string): Promise<Reply>;
  /** Any request with explicit headers (no auth added). */
  send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Reply>;
}

export async function makeClient(
  sandbox: Sandbox,
  mode: 'oauth1' | 'oauth2',
  options: { scope?: string; sign?: Partial<SignInput> } = {},
): Promise<Client> {
  const token = mode === 'oauth2' ? await getToken(sandbox, options.scope) : '';
  const auth = (method: string, url: string) =>
    mode === 'oauth2'
      ? `Bearer ${token}`
      : signOAuth1({ method, url, ...sandbox.credentials.oauth1, ...options.sign }).header;
  const send = async (
    method: string,
    url: string,
    headers: Record<string, string>,
    body?: string,
  ) => toReply(await fetch(url, { method, headers, body }));
  const call = (method: string, url: string, body?: unknown) =>
    send(
      method,
      url,
      {
        Authorization: auth(method, url),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body === undefined ? undefined : JSON.stringify(body),
    );
  return {
    get: (path, query) => call('GET', apiUrl(sandbox, path, query)),
    put: (path, body) => call('PUT', apiUrl(sandbox, path), body),
    del: (path) => call('DELETE', apiUrl(sandbox, path)),
    getUrl: (url) => call('GET', url),
    send,
  };
}

export interface ClientV1p2 {
  /** Under oneRoster12.rosteringBase; never sends the vendor header. */
  roster: Pick<Client, 'get'>;
  /** Under oneRoster12.gradebookBase; sends x-vendor-authorization when `vendor` is given. */
  gradebook: Pick<Client, 'get' | 'put' | 'del'>;
  getUrl: Client['getUrl'];
  send: Client['send'];
  token: string;
}

/** A OneRoster 1.2 client: a token from IC's token URL (1.2 scopes), two service bases. */
export async function makeClientV1p2(
  sandbox: Sandbox,
  options: { scope?: string; vendor?: string } = {},
): Promise<ClientV1p2> {
  const urls = sandbox.oneRoster12;
  const token = await getToken(sandbox, options.scope ?? ALL_SCOPES_V1P2, urls.tokenUrl);
  const send: Client['send'] = async (method, url, headers, body) =>
    toReply(await fetch(url, { method, headers, body }));
  const call = (method: string, url: string, body?: unknown) =>
    send(
      method,
      url,
      {
        Authorization: `Bearer ${token}`,
        ...(options.vendor !== undefined && url.startsWith(urls.gradebookBase)
          ? { 'x-vendor-authorization': options.vendor }
          : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body === undefined ? undefined : JSON.stringify(body),
    );
  const under = (base: string, path: string, query: Query = {}) => {
    const q = Object.entries(query)
      .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
      .join('&');
    return `${base}${path}${q ? `?${q}` : ''}`;
  };
  return {
    roster: { get: (path, query) => call('GET', under(urls.rosteringBase, path, query)) },
    gradebook: {
      get: (path, query) => call('GET', under(urls.gradebookBase, path, query)),
      put: (path, body) => call('PUT', under(urls.gradebookBase, path), body),
      del: (path) => call('DELETE', under(urls.gradebookBase, path)),
    },
    getUrl: (url) => call('GET', url),
    send,
    token,
  };
}
