/**
 * The settings in force: the district policy's values over this browser's saved ones. Pure, so
 * every rule (managed values win, a policy change needs a new Authorize, export needs a
 * connection and the teacher permission) is unit-tested without a browser.
 */
import { RequestError } from '../errors';
import { buildGoogleClientId } from '../google/client-id';
import { t } from '../i18n/t';
import { bindingChanges, checkHostUrl } from '../sis/connection-draft';
import { authModeFor, type PartnerId, partnerProfile } from '../sis/partners';
import {
  type ConnectionFields,
  connectionVersion,
  type ExportDefaults,
  type ManagedField,
  type SecretState,
} from '../sis/settings-shapes';
import {
  connectionSetting,
  exportDefaultsSetting,
  type GoogleAccessSetting,
  googleAccessSetting,
  type StoredConnection,
  type StoredCredentials,
  teacherPermissionSetting,
} from './items';
import { type ManagedPolicy, type PolicyKey, readManagedPolicy } from './managed-policy';
import { readCredentials } from './secrets';

/** Everything this browser has saved. */
export interface StoredSettings {
  connection: StoredConnection | null;
  credentials: StoredCredentials;
  teacherPermission: { exportEnabled: boolean; allowTeacherOverride?: boolean };
  exportDefaults: ExportDefaults;
  /** The admin's Google setup; absent reads as nothing saved. */
  googleAccess?: GoogleAccessSetting;
}

/** Where the Google client id in force comes from. */
export type GoogleClientIdSource = 'policy' | 'saved' | 'build';

export interface ResolvedSettings {
  /** Connection values to show and to use: the policy's over the saved connection's. */
  form: Partial<ConnectionFields>;
  /** The connection values the policy sets; they override whatever a page sends. */
  policyConnection: Partial<ConnectionFields>;
  managed: { active: boolean; locked: boolean; fields: ManagedField[] };
  secret: string | undefined;
  secretState: SecretState;
  vendorAuthorization: string | undefined;
  vendorAuthorizationState: SecretState;
  /** The last authorized connection (even when the policy has changed since). */
  connection: StoredConnection | null;
  /** Authorized, still what the policy says, and a secret code is available. */
  connected: boolean;
  /** Authorized once, but the policy changed the connection since. */
  needsAuthorize: boolean;
  exportEnabled: boolean;
  /** Teachers may work with another SIS teacher's classes (the admin's override; off by default). */
  teacherOverrideAllowed: boolean;
  /** Rules in force; titleLimit always filled in (null: no limit). */
  exportDefaults: ExportDefaults;
  exportAllowed: boolean;
  /**
   * The Google OAuth client id in force: the policy's, else the admin's, else the build's
   * default; `managed` when the policy sets it (the page shows it read-only).
   */
  google: { clientId?: string; managed: boolean; source?: GoogleClientIdSource };
}

/** Policy key → the page field it fills. */
const FIELD_OF: Record<Exclude<PolicyKey, 'lockSettings'>, ManagedField> = {
  sisPartner: 'partner',
  hostUrl: 'hostUrl',
  authMode: 'authMode',
  accessKey: 'accessKey',
  secretCode: 'secret',
  tokenUrl: 'tokenUrl',
  vendorAuthorization: 'vendorAuthorization',
  signatureMethod: 'signatureMethod',
  oneRosterVersion: 'oneRosterVersion',
  gradebookUrl: 'gradebookUrl',
  scoreDateFormat: 'scoreDateFormat',
  exportEnabled: 'exportEnabled',
  allowTeacherOverride: 'allowTeacherOverride',
  defaultCategoryId: 'categoryId',
  exportDraftGrades: 'exportDrafts',
  missingWork: 'missingWork',
  titleLimit: 'titleLimit',
  googleClientId: 'googleClientId',
};

