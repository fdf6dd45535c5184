/**
 * The sandbox SIS: a real node:http OneRoster server on 127.0.0.1 for demos, end-to-end tests and
 * benchmarks. It serves one district over 1.1 (under `prefix`) and over 1.2 (Infinite Campus's
 * layout, OAuth 2 only) at the same time, from the same store. This file wires the pieces
 * together; each concern lives in its own module.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthSetting, createAuthorizer } from './auth.ts';
import { generateDistrict } from './district.ts';
import { createFaults, type Faults } from './faults.ts';
import { handleRequest, type Mount } from './handler.ts';
import { createInspector, type GradebookInspector } from './inspect.ts';
import type { DistrictData } from './model.ts';
import { createOAuth1Verifier } from './oauth1.ts';
import { ALL_SCOPES, ALL_SCOPES_V1P2, createOAuth2Server } from './oauth2.ts';
import { type Credentials, resolveOptions, type SandboxOptions, type V1p2Mode } from './options.ts';
import { createUserIds, viewV1p2 } from './present-v1p2.ts';
import { RequestLog, type RequestLogEntry } from './request-log.ts';
import { gradebookRoutes } from './routes-gradebook.ts';
import { rosterRoutes } from './routes-roster.ts';
import { type BodyValidator, createBodyValidator, createBodyValidatorV1p2 } from './validate.ts';
import { viewV1p1 } from './view.ts';

/** Where the 1.2 API is, Infinite Campus style; absolute URLs without a trailing slash. */
export interface OneRoster12Urls {
  /** IC's "Base URL": …/campus/api/oneroster/v1p2/<appName>/ims/oneroster */
  root: string;
  /** `${root}/rostering/v1p2` */
  rosteringBase: string;
  /** `${root}/gradebook/v1p2` */
  gradebookBase: string;
  /** …/campus/oauth2/token?appName=<appName> */
  tokenUrl: string;
  appName: string;
}

/** IC's token endpoint path; its `?appName=` must name this SIS's app. */
export const IC_TOKEN_PATH = '/campus/oauth2/token';

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
  /** The same district over OneRoster 1.2 (served alongside 1.1, same store). */
  oneRoster12: OneRoster12Urls;
  /** Same as `validation`, for 1.2 PUTs (the 1.2 gradebook OpenAPI, or the zod fallback). */
  validationV1p2: 'openapi' | 'zod';
  /** The current 1.2 validation mode (option v1p2Mode; setV1p2Mode changes it). */
  readonly v1p2Mode: V1p2Mode;
  setV1p2Mode(mode: V1p2Mode): void;
  /** The required x-vendor-authorization value on gradebook requests (undefined: none). */
  setVendorAuthorization(value: string | undefined): void;
  /** Line items and results per class, results per (line item, student), user id mapping. */
  inspect: GradebookInspector;
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
  const validatorsV1p2 = {
    strict: createBodyValidatorV1p2('strict', opts.openApiV1p2Path),
    relaxed: createBodyValidatorV1p2('relaxed', opts.openApiV1p2Path),
  };
  let v1p2Mode = opts.v1p2Mode;
  const validatorV1p2: BodyValidator = {
    source: validatorsV1p2.strict.source,
    lineItem: (body) => validatorsV1p2[v1p2Mode].lineItem(body),
    result: (body) => validatorsV1p2[v1p2Mode].result(body),
  };
  let vendorAuthorization = opts.vendorAuthorization;
  const ids = createUserIds(data);
  const root = `/campus/api/oneroster/v1p2/${encodeURIComponent(opts.appName)}/ims/oneroster`;
  const rosteringPrefix = `${root}/rostering/v1p2`;
  const gradebookPrefix = `${root}/gradebook/v1p2`;
  const tokenPaths = new Set([opts.tokenPath, IC_TOKEN_PATH]);
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
      !tokenPaths.has(entry.path) &&
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
  const titleLimit = () => faults.get().titleLimit ?? undefined;
  const v1p2View = (origin: string) =>
    viewV1p2(
      { rostering: `${origin}${rosteringPrefix}`, gradebook: `${origin}${gradebookPrefix}` },
      ids,
      data,
    );
  const mounts: Mount[] = [
    {
      prefix: opts.prefix,
      version: '1.1',
      routes: [...rosterRoutes(data), ...gradebookRoutes({ data, validator, now, titleLimit })],
      view: (origin) => viewV1p1(`${origin}${opts.prefix}`),
    },
    {
      prefix: rosteringPrefix,
      version: '1.2',
      service: 'rostering',
      routes: rosterRoutes(data),
      view: v1p2View,
    },
    {
      prefix: gradebookPrefix,
      version: '1.2',
      service: 'gradebook',
      routes: gradebookRoutes({ data, validator: validatorV1p2, now, titleLimit, ids }),
      view: v1p2View,
    },
  ];
  let messageCounter = 0;
  const server = createServer((req, res) => {
    void handleRequest(req, res, {
      mounts,
      tokenEndpoints: [
        { path: opts.tokenPath, defaultScopes: ALL_SCOPES },
        { path: IC_TOKEN_PATH, defaultScopes: ALL_SCOPES_V1P2, appName: opts.appName },
      ],
      v1p2Root: root,
      vendorAuthorization: () => vendorAuthorization,
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
    oneRoster12: {
      root: `${origin}${root}`,
      rosteringBase: `${origin}${rosteringPrefix}`,
      gradebookBase: `${origin}${gradebookPrefix}`,
      tokenUrl: `${origin}${IC_TOKEN_PATH}?appName=${encodeURIComponent(opts.appName)}`,
      appName: opts.appName,
    },
    validationV1p2: validatorV1p2.source,
    get v1p2Mode() {
      return v1p2Mode;
    },
    setV1p2Mode: (mode) => {
      v1p2Mode = mode;
    },
    setVendorAuthorization: (value) => {
      vendorAuthorization = value;
    },
    inspect: createInspector(data, ids),
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
