/** Public surface of the fake Google (sign-in + Classroom API) for tests, e2e runs, demo and bench. */
export type { Account } from './api.ts';
export type { GoogleErrorBody } from './errors.ts';
export { type GoogleFaults, NO_GOOGLE_FAULTS } from './faults.ts';
export * from './model.ts';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, STUDENTS_DEFAULT_PAGE_SIZE } from './paging.ts';
export type { GoogleRequestLog, GoogleRequestLogEntry } from './request-log.ts';
export { READ_ONLY_SCOPES, SCOPES } from './scopes.ts';
export {
  type FakeGoogle,
  type FakeGoogleOptions,
  type SubmissionPatch,
  startFakeGoogle,
} from './server.ts';
export type { IssuedToken } from './tokens.ts';
