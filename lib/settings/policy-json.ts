/**
 * "Download policy": the settings on the options page as the JSON the Google Admin console takes
 * for an extension (Devices → Chrome → Apps & extensions → the extension → "Policy for
 * extensions"): each key of public/managed-schema.json with its value wrapped as {"Value": …}.
 * Chrome then hands the values to every managed browser's chrome.storage.managed.
 */
import type { ConnectionFields, ExportDefaults } from '../sis/settings-shapes';
import type { ManagedPolicy, PolicyKey } from './managed-policy';

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
