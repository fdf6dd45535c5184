/**
 * The district policy: values a Google Admin console pushes to every teacher's browser through
 * `chrome.storage.managed`, described for Chrome by public/managed-schema.json. Chrome already
 * drops values that fail that schema; this module checks again with zod (policy is input too)
 * and drops what still does not fit, key by key, so one bad value cannot void the whole policy.
 */
import { GoogleClientIdSchema } from '../google/client-id';
import { AuthModeSchema, PartnerIdSchema } from '../sis/partners';
import {
  type ConnectionFields,
  type ExportDefaults,
  MAX_TITLE_LIMIT,
  OneRosterVersionSchema,
  ScoreDateFormatSchema,
  SignatureMethodSchema,
} from '../sis/settings-shapes';
import { z } from '../zod';

const Text = z.string().check(z.trim(), z.minLength(1), z.maxLength(4096));

/** Each policy key with its schema; names match public/managed-schema.json exactly. */
export const POLICY_KEYS = {
  sisPartner: PartnerIdSchema,
  hostUrl: Text,
  authMode: AuthModeSchema,
  accessKey: Text,
  secretCode: Text,
  tokenUrl: Text,
  vendorAuthorization: Text,
  signatureMethod: SignatureMethodSchema,
  /** Absent: 1.1, as before versions existed. */
  oneRosterVersion: OneRosterVersionSchema,
  /** 1.2 only: the gradebook base when it is not the one derived from hostUrl. */
  gradebookUrl: Text,
  /** 1.2 only: result scoreDate as `date` (the spec's) or `date-time`. */
  scoreDateFormat: ScoreDateFormatSchema,
  exportEnabled: z.boolean(),
  allowTeacherOverride: z.boolean(),
  defaultCategoryId: Text.check(z.maxLength(256)),
  exportDraftGrades: z.boolean(),
  missingWork: z.enum(['skip', 'zero']),
  /** 0 means "no limit" (a policy cannot hold null). */
  titleLimit: z.number().check(z.int(), z.gte(0), z.lte(MAX_TITLE_LIMIT)),
  /** The school's Google OAuth client for reading Classroom through its API. */
  googleClientId: GoogleClientIdSchema,
  lockSettings: z.boolean(),
} as const;

export type PolicyKey = keyof typeof POLICY_KEYS;
export const ManagedPolicySchema = z.partial(z.object(POLICY_KEYS));
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>;

/** Keeps every key that passes its schema; unknown and invalid keys are dropped with a warning. */
export function parseManagedPolicy(raw: unknown): ManagedPolicy {
  if (typeof raw !== 'object' || raw === null) return {};
  const policy: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const schema = (POLICY_KEYS as Record<string, z.ZodMiniType>)[key];
    const parsed = schema?.safeParse(value);
    if (parsed?.success) policy[key] = parsed.data;
    else dropped.push(key);
  }
  // Key names only: a value may be the secret code.
  if (dropped.length > 0) console.warn(`[sis-export] policy keys ignored: ${dropped.join(', ')}`);
  // Kept as set, so Authorize refuses it beside the sign-in method (connection-draft.ts).
  if (policy.oneRosterVersion === '1.2' && policy.authMode === 'oauth1') {
    console.warn('[sis-export] policy invalid: oneRosterVersion 1.2 needs authMode oauth2');
  }
  return policy as ManagedPolicy;
}

/**
 * The policy in force; `{}` when there is none. Chrome answers `{}` without a policy and rejects
 * when managed storage is unavailable (no schema, other browsers): both mean "no policy".
 */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get(null);
  } catch {
    return {};
  }
  return parseManagedPolicy(raw);
}

/*
 * "Download policy": the settings on the options page as the JSON the Google Admin console takes
 * for an extension (Devices → Chrome → Apps & extensions → the extension → "Policy for
 * extensions"): each key of public/managed-schema.json with its value wrapped as {"Value": …}.
 * Chrome then hands the values to every managed browser's chrome.storage.managed.
 */
export interface PolicyInput {
  /** The connection as Authorize would use it (already checked and normalised). */
  connection: ConnectionFields;
  /**
   * Only when the admin ticked "Include the secret code": anyone who can open chrome://policy on
   * a managed browser can read policy values.
   */
  secrets?: { secret?: string; vendorAuthorization?: string };
  exportEnabled: boolean;
  allowTeacherOverride: boolean;
  exportDefaults: ExportDefaults;
  /** The Google OAuth client id in force; absent when none is set. */
  googleClientId?: string;
  lockSettings: boolean;
}

export type AdminConsolePolicy = Partial<Record<PolicyKey, { Value: unknown }>>;

export function buildPolicy(input: PolicyInput): ManagedPolicy {
  const { connection, secrets, exportDefaults } = input;
  const policy: ManagedPolicy = {
    sisPartner: connection.partner,
    hostUrl: connection.hostUrl,
    authMode: connection.authMode,
    accessKey: connection.accessKey,
    tokenUrl: connection.tokenUrl,
    signatureMethod: connection.signatureMethod,
    oneRosterVersion: connection.version,
    gradebookUrl: connection.gradebookUrl,
    scoreDateFormat: connection.scoreDateFormat,
    secretCode: secrets?.secret,
    vendorAuthorization: secrets?.vendorAuthorization,
    exportEnabled: input.exportEnabled,
    allowTeacherOverride: input.allowTeacherOverride,
    defaultCategoryId: exportDefaults.categoryId ?? undefined,
    exportDraftGrades: exportDefaults.exportDrafts,
    missingWork: exportDefaults.missingWork,
    // A policy cannot hold null: 0 stands for "no limit".
    titleLimit:
      exportDefaults.titleLimit === undefined ? undefined : (exportDefaults.titleLimit ?? 0),
    googleClientId: input.googleClientId,
    lockSettings: input.lockSettings,
  };
  return Object.fromEntries(
    Object.entries(policy).filter(([, value]) => value !== undefined),
  ) as ManagedPolicy;
}

/** The policy in the Admin console's format. */
export function toAdminConsoleJson(policy: ManagedPolicy): AdminConsolePolicy {
  return Object.fromEntries(
    Object.entries(policy).map(([key, value]) => [key, { Value: value }]),
  ) as AdminConsolePolicy;
}
