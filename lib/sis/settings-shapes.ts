/**
 * The shapes of an SIS connection and of the admin's export rules, shared by storage
 * (lib/settings), the managed policy and the messaging protocol. Shapes only: nothing here reads
 * storage, so the protocol can use them without pulling settings code into the content script.
 */
import { z } from 'zod';
import { AuthModeSchema, PartnerIdSchema } from './partners';

export const SignatureMethodSchema = z.enum(['HMAC-SHA256', 'HMAC-SHA1']);
export type SignatureMethod = z.infer<typeof SignatureMethodSchema>;

/** Long enough for any real URL or key, short enough that storage cannot be flooded. */
const Text = z.string().max(2048);

/**
 * A connection as the admin set it up, without secrets: what is needed, with the secret code,
 * to sign requests to the SIS. URLs are already normalised (lib/sis/host-url).
 */
export const ConnectionFieldsSchema = z.object({
  partner: PartnerIdSchema,
  hostUrl: Text.min(1),
  authMode: AuthModeSchema,
  /** OAuth 1.0a consumer key, or OAuth 2 client ID. */
  accessKey: Text.min(1),
  /** OAuth 2 only, kept exactly as entered (Infinite Campus needs its `?appName=`). */
  tokenUrl: Text.min(1).optional(),
  /** OAuth 1.0a only. */
  signatureMethod: SignatureMethodSchema.optional(),
});
export type ConnectionFields = z.infer<typeof ConnectionFieldsSchema>;

/** A grading category offered as the default for new line items. */
export const CategoryOptionSchema = z.object({
  sourcedId: z.string().min(1).max(256),
  title: z.string().max(256),
});
export type CategoryOption = z.infer<typeof CategoryOptionSchema>;

/** The largest title limit an admin may set; longer limits mean "no limit" in practice. */
export const MAX_TITLE_LIMIT = 1000;

/** How exports treat coursework by default (the admin's rules; teachers see them in the panel). */
export const ExportDefaultsSchema = z.object({
  /** Category for new line items; null lets the SIS decide. */
  categoryId: z.string().min(1).max(256).nullable(),
  /** Also export draft grades; by default only returned grades are exported. */
  exportDrafts: z.boolean(),
  /** Missing work: not sent, or sent as a score of 0. */
  missingWork: z.enum(['skip', 'zero']),
  /** Titles are cut to this length; null: no limit; absent: the SIS profile's limit. */
  titleLimit: z.number().int().min(1).max(MAX_TITLE_LIMIT).nullable().optional(),
});
export type ExportDefaults = z.infer<typeof ExportDefaultsSchema>;

export const DEFAULT_EXPORT_DEFAULTS: ExportDefaults = {
  categoryId: null,
  exportDrafts: false,
  missingWork: 'skip',
};
