/** Public surface of the sandbox SIS for tests, e2e runs and benchmarks. */
export type { AuthSetting } from './auth.ts';
export { generateDistrict } from './district.ts';
export { type Faults, NO_FAULTS, type RateLimit } from './faults.ts';
export type { GradebookInspector } from './inspect.ts';
export type * from './model.ts';
export type { Credentials, SandboxOptions, V1p2Mode } from './options.ts';
export { userGuid } from './present-v1p2.ts';
export type { RequestLog, RequestLogEntry } from './request-log.ts';
export { type OneRoster12Urls, type Sandbox, startSandbox } from './server.ts';
