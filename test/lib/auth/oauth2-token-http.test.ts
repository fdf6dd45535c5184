/**
 * The OAuth 2 token request against real local HTTP servers (Node's fetch, as in the other
 * integration tests): a redirect to another origin must not carry the client secret there, a
 * stalled endpoint times out with a translated error and does not hold later requests hostage,
 * and an endless body is cut off.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthNetworkError, AuthTokenError } from '@/lib/auth/authenticator';
import {
  createOAuth2Authenticator,
  MAX_TOKEN_RESPONSE_BYTES,
  type OAuth2Options,
} from '@/lib/auth/oauth2';
import { describeOneRosterError } from '@/lib/oneroster/describe-error';
import { LOCALES, useLocale } from '../../support/fake-i18n';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

/** A real server on 127.0.0.1; records each request's method and body. */
async function serve(handle: Handler) {
  const hits: Array<{ method: string; body: string; authorization?: string }> = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      hits.push({
        method: request.method ?? '',
        body,
        authorization: request.headers.authorization,
      });
      handle(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(
    () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${port}/oauth/token`, hits };
}

const TOKEN = JSON.stringify({ access_token: 'fresh', token_type: 'bearer', expires_in: 3600 });
const grant: Handler = (_request, _body, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(TOKEN);
};

const REQUEST = { method: 'GET', url: 'https://sis.example.org/ims/oneroster/v1p1/orgs' } as const;
const SECRET = 'the-client-secret';

function authenticator(tokenUrl: string, options: Partial<OAuth2Options> = {}) {
  return createOAuth2Authenticator({
    tokenUrl,
    clientId: 'client',
    clientSecret: SECRET,
    fetch: (url, init) => fetch(url, init),
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  // A bound, so code without a timeout fails here instead of hanging the suite.
  const hung = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('still waiting after 3 s')), 3000),
  );
  return Promise.race([promise, hung]).then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('the token request against real servers', () => {
  it.each(['body', 'basic'] as const)(
    'refuses a 307 to another origin without sending it the %s credentials',
    async (clientAuth) => {
      const elsewhere = await serve(grant);
      const redirecting = await serve((_request, _body, response) => {
        response.writeHead(307, { location: elsewhere.url });
        response.end();
      });
      const auth = authenticator(redirecting.url, { clientAuth });

      const error = await failure(auth.authorize(REQUEST));
      expect(error).toBeInstanceOf(AuthTokenError);
      expect(error).toMatchObject({ code: 'token-endpoint-status', redirect: true, status: 307 });
      expect(redirecting.hits).toHaveLength(1);
      expect(redirecting.hits[0]?.body.includes(SECRET) || clientAuth === 'basic').toBe(true);
      expect(elsewhere.hits).toEqual([]); // the secret never left for the other origin
      expect(describeOneRosterError(error)).toBe(LOCALES.en.sisErrorTokenRedirect?.message);
    },
  );

  it('times out a stalled endpoint with a translated error, then starts afresh', async () => {
    let stall = true;
    const endpoint = await serve((request, body, response) => {
      if (stall) return; // accepted, never answered
      grant(request, body, response);
    });
    const auth = authenticator(endpoint.url, { tokenTimeoutMs: 300 });

    const startedAt = Date.now();
    const first = auth.authorize(REQUEST);
    const joined = auth.authorize(REQUEST); // shares the stalled request
    const error = await failure(first);
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(error).toBeInstanceOf(AuthNetworkError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(await failure(joined)).toBe(error);
    expect(describeOneRosterError(error)).toBe(LOCALES.en.sisErrorTokenTimeout?.message);
    useLocale('nl');
    expect(describeOneRosterError(error)).toBe(LOCALES.nl.sisErrorTokenTimeout?.message);
    expect(endpoint.hits).toHaveLength(1);

    // The failed request is gone: the next caller starts a new one rather than waiting on it.
    stall = false;
    expect(await auth.authorize(REQUEST)).toEqual({ Authorization: 'Bearer fresh' });
    expect(endpoint.hits).toHaveLength(2);
  });

  it('stops reading an endless token answer at the cap', async () => {
    let sent = 0;
    const endpoint = await serve((_request, _body, response) => {
      // Chunked, no Content-Length, and valid JSON if read to the end.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(`${TOKEN.slice(0, -1)}, "padding": "`);
      const chunk = 'x'.repeat(64 * 1024);
      const pump = () => {
        while (sent < 4 * MAX_TOKEN_RESPONSE_BYTES) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end('"}');
      };
      response.on('error', () => {});
      pump();
    });
    const error = await failure(authenticator(endpoint.url).authorize(REQUEST));
    expect(error).toMatchObject({ name: 'AuthTokenError', code: 'token-endpoint-invalid' });
  });
});
