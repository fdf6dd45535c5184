/**
 * The outcomes of the options page's live Google check, apart from lib/google/check-access.ts so
 * the pages (which parse the reply) do not bundle the sign-in code.
 */
import { z } from '../zod';

export const GoogleCheckOutcomeSchema = z.enum([
  'ok',
  /** The sign-in itself failed (see `code` and `oauthError`). */
  'sign-in',
  /** 403: Classroom API data access is off for the account's domain or OU. */
  'api-disabled',
  /** 403: the Cloud project of the client has not enabled the Classroom API. */
  'project-disabled',
  /** 403: the token lacks a scope. */
  'scope-missing',
  /** 401 for a token just issued. */
  'token-rejected',
  'http',
  'network',
  'unreadable',
]);
export type GoogleCheckOutcome = z.infer<typeof GoogleCheckOutcomeSchema>;
