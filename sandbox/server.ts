/**
 * The sandbox SIS: a real node:http OneRoster 1.1 server on 127.0.0.1 for demos, end-to-end tests
 * and benchmarks. This file wires the pieces together; each concern lives in its own module.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthSetting, createAuthorizer } from './auth.ts';
import { generateDistrict } from './district.ts';
import { createFaults, type Faults } from './faults.ts';
import { handleRequest } from './handler.ts';
import type { DistrictData } from './model.ts';
import { createOAuth1Verifier } from './oauth1.ts';
import { createOAuth2Server } from './oauth2.ts';
import { type Credentials, resolveOptions, type SandboxOptions } from './options.ts';
import { RequestLog, type RequestLogEntry } from './request-log.ts';
import { gradebookRoutes } from './routes-gradebook.ts';
import { rosterRoutes } from './routes-roster.ts';
import { createBodyValidator } from './validate.ts';

export interface Sandbox {
  /** e.g. http://127.0.0.1:54321/api/ims/oneroster/v1p1 */
  baseUrl: string;
  /** e.g. http://127.0.0.1:54321/oauth/token */
  tokenUrl: string;
  /** e.g. http://127.0.0.1:54321 */
  origin: string;
  port: number;
  credentials: Credentials;
  /** A teacher with several active classes and one tobedeleted. */
  teacherEmail: string;
  requestLog: RequestLog;
  /** The live in-memory SIS (mutations show up in responses). */
  data: DistrictData;
  /** How PUT bodies are validated: the IMS OpenAPI via ajv, or the zod fallback. */
  validation: 'openapi' | 'zod';
  /** Merges into the current faults; returns the result. Pass NO_FAULTS to reset. */
  setFaults(patch: Partial<Faults>): Faults;
  /** Which auth the API accepts from now on. */
  setAuth(setting: AuthSetting): void;
  /**
   * Forget all issued bearer tokens (as after a server-side revocation): now, or once `after`
   * more API requests (or only PUT/DELETE writes) have been answered with a 2xx, to revoke
   * mid-export while other requests carrying the same token are in flight.
   */
  revokeTokens(after?: { requests: number; counting?: 'requests' | 'writes' }): void;
  /**
   * Moves the SIS's clock (OAuth 1.0a timestamp window, token expiry, `Date` headers) this far
   * from the real time, as a SIS whose clock differs from the client's.
   */
  setClockOffsetMs(ms: number): void;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const opts = resolveOptions(options);
  const data = generateDistrict(opts);
  const faults = createFaults(opts.seed, opts.faults);
  const requestLog = new RequestLog();
  const validator = createBodyValidator(opts.openApiPath);
  let authSetting = opts.auth;
  let clockOffsetMs = 0;
  const now = () => opts.now() + clockOffsetMs;
  const oauth2 = createOAuth2Server({
    ...opts.credentials.oauth2,
    tokenTtlSeconds: opts.tokenTtlSeconds,
    now,
  });
  let revocation: { left: number; counting: 'requests' | 'writes' } | undefined;
  const onAnswered = (entry: RequestLogEntry) => {
    const counted =
      entry.path !== opts.tokenPath &&
      entry.status >= 200 &&
      entry.status < 300 &&
      (revocation?.counting === 'requests' || entry.method === 'PUT' || entry.method === 'DELETE');
    if (!revocation || !counted) return;
    revocation.left -= 1;
    if (revocation.left <= 0) {
      revocation = undefined;
      oauth2.revokeAll();
    }
  };
  const authorize = createAuthorizer({
    setting: () => authSetting,
    verifyOAuth1: createOAuth1Verifier({
      ...opts.credentials.oauth1,
      signatureMethods: opts.signatureMethods,
      now,
    }),
    authenticateBearer: oauth2.authenticate,
  });
  const routes = [
    ...rosterRoutes(data),
    ...gradebookRoutes({
      data,
      validator,
      now,
      titleLimit: () => faults.get().titleLimit ?? undefined,
    }),
  ];
  let messageCounter = 0;
  const server = createServer((req, res) => {
    void handleRequest(req, res, {
      prefix: opts.prefix,
      tokenPath: opts.tokenPath,
      routes,
      authorize,
      oauth2,
      authSetting: () => authSetting,
      faults,
      requestLog,
      onAnswered,
      now,
      nextMessageRef: () => `sandbox-${++messageCounter}`,
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const teacher = data.users.get(data.defaultTeacherId);
  return {
    baseUrl: `${origin}${opts.prefix}`,
    tokenUrl: `${origin}${opts.tokenPath}`,
    origin,
    port,
    credentials: opts.credentials,
    teacherEmail: teacher?.email ?? '',
    requestLog,
    data,
    validation: validator.source,
    setFaults: faults.set,
    setAuth: (setting) => {
      authSetting = setting;
    },
    revokeTokens: (after) => {
      revocation = undefined;
      if (!after || after.requests <= 0) oauth2.revokeAll();
      else revocation = { left: after.requests, counting: after.counting ?? 'requests' };
    },
    setClockOffsetMs: (ms) => {
      clockOffsetMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets (fetch pools them) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