/** The policy's connection values, normalised the way Authorize stores them. */
export function policyConnectionFields(
  policy: ManagedPolicy,
  saved: StoredConnection | null,
): Partial<ConnectionFields> {
  const partner: PartnerId | undefined = policy.sisPartner ?? saved?.partner;
  const host = policy.hostUrl === undefined ? undefined : checkHostUrl(policy.hostUrl);
  const gradebook =
    policy.gradebookUrl === undefined ? undefined : checkHostUrl(policy.gradebookUrl);
  const fields: Partial<ConnectionFields> = {
    partner: policy.sisPartner,
    // An invalid policy URL is kept as is, so the page shows it beside its error.
    hostUrl: host && (host.ok ? host.url : policy.hostUrl),
    authMode: policy.authMode && authModeFor(partner ?? 'other', policy.authMode),
    accessKey: policy.accessKey,
    tokenUrl: policy.tokenUrl,
    signatureMethod: policy.signatureMethod,
    version: policy.oneRosterVersion,
    gradebookUrl: gradebook && (gradebook.ok ? gradebook.url : policy.gradebookUrl),
    scoreDateFormat: policy.scoreDateFormat,
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<ConnectionFields>;
}

/** The first value that is set; null counts as set ("no limit"). */
function firstDefined<T>(...values: Array<T | undefined>): T {
  return values.find((value) => value !== undefined) as T;
}

function matchesPolicy(saved: StoredConnection, policyFields: Partial<ConnectionFields>): boolean {
  return Object.entries(policyFields).every(([key, value]) => {
    // A token URL or signature method only counts for the sign-in method that uses it.
    if (key === 'tokenUrl' && saved.authMode !== 'oauth2') return true;
    if (key === 'signatureMethod' && saved.authMode !== 'oauth1') return true;
    // A connection saved before versions existed is 1.1; the 1.2 options count only on 1.2.
    if (key === 'version') return connectionVersion(saved) === value;
    const on12 = connectionVersion(saved) === '1.2';
    if ((key === 'gradebookUrl' || key === 'scoreDateFormat') && !on12) return true;
    return saved[key as keyof ConnectionFields] === value;
  });
}

const secretState = (policyValue?: string, savedValue?: string): SecretState =>
  policyValue ? 'managed' : savedValue ? 'saved' : 'none';

function resolveGoogle(
  policy: ManagedPolicy,
  saved: GoogleAccessSetting | undefined,
  buildClientId: string | undefined,
): ResolvedSettings['google'] {
  if (policy.googleClientId) {
    return { clientId: policy.googleClientId, managed: true, source: 'policy' };
  }
  if (saved?.clientId) return { clientId: saved.clientId, managed: false, source: 'saved' };
  if (buildClientId) return { clientId: buildClientId, managed: false, source: 'build' };
  return { managed: false };
}

/** `buildClientId`: the build's default Google client id (injectable for tests). */
export function resolveSettings(
  stored: StoredSettings,
  policy: ManagedPolicy,
  buildClientId: string | undefined = buildGoogleClientId(),
): ResolvedSettings {
  const { connection, credentials } = stored;
  const policyConnection = policyConnectionFields(policy, connection);
  const savedFields: Partial<ConnectionFields> = connection
    ? {
        partner: connection.partner,
        hostUrl: connection.hostUrl,
        authMode: connection.authMode,
        accessKey: connection.accessKey,
        tokenUrl: connection.tokenUrl,
        signatureMethod: connection.signatureMethod,
        version: connection.version,
        gradebookUrl: connection.gradebookUrl,
        scoreDateFormat: connection.scoreDateFormat,
      }
    : {};
  const form = { ...savedFields, ...policyConnection };
  const secret = policy.secretCode ?? credentials.secret;
  // A policy's secret (or vendor authorization) goes only to the policy's own URLs: a
  // connection authorized elsewhere, before the policy set it, must not carry it there.
  const policySecretsBound =
    (!policy.secretCode && !policy.vendorAuthorization) ||
    (connection !== null && bindingChanges(policyConnection, connection).length === 0);
  const matches =
    connection !== null && matchesPolicy(connection, policyConnection) && policySecretsBound;
  const connected = matches && secret !== undefined;
  const exportEnabled = policy.exportEnabled ?? stored.teacherPermission.exportEnabled;
  const partnerLimit = partnerProfile(form.partner ?? 'other').titleLimit;
  const policyLimit = policy.titleLimit === 0 ? null : policy.titleLimit;
  const saved = stored.exportDefaults;

  return {
    form,
    policyConnection,
    managed: {
      active: Object.keys(policy).length > 0,
      locked: policy.lockSettings === true,
      fields: Object.keys(policy).flatMap((key) => {
        const field = FIELD_OF[key as keyof typeof FIELD_OF];
        return field ? [field] : [];
      }),
    },
    secret,
    secretState: secretState(policy.secretCode, credentials.secret),
    vendorAuthorization: policy.vendorAuthorization ?? credentials.vendorAuthorization,
    vendorAuthorizationState: secretState(
      policy.vendorAuthorization,
      credentials.vendorAuthorization,
    ),
    connection,
    connected,
    needsAuthorize: connection !== null && !matches,
    exportEnabled,
    teacherOverrideAllowed:
      policy.allowTeacherOverride ?? stored.teacherPermission.allowTeacherOverride ?? false,
    exportDefaults: {
      categoryId: policy.defaultCategoryId ?? saved.categoryId,
      exportDrafts: policy.exportDraftGrades ?? saved.exportDrafts,
      missingWork: policy.missingWork ?? saved.missingWork,
      titleLimit: firstDefined(policyLimit, saved.titleLimit, partnerLimit),
    },
    exportAllowed: connected && exportEnabled,
    google: resolveGoogle(policy, stored.googleAccess, buildClientId),
  };
}

/*
 * Reads everything saved plus the district policy and resolves the settings in force. Reads the
 * secrets, so, like secrets.ts, only the background may import it.
 */
export type PolicyReader = () => Promise<ManagedPolicy>;

export async function readStoredSettings(): Promise<StoredSettings> {
  const [connection, credentials, teacherPermission, exportDefaults, googleAccess] =
    await Promise.all([
      connectionSetting.get(),
      readCredentials(),
      teacherPermissionSetting.get(),
      exportDefaultsSetting.get(),
      googleAccessSetting.get(),
    ]);
  return { connection, credentials, teacherPermission, exportDefaults, googleAccess };
}

/** The settings in force. `readPolicy` is injectable because tests cannot set real policy. */
export async function readSettings(
  readPolicy: PolicyReader = readManagedPolicy,
): Promise<ResolvedSettings> {
  const [stored, policy] = await Promise.all([readStoredSettings(), readPolicy()]);
  return resolveSettings(stored, policy);
}

/*
 * The background's own check before it links a class or exports: hidden buttons in the panel are
 * not a permission check. Teachers may export only while an SIS is connected AND the admin's
 * "Enable export of coursework and grades" is on (Google's admin article: with it off, teachers
 * can neither link classes nor export).
 */
/** Why exporting is refused, or null when it is allowed. */
export function exportRefusal(
  settings: Pick<ResolvedSettings, 'connected' | 'exportEnabled'>,
): RequestError | null {
  if (!settings.connected) return new RequestError('not-connected', t('errorNotConnected'));
  if (!settings.exportEnabled) return new RequestError('export-disabled', t('errorExportDisabled'));
  return null;
}
