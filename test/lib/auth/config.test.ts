import { describe, expect, it } from 'vitest';
import { AuthConfigError } from '@/lib/auth/authenticator';
import { type AuthConfig, AuthConfigSchema, createAuthenticator } from '@/lib/auth/config';
import { CLIENT_ID, CLIENT_SECRET, createFakeTokenEndpoint } from './fake-token-endpoint';

const URL_V1P1 = 'https://sis.example.org/ims/oneroster/v1p1/lineItems/gc-123-456';

describe('createAuthenticator', () => {
  it('builds an OAuth 1.0a signer from oauth1 settings', async () => {
    const auth = createAuthenticator(
      { mode: 'oauth1', consumerKey: ' InfiniteCampus_demo-key\n', consumerSecret: 's3cr3t!*()' },
      { now: () => 1_700_000_000_000, nonce: () => 'abc123nonce' },
    );
    expect(auth.mode).toBe('oauth1');
    // The verified PUT vector: the pasted key's stray whitespace was trimmed.
    expect((await auth.authorize({ method: 'PUT', url: URL_V1P1 })).Authorization).toContain(
      'oauth_signature="7TnnloFQkRFXP3YFeo%2F9oJrSY9oT34lqODoo6IH8LiU%3D"',
    );
  });

  it('builds an OAuth 2 client from oauth2 settings, with its scopes and extra headers', async () => {
    const fake = createFakeTokenEndpoint();
    const auth = createAuthenticator(
      {
        mode: 'oauth2',
        tokenUrl: 'https://district.example.org/oauth2/token?appName=x',
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        scopes: ['https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly'],
        extraHeaders: { 'x-vendor-authorization': 'AwesomeLMS:F24F' },
      },
      { fetch: fake.fetch },
    );
    expect(auth.mode).toBe('oauth2');
    expect(await auth.authorize({ method: 'GET', url: URL_V1P1 })).toEqual({
      Authorization: 'Bearer token-1',
      'x-vendor-authorization': 'AwesomeLMS:F24F',
    });
    expect(fake.calls[0]?.form.get('scope')).toBe(
      'https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly',
    );
  });

  it.each<[string, unknown]>([
    ['an unknown mode', { mode: 'saml', consumerKey: 'k', consumerSecret: 's' }],
    ['an empty consumer secret', { mode: 'oauth1', consumerKey: 'k', consumerSecret: '  ' }],
    [
      'an unknown signature method',
      { mode: 'oauth1', consumerKey: 'k', consumerSecret: 's', signatureMethod: 'RSA-SHA1' },
    ],
    [
      'a plain-http token URL',
      {
        mode: 'oauth2',
        tokenUrl: 'http://district.example.org/token',
        clientId: 'i',
        clientSecret: 's',
      },
    ],
    [
      'a relative token URL',
      { mode: 'oauth2', tokenUrl: '/token', clientId: 'i', clientSecret: 's' },
    ],
    [
      'a scope with a space',
      {
        mode: 'oauth2',
        tokenUrl: 'https://d.example.org/t',
        clientId: 'i',
        clientSecret: 's',
        scopes: ['a b'],
      },
    ],
    [
      'an invalid header name',
      { mode: 'oauth1', consumerKey: 'k', consumerSecret: 's', extraHeaders: { 'x:y': 'v' } },
    ],
    [
      'a header value with CR LF',
      { mode: 'oauth1', consumerKey: 'k', consumerSecret: 's', extraHeaders: { x: 'a\r\nb' } },
    ],
  ])('rejects %s', (_name, config) => {
    expect(AuthConfigSchema.safeParse(config).success).toBe(false);
    expect(() => createAuthenticator(config as AuthConfig)).toThrow(AuthConfigError);
  });

  it('accepts a plain-http token URL on localhost, for a local test SIS', () => {
    const config = {
      mode: 'oauth2',
      tokenUrl: 'http://localhost:5173/token',
      clientId: 'i',
      clientSecret: 's',
    };
    expect(AuthConfigSchema.safeParse(config).success).toBe(true);
  });
});
