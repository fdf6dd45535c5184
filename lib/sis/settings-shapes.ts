/**
 * The shapes of an SIS connection and of the admin's export rules, shared by storage
 * (lib/settings), the managed policy and the messaging protocol. Shapes only: nothing here reads
 * storage, so the protocol can use them without pulling settings code into the content script.
 */
import {
  ONEROSTER_VERSIONS,
  type OneRosterVersion,
  SCORE_DATE_FORMATS,
} from '../oneroster/version';
import { z } from '../zod';
import { AuthModeSchema, PartnerIdSchema } from './partners';

export const OneRosterVersionSchema = z.enum(ONEROSTER_VERSIONS);
export const ScoreDateFormatSchema = z.enum(SCORE_DATE_FORMATS);

export const SignatureMethodSchema = z.enum(['HMAC-SHA256', 'HMAC-SHA1']);
export type SignatureMethod = z.infer<typeof SignatureMethodSchema>;

/** Long enough for any real URL or key, short enough that storage cannot be flooded. */
const Text = z.string().check(z.maxLength(2048));
const RequiredText = Text.check(z.minLength(1));

/**
 * A connection as the admin set it up, without secrets: what is needed, with the secret code,
 * to sign requests to the SIS. URLs are already normalised (lib/sis/connection-draft.ts).
 */
export const ConnectionFieldsSchema = z.object({
  partner: PartnerIdSchema,
  hostUrl: RequiredText,
  authMode: AuthModeSchema,
  /** OAuth 1.0a consumer key, or OAuth 2 client ID. */
  accessKey: RequiredText,
  /** OAuth 2 only, kept exactly as entered (Infinite Campus needs its `?appName=`). */
  tokenUrl: z.optional(RequiredText),
  /** OAuth 1.0a only. */
  signatureMethod: z.optional(SignatureMethodSchema),
  /**
   * The OneRoster version the connection speaks; absent in connections saved before 1.2 was
   * supported, which are 1.1. Read it with {@link connectionVersion}.
   */
  version: z.optional(OneRosterVersionSchema),
  /** 1.2 only: the gradebook service base when it is not the one derived from the Host URL. */
  gradebookUrl: z.optional(RequiredText),
  /** 1.2 only: how results' scoreDate is written; absent is the spec's date. */
  scoreDateFormat: z.optional(ScoreDateFormatSchema),
});
export type ConnectionFields = z.infer<typeof ConnectionFieldsSchema>;

/** The OneRoster version of a connection; one saved before versions existed is 1.1. */
export function connectionVersion(fields: { version?: OneRosterVersion }): OneRosterVersion {
  return fields.version ?? '1.1';
}

/** A grading category offered as the default for new line items. */
export const CategoryOptionSchema = z.object({
  sourcedId: z.string().check(z.minLength(1), z.maxLength(256)),
  title: z.string().check(z.maxLength(256)),
});
export type CategoryOption = z.infer<typeof CategoryOptionSchema>;

/** The largest title limit an admin may set; longer limits mean "no limit" in practice. */
export const MAX_TITLE_LIMIT = 1000;

/** How exports treat coursework by default (the admin's rules; teachers see them in the panel). */
export const ExportDefaultsSchema = z.object({
  /** Category for new line items; null lets the SIS decide. */
  categoryId: z.nullable(z.string().check(z.minLength(1), z.maxLength(256))),
  /** Also export draft grades; by default only returned grades are exported. */
  exportDrafts: z.boolean(),
  /** Missing work: not sent, or sent as a score of 0. */
  missingWork: z.enum(['skip', 'zero']),
  /** Titles are cut to this length; null: no limit; absent: the SIS profile's limit. */
  titleLimit: z.optional(z.nullable(z.number().check(z.int(), z.gte(1), z.lte(MAX_TITLE_LIMIT)))),
});
export type ExportDefaults = z.infer<typeof ExportDefaultsSchema>;

export const DEFAULT_EXPORT_DEFAULTS: ExportDefaults = {
  categoryId: null,
  exportDrafts: false,
  missingWork: 'skip',
};

/** Settings a district policy can set; each one it sets is read-only on the page. */
export const ManagedFieldSchema = z.enum([
  'partner',
  'hostUrl',
  'authMode',
  'accessKey',
  'secret',
  'tokenUrl',
  'vendorAuthorization',
  'signatureMethod',
  'oneRosterVersion',
  'gradebookUrl',
  'scoreDateFormat',
  'exportEnabled',
  'allowTeacherOverride',
  'categoryId',
  'exportDrafts',
  'missingWork',
  'titleLimit',
  'googleClientId',
]);
export type ManagedField = z.infer<typeof ManagedFieldSchema>;

/** Where a secret comes from: nowhere yet, this browser's storage, or the district policy. */
export const SecretStateSchema = z.enum(['none', 'saved', 'managed']);
export type SecretState = z.infer<typeof SecretStateSchema>;
