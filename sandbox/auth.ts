/**
 * Picks the auth scheme from the request (Bearer → OAuth 2, OAuth header or oauth_signature in the
 * query → OAuth 1.0a), enforces the server's accepted mode and, for OAuth 2, the scope each
 * operation needs. OAuth 1.0a has no scopes: a valid signature grants everything, as on the SIS
 * that still use it.
 */
import { ImsxError } from './imsx.ts';
import type { SignedRequest } from './oauth1.ts';
import { SCOPE_PREFIX, SCOPE_PREFIX_V1P2 } from './oauth2.ts';

export type AuthSetting = 'oauth1' | 'oauth2' | 'both';
export type AuthMode = 'oauth1' | 'oauth2';
/** What an endpoint does, which decides the OAuth 2 scope it needs. */
export type Access = 'roster' | 'gradebook.read' | 'gradebook.put' | 'gradebook.delete';
export type ApiVersion = '1.1' | '1.2';

const SCOPE_NAME: Record<Access, string> = {
  roster: 'roster.readonly',
  'gradebook.read': 'gradebook.readonly',
  'gradebook.put': 'gradebook.createput',
  'gradebook.delete': 'gradebook.delete',
};
/** Same scope names, different URIs: a 1.1 token is refused on 1.2 paths and vice versa. */
const scopeFor = (access: Access, version: ApiVersion) =>
  `${version === '1.2' ? SCOPE_PREFIX_V1P2 : SCOPE_PREFIX}${SCOPE_NAME[access]}`;

export interface AuthDeps {
  setting: () => AuthSetting;
  verifyOAuth1: (req: SignedRequest) => { consumerKey: string };
  authenticateBearer: (token: string) => { clientId: string; scopes: Set<string> };
}

export interface Principal {
  mode: AuthMode;
  client: string;
}

function challenge(setting: AuthSetting): Record<string, string> {
  const schemes = [];
  if (setting !== 'oauth2') schemes.push('OAuth realm="oneroster-sandbox"');
  if (setting !== 'oauth1') schemes.push('Bearer realm="oneroster-sandbox"');
  return { 'WWW-Authenticate': schemes.join(', ') };
}

export function createAuthorizer(deps: AuthDeps) {
  return function authorize(
    req: SignedRequest,
    access: Access,
    version: ApiVersion = '1.1',
  ): Principal {
    // 1.2 dropped OAuth 1.0a (IC: "OneRoster 1.2 with OAuth 2.0"), whatever the 1.1 side accepts.
    const setting = version === '1.2' ? 'oauth2' : deps.setting();
    const header = req.authorization ?? '';
    const bearer = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
    const oauth1 =
      /^\s*OAuth\s/i.test(header) || (!header && /(^|&)oauth_signature=/.test(req.rawQuery));
    if (bearer) {
      if (setting === 'oauth1') {
        throw new ImsxError(
          401,
          'unauthorisedrequest',
          'this server accepts OAuth 1.0a signed requests only',
          challenge(setting),
        );
      }
      const { clientId, scopes } = deps.authenticateBearer(bearer[1] as string);
      const needed = scopeFor(access, version);
      if (!scopes.has(needed)) {
        throw new ImsxError(
          403,
          'forbidden',
          `${req.method} ${req.rawPath} requires scope ${needed}; the token has: ${[...scopes].join(' ') || '(none)'}`,
        );
      }
      return { mode: 'oauth2', client: clientId };
    }
    if (oauth1) {
      if (setting === 'oauth2') {
        throw new ImsxError(
          401,
          'unauthorisedrequest',
          version === '1.2'
            ? 'OneRoster 1.2 accepts OAuth 2 bearer tokens only'
            : 'this server accepts OAuth 2 bearer tokens only',
          challenge(setting),
        );
      }
      return { mode: 'oauth1', client: deps.verifyOAuth1(req).consumerKey };
    }
    throw new ImsxError(
      401,
      'unauthorisedrequest',
      header
        ? `unsupported Authorization scheme '${header.split(/\s/)[0]}'`
        : 'missing Authorization header',
      challenge(setting),
    );
  };
}
