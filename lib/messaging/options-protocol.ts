/**
 * Replies of the options page's messages (see PROTOCOL in protocol.ts). Secrets never appear in
 * them: the page learns only whether a secret is saved here or set by policy.
 */
import { AuthModeSchema, PartnerIdSchema } from '../sis/partners';
import {
  CategoryOptionSchema,
  ExportDefaultsSchema,
  SignatureMethodSchema,
} from '../sis/settings-shapes';
import { z } from '../zod';

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
  'exportEnabled',
  'allowTeacherOverride',
  'categoryId',
  'exportDrafts',
  'missingWork',
  'titleLimit',
]);
export type ManagedField = z.infer<typeof ManagedFieldSchema>;

/** Where a secret comes from: nowhere yet, this browser's storage, or the district policy. */
export const SecretStateSchema = z.enum(['none', 'saved', 'managed']);
export type SecretState = z.infer<typeof SecretStateSchema>;

/** The teacher permissions to change; the page sends only those the policy does not set. */
export const TeacherPermissionSchema = z.strictObject({
  exportEnabled: z.optional(z.boolean()),
  allowTeacherOverride: z.optional(z.boolean()),
});

/** The last successful Authorize. */
export const AuthorizedConnectionSchema = z.object({
  partner: PartnerIdSchema,
  hostUrl: z.string(),
  /** With hostUrl, what a saved secret is bound to: changing one asks for the secret again. */
  tokenUrl: z.optional(z.string()),
  accessKey: z.optional(z.string()),
  authMode: z.optional(AuthModeSchema),
  orgName: z.optional(z.string()),
  /** ISO date-time of the check. */
  verifiedAt: z.string(),
  clockSkewMs: z.optional(z.number()),
  categories: z.nullable(z.array(CategoryOptionSchema)),
});

export const AdminStateSchema = z.object({
  storageTrusted: z.boolean(),
  connected: z.boolean(),
  exportAllowed: z.boolean(),
  managed: z.object({
    /** A district policy sets at least one value. */
    active: z.boolean(),
    /** The policy's lockSettings: permission, export rules and Disconnect are locked too. */
    locked: z.boolean(),
    fields: z.array(ManagedFieldSchema),
  }),
  /** The connection form's values: the policy's over this browser's saved ones. */
  form: z.object({
    partner: z.optional(PartnerIdSchema),
    hostUrl: z.optional(z.string()),
    authMode: z.optional(AuthModeSchema),
    accessKey: z.optional(z.string()),
    tokenUrl: z.optional(z.string()),
    signatureMethod: z.optional(SignatureMethodSchema),
  }),
  secret: SecretStateSchema,
  vendorAuthorization: SecretStateSchema,
  connection: z.nullable(AuthorizedConnectionSchema),
  /** A saved connection that the policy has since changed: it must be authorized again. */
  needsAuthorize: z.boolean(),
  /**
   * Connected, but this browser no longer lets the extension reach the SIS's address (taken back
   * in Chrome's site access menu): Authorize asks for it again.
   */
  hostAccessMissing: z.boolean(),
  exportEnabled: z.boolean(),
  /** Teachers may choose another SIS teacher's classes (every such export is in the history). */
  allowTeacherOverride: z.boolean(),
  /** The rules in force (policy over saved), with the SIS profile's title limit filled in. */
  exportDefaults: ExportDefaultsSchema,
});
export type AdminState = z.infer<typeof AdminStateSchema>;

export const AuthorizeReplySchema = z.object({
  orgName: z.optional(z.string()),
  /** Set when OAuth 1.0a requests are corrected for the SIS's clock. */
  clockSkewMs: z.optional(z.number()),
  /** False when the SIS did not list grading categories. */
  categoriesListed: z.boolean(),
  state: AdminStateSchema,
});

export const DisconnectRequestSchema = z.strictObject({
  /**
   * Also delete the grades kept in this browser: unfinished export journals and each class's
   * last-sent grades (history summaries, class links and student matches stay either way).
   */
  deleteGradeData: z.boolean(),
});

export const DisconnectReplySchema = z.object({
  /** False when the browser kept the host permission (e.g. a test build that pre-grants it). */
  hostAccessRevoked: z.boolean(),
  /** The grades kept in this browser were deleted as asked. */
  gradeDataDeleted: z.boolean(),
  state: AdminStateSchema,
});
