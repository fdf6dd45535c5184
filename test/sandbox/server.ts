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
import { RequestLog } from './request-log.ts';
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
  /** Forget all issued bearer tokens (as after a server-side revocation). */
  revokeTokens(): void;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const opts = resolveOptions(options);
  const data = generateDistrict(opts);
  const faults = createFaults(opts.seed, opts.faults);
  const requestLog = new RequestLog();
  const validator = createBodyValidator(opts.openApiPath);
  let authSetting = opts.auth;
  const oauth2 = createOAuth2Server({
    ...opts.credentials.oauth2,
    tokenTtlSeconds: opts.tokenTtlSeconds,
    now: opts.now,
  });
  const authorize = createAuthorizer({
    setting: () => authSetting,
    verifyOAuth1: createOAuth1Verifier({
      ...opts.credentials.oauth1,
      signatureMethods: opts.signatureMethods,
      now: opts.now,
    }),
    authenticateBearer: oauth2.authenticate,
  });
  const routes = [
    ...rosterRoutes(data),
    ...gradebookRoutes({
      data,
      validator,
      now: opts.now,
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
      now: opts.now,
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
    revokeTokens: oauth2.revokeAll,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets (fetch pools them) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
