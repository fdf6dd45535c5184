/** Public surface of the sandbox SIS for tests, e2e runs and benchmarks. */
export type { AuthSetting } from './auth.ts';
export { generateDistrict } from './district.ts';
export { type Faults, NO_FAULTS, type RateLimit } from './faults.ts';
export type * from './model.ts';
export type { Credentials, SandboxOptions } from './options.ts';
export type { RequestLog, RequestLogEntry } from './request-log.ts';
export { type Sandbox, startSandbox } from './server.ts';
