/** startSandbox options, their defaults and the seeded credentials. */
import type { AuthSetting } from './auth.ts';
import { currentSchoolYear } from './district.ts';
import type { Faults } from './faults.ts';
import type { SignatureMethod } from './oauth1-signature.ts';
import { createPrng } from './prng.ts';

export interface Credentials {
  oauth1: { consumerKey: string; consumerSecret: string };
  oauth2: { clientId: string; clientSecret: string };
}

export interface SandboxOptions {
  /** 0 (default) picks a free port. The server always binds 127.0.0.1. */
  port?: number;
  /** Vendor-like path prefix, default "/api/ims/oneroster/v1p1" (Skyward's shape). */
  prefix?: string;
  /** OAuth 2 token path, default "/oauth/token"; any query (e.g. IC's ?appName=) is ignored. */
  tokenPath?: string;
  /** Which auth the API accepts (default both); can be changed later with setAuth. */
  auth?: AuthSetting;
  /** OAuth 1.0a signature methods accepted (default both HMAC-SHA256 and HMAC-SHA1). */
  signatureMethods?: SignatureMethod[];
  /** expires_in of issued bearer tokens (default 3600). */
  tokenTtlSeconds?: number;
  seed?: number;
  students?: number;
  classes?: number;
  /** Students enrolled per class (default: seeded 18–28). */
  classSize?: number;
  /** Year the school year ends in; default: the school year containing today. */
  schoolYear?: number;
  faults?: Partial<Faults>;
  /** Clock in ms since epoch (default Date.now): tests move it to expire tokens or skew OAuth 1. */
  now?: () => number;
  /** Override the OpenAPI location (default: env ONEROSTER_OPENAPI, then ../shared/...). */
  openApiPath?: string;
  /** The 1.2 gradebook OpenAPI (default: env ONEROSTER_OPENAPI_V1P2, then ../shared/...). */
  openApiV1p2Path?: string;
  credentials?: Partial<Credentials>;
  /**
   * Infinite Campus app name in the 1.2 paths (`/campus/api/oneroster/v1p2/<appName>/…`) and the
   * token URL's `?appName=` (default "riverside").
   */
  appName?: string;
  /**
   * How 1.2 PUT bodies are validated (default strict): `strict` = the published 1.2 gradebook
   * schema; `relaxed` = also what Google's 1.2 conformance notebook sends. See openapi.ts.
   */
  v1p2Mode?: V1p2Mode;
  /**
   * When set, every gradebook request (1.1 gradebook paths, the 1.2 gradebook service) must carry
   * `x-vendor-authorization: <this value>` (IC's `vendorKey:vendorSecret`), else 401.
   */
  vendorAuthorization?: string;
}

export type V1p2Mode = 'strict' | 'relaxed';

type Optional = 'faults' | 'openApiPath' | 'openApiV1p2Path' | 'classSize' | 'vendorAuthorization';

export type ResolvedOptions = Required<Omit<SandboxOptions, Optional | 'credentials'>> &
  Pick<SandboxOptions, Optional> & { credentials: Credentials };

export const DEFAULT_PREFIX = '/api/ims/oneroster/v1p1';

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  return {
    port: options.port ?? 0,
    prefix: (options.prefix ?? DEFAULT_PREFIX).replace(/\/+$/, ''),
    tokenPath: options.tokenPath ?? '/oauth/token',
    auth: options.auth ?? 'both',
    signatureMethods: options.signatureMethods ?? ['HMAC-SHA256', 'HMAC-SHA1'],
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    seed,
    students: options.students ?? 60,
    classes: options.classes ?? 8,
    classSize: options.classSize,
    schoolYear: options.schoolYear ?? currentSchoolYear(new Date(now())),
    now,
    faults: options.faults,
    openApiPath: options.openApiPath,
    openApiV1p2Path: options.openApiV1p2Path,
    appName: options.appName ?? 'riverside',
    v1p2Mode: options.v1p2Mode ?? 'strict',
    vendorAuthorization: options.vendorAuthorization,
    credentials: {
      oauth1: { ...seededCredentials(seed).oauth1, ...options.credentials?.oauth1 },
      oauth2: { ...seededCredentials(seed).oauth2, ...options.credentials?.oauth2 },
    },
  };
}

/**
 * Stable per seed, so a demo's settings survive restarts. The OAuth 1 secret contains !*() on
 * purpose: the signing key is enc(secret)&, and RFC 3986 encodes those characters where
 * encodeURIComponent does not — a classic signer bug this catches. OAuth 2 secrets stay
 * unreserved, because few clients form-encode Basic credentials as RFC 6749 asks.
 */
export function seededCredentials(seed: number): Credentials {
  const prng = createPrng((seed ^ 0xc4ed) >>> 0);
  return {
    oauth1: {
      consumerKey: `riverside-sandbox-${prng.hex(8)}`,
      consumerSecret: `${prng.hex(24)}!*()`,
    },
    oauth2: {
      clientId: `riverside-client-${prng.hex(8)}`,
      clientSecret: `${prng.hex(16)}-${prng.hex(16)}_~`,
    },
  };
}
