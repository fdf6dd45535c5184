/**
 * The typed OneRoster 1.1 client the background service worker uses to talk to one SIS.
 *
 * Every request goes through the connection's Authenticator with the exact URL that is fetched,
 * every answer is zod-parsed, paging is handled once, and every failure is a typed
 * OneRosterError (see errors.ts; `describeOneRosterError` for user-facing text).
 */

import { connectionEndpoints } from './connection';
import { gradebookReadEndpoints } from './gradebook-reads';
import { gradebookWriteEndpoints } from './gradebook-writes';
import { type ClientContext, createClientContext, type OneRosterClientOptions } from './request';
import { rosteringEndpoints } from './rostering';

export type { ConnectionInfo } from './connection';
export type { ClassCategories } from './gradebook-reads';
export type { DeleteOutcome, PutOutcome } from './gradebook-writes';
export type { CallOptions, OneRosterClientOptions } from './request';

/**
 * A client for one SIS connection. Functions: checkConnection, findTeachersByEmail,
 * listClassesForTeacher, getClass, listStudentsForClass, getAcademicSession,
 * listGradingPeriodsForTerm,
 * listCategories, listCategoriesForClass, listLineItemsForClass, listResultsForClass,
 * listResultsForLineItem, putLineItem, putResult, deleteLineItem, deleteResult.
 * Throws TypeError/RangeError at once for an unusable Base URL or option.
 */
export function createOneRosterClient(options: OneRosterClientOptions) {
  const ctx: ClientContext = createClientContext(options);
  return {
    /** The normalised Base URL (trailing slash) all request URLs start with. */
    baseUrl: ctx.base,
    ...connectionEndpoints(ctx),
    ...rosteringEndpoints(ctx),
    ...gradebookReadEndpoints(ctx),
    ...gradebookWriteEndpoints(ctx),
  };
}

/** The client's type, for handlers and the export engine. */
export type OneRosterClient = ReturnType<typeof createOneRosterClient>;
