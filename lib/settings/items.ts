/**
 * Every value the extension keeps in storage, in one place. All live in `local:`, which the
 * background restricts to trusted contexts (background, options page) at every start, so the
 * Classroom content script can read none of them.
 *
 * The teacher workflow's items live beside it, in their own files: `local:classLinks`
 * (class-links.ts: Classroom class → SIS class) and `local:exportHistory:<courseId>`
 * (export-history.ts), and the engine's `local:exportJournal:<courseId>` (lib/export). Disconnect
 * deliberately leaves all of them alone, so a reconnect exports to the same line items.
 */
import { GoogleClientIdSchema } from '../google/client-id';
import {
  CategoryOptionSchema,
  ConnectionFieldsSchema,
  DEFAULT_EXPORT_DEFAULTS,
  ExportDefaultsSchema,
} from '../sis/settings-shapes';
import { isoDateTime, z } from '../zod';
import { defineSetting } from './define-setting';

/** A connection that passed Authorize, with what the check learned. */
export const StoredConnectionSchema = z.extend(ConnectionFieldsSchema, {
  orgName: z.optional(z.string().check(z.maxLength(512))),
  /** ISO date-time of the successful check. */
  verifiedAt: isoDateTime(),
  /** SIS clock minus ours (zod numbers are finite), applied when signing OAuth 1.0a requests. */
  clockSkewMs: z.optional(z.number()),
  /** OAuth 2 client authentication that worked, tried first next time. */
  clientAuth: z.optional(z.enum(['basic', 'body'])),
  /** Grading categories listed at Authorize; null when the SIS lists none. */
  categories: z.nullable(z.array(CategoryOptionSchema).check(z.maxLength(500))),
});
export type StoredConnection = z.infer<typeof StoredConnectionSchema>;

/**
 * The authorized SIS connection, without secrets; null when none. Written only after a
 * successful Authorize, deleted by Disconnect.
 */
export const connectionSetting = defineSetting<StoredConnection | null>('local:connection', {
  schema: z.nullable(StoredConnectionSchema),
  fallback: null,
  version: 1,
  migrations: {},
});

/** Secrets typed on the options page. Either may instead come from the district policy. */
export const StoredCredentialsSchema = z.object({
  /** OAuth 1.0a consumer secret or OAuth 2 client secret ("Secret code"). */
  secret: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  /** Infinite Campus `vendorKey:vendorSecret`. */
  vendorAuthorization: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
});
export type StoredCredentials = z.infer<typeof StoredCredentialsSchema>;

/**
 * The connection's secrets. Read and written ONLY through lib/settings/secrets.ts, which only the
 * background and the options page import (test/meta/architecture.test.ts checks both).
 */
export const credentialsSetting = defineSetting<StoredCredentials>('local:credentials', {
  schema: StoredCredentialsSchema,
  fallback: {},
  version: 1,
  migrations: {},
});

export const TeacherPermissionSettingSchema = z.object({
  exportEnabled: z.boolean(),
  /** Teachers may pick another SIS teacher's classes (lib/teacher/teacher-identity.ts); off if absent. */
  allowTeacherOverride: z.optional(z.boolean()),
});

/**
 * "Enable export of coursework and grades" and whether teachers may choose another SIS teacher.
 * Export is on unless an admin turned it off; Disconnect
 * deletes it, so it is on again after the next connect (as in Google's own admin page).
 */
export const teacherPermissionSetting = defineSetting('local:teacherPermission', {
  schema: TeacherPermissionSettingSchema,
  fallback: { exportEnabled: true },
  version: 1,
  migrations: {},
});

/** The admin's export rules. Kept across Disconnect: they describe the district, not the link. */
export const exportDefaultsSetting = defineSetting('local:exportDefaults', {
  schema: ExportDefaultsSchema,
  fallback: DEFAULT_EXPORT_DEFAULTS,
  version: 1,
  migrations: {},
});

export const GoogleAccessSettingSchema = z.object({
  /** The school's Google OAuth client id, as the admin saved it. */
  clientId: z.optional(GoogleClientIdSchema),
});
export type GoogleAccessSetting = z.infer<typeof GoogleAccessSettingSchema>;

/**
 * The admin's Google Classroom data setup. The district policy's `googleClientId` wins over it.
 * Kept across Disconnect: it concerns Google, not the SIS.
 */
export const googleAccessSetting = defineSetting<GoogleAccessSetting>('local:googleAccess', {
  schema: GoogleAccessSettingSchema,
  fallback: {},
  version: 1,
  migrations: {},
});

/*
 * Content scripts can read `storage.local` by default. The SIS secret and tokens live there, so
 * at every service-worker start we restrict it to trusted contexts (background, options page).
 * Chrome does not document that the setting survives a browser restart, hence "every start".
 */
/** `setAccessLevel` (Chrome 102+) is missing from webextension-polyfill's types. */
interface AccessLevelArea {
  setAccessLevel?: (options: {
    accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';
  }) => Promise<void>;
}

/**
 * Also `storage.session`, where the teachers' Google tokens live (lib/google/auth.ts): Chrome
 * makes it trusted-only by default, but nothing may rely on a default another extension page
 * could have changed. True only when both areas are restricted.
 */
export async function restrictLocalStorageToTrustedContexts(): Promise<boolean> {
  const local = browser.storage.local as typeof browser.storage.local & AccessLevelArea;
  const session = browser.storage.session as typeof browser.storage.session & AccessLevelArea;
  try {
    if (!local.setAccessLevel) throw new Error('storage.local.setAccessLevel is not available');
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    if (!session?.setAccessLevel) {
      throw new Error('storage.session.setAccessLevel is not available');
    }
    await session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch (error) {
    // Without the restriction secrets must not be stored; getStatus reports it so the options
    // page can refuse to save credentials.
    console.error('[sis-export] could not restrict storage.local to trusted contexts', error);
    return false;
  }
}
