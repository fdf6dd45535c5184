import { describe, expect, it } from 'vitest';
import { RequestError } from '@/lib/errors';
import {
  connectionSetting,
  type StoredConnection,
  teacherPermissionSetting,
} from '@/lib/settings/items';
import type { ManagedPolicy } from '@/lib/settings/managed-policy';
import {
  exportRefusal,
  type PolicyReader,
  resolveSettings,
  type StoredSettings,
} from '@/lib/settings/resolve-settings';
import { updateCredentials } from '@/lib/settings/secrets';
import { DEFAULT_EXPORT_DEFAULTS } from '@/lib/sis/settings-shapes';
import { createSisAccess } from '@/lib/teacher/sis-session';
import { useLocale } from '../../support/fake-i18n';

const CONNECTION: StoredConnection = {
  partner: 'skyward',
  hostUrl: 'https://sis.example.org/api/ims/oneroster/v1p1/',
  authMode: 'oauth2',
  accessKey: 'client',
  tokenUrl: 'https://sis.example.org/oauth/token',
  verifiedAt: '2026-11-28T10:00:00.000Z',
  categories: null,
};
const NOTHING: StoredSettings = {
  connection: null,
  credentials: {},
  teacherPermission: { exportEnabled: true },
  exportDefaults: DEFAULT_EXPORT_DEFAULTS,
};
const CONNECTED: StoredSettings = {
  ...NOTHING,
  connection: CONNECTION,
  credentials: { secret: 's' },
};

describe('resolveSettings', () => {
  it('is not connected, and refuses exports, before any Authorize', () => {
    const settings = resolveSettings(NOTHING, {});
    expect(settings).toMatchObject({
      connected: false,
      exportAllowed: false,
      needsAuthorize: false,
      secretState: 'none',
      managed: { active: false, locked: false, fields: [] },
    });
  });

  it('is connected after Authorize, and allows exports while the teacher permission is on', () => {
    expect(resolveSettings(CONNECTED, {})).toMatchObject({
      connected: true,
      exportAllowed: true,
      secretState: 'saved',
      form: { partner: 'skyward', hostUrl: CONNECTION.hostUrl },
    });
    const off = { ...CONNECTED, teacherPermission: { exportEnabled: false } };
    expect(resolveSettings(off, {})).toMatchObject({ connected: true, exportAllowed: false });
  });

  it('is not connected without a secret code, saved or from policy', () => {
    expect(resolveSettings({ ...CONNECTED, credentials: {} }, {}).connected).toBe(false);
    const policy = { hostUrl: CONNECTION.hostUrl, tokenUrl: CONNECTION.tokenUrl, secretCode: 'p' };
    expect(resolveSettings({ ...CONNECTED, credentials: {} }, policy)).toMatchObject({
      connected: true,
      secret: 'p',
      secretState: 'managed',
    });
  });

  it('does not use a policy’s secret with a connection to URLs the policy does not set (H1)', () => {
    // The policy adds a secret (and vendor authorization) but no URLs: the saved connection's
    // server must not get them.
    for (const policy of [{ secretCode: 'p' }, { vendorAuthorization: 'k:v' }]) {
      expect(resolveSettings(CONNECTED, policy)).toMatchObject({
        connected: false,
        needsAuthorize: true,
      });
    }
    const own = { hostUrl: CONNECTION.hostUrl, tokenUrl: CONNECTION.tokenUrl, secretCode: 'p' };
    expect(resolveSettings(CONNECTED, own)).toMatchObject({ connected: true, secret: 'p' });
  });

  it('lets policy values win, and lists them as managed fields', () => {
    const policy: ManagedPolicy = {
      hostUrl: 'https://sis.example.org/api/ims/oneroster/v1p1',
      tokenUrl: CONNECTION.tokenUrl,
      accessKey: 'client',
      secretCode: 'from-policy',
      exportEnabled: false,
      missingWork: 'zero',
      lockSettings: true,
    };
    const settings = resolveSettings(CONNECTED, policy);
    expect(settings).toMatchObject({
      // The policy's Host URL is normalised like Authorize stores it, so it still matches.
      connected: true,
      needsAuthorize: false,
      secret: 'from-policy',
      exportEnabled: false,
      exportAllowed: false,
      exportDefaults: { missingWork: 'zero' },
      managed: { active: true, locked: true },
    });
    expect(settings.managed.fields.sort()).toEqual(
      ['accessKey', 'exportEnabled', 'hostUrl', 'missingWork', 'secret', 'tokenUrl'].sort(),
    );
  });

  it('needs a new Authorize when the policy changes the connection', () => {
    for (const policy of [
      { hostUrl: 'https://other.example.org/ims/oneroster/v1p1' },
      { accessKey: 'another-client' },
      { sisPartner: 'aeries' },
      { tokenUrl: 'https://sis.example.org/oauth/token?appName=x' },
    ] as ManagedPolicy[]) {
      expect(resolveSettings(CONNECTED, policy)).toMatchObject({
        connected: false,
        needsAuthorize: true,
        exportAllowed: false,
      });
    }
    // A signature method only matters to OAuth 1.0a connections.
    expect(resolveSettings(CONNECTED, { signatureMethod: 'HMAC-SHA1' }).connected).toBe(true);
  });

  it('pre-fills the form from the policy before anything is saved', () => {
    const settings = resolveSettings(NOTHING, {
      sisPartner: 'infinite-campus',
      hostUrl: 'https://d.infinitecampus.org/campus/oneroster/app/ims/oneroster/v1p1',
      authMode: 'oauth1',
      tokenUrl: 'https://d.infinitecampus.org/campus/oauth2/token?appName=app',
    });
    expect(settings.form).toEqual({
      partner: 'infinite-campus',
      hostUrl: 'https://d.infinitecampus.org/campus/oneroster/app/ims/oneroster/v1p1/',
      // Infinite Campus accepts only OAuth 2, whatever the policy says.
      authMode: 'oauth2',
      tokenUrl: 'https://d.infinitecampus.org/campus/oauth2/token?appName=app',
    });
    expect(settings.connected).toBe(false);
  });

  it('fills in the title limit: policy (0 = none), else saved (null = none), else the SIS’s', () => {
    const limit = (stored: StoredSettings, policy: ManagedPolicy = {}) =>
      resolveSettings(stored, policy).exportDefaults.titleLimit;
    expect(limit(CONNECTED)).toBe(50); // Skyward
    expect(limit({ ...CONNECTED, connection: { ...CONNECTION, partner: 'other' } })).toBeNull();
    const saved = (titleLimit: number | null) => ({
      ...CONNECTED,
      exportDefaults: { ...DEFAULT_EXPORT_DEFAULTS, titleLimit },
    });
    expect(limit(saved(40))).toBe(40);
    expect(limit(saved(null))).toBeNull();
    expect(limit(saved(40), { titleLimit: 0 })).toBeNull();
    expect(limit(saved(40), { titleLimit: 25 })).toBe(25);
  });
});

const noPolicy = async () => ({});

async function connect() {
  await connectionSetting.set({
    partner: 'other',
    hostUrl: 'https://sis.example.org/ims/oneroster/v1p1/',
    authMode: 'oauth1',
    accessKey: 'key',
    signatureMethod: 'HMAC-SHA256',
    verifiedAt: '2026-11-28T10:00:00.000Z',
    categories: null,
  });
  await updateCredentials({ secret: 'secret' });
}

/**
 * The teacher side's permission check, as every teacher message runs it (lib/teacher/sis-session
 * reads the settings in force and refuses with exportRefusal's error).
 */
const assertTeacherMayExport = (readPolicy: PolicyReader) =>
  createSisAccess({ readPolicy, hostAccess: { has: async () => true, revoke: async () => true } })
    .allowedSettings()
    .then(() => undefined);

describe('the teacher permission check', () => {
  it('refuses while no SIS is connected', async () => {
    const refusal = assertTeacherMayExport(noPolicy);
    await expect(refusal).rejects.toBeInstanceOf(RequestError);
    await expect(refusal).rejects.toMatchObject({
      code: 'not-connected',
      message:
        "No SIS is connected. Ask your administrator to connect one in the extension's options.",
    });
  });

  it('allows a connected SIS with the teacher permission on (the default)', async () => {
    await connect();
    await expect(assertTeacherMayExport(noPolicy)).resolves.toBeUndefined();
  });

  it('refuses when the admin turned exporting off, here or by policy', async () => {
    await connect();
    await teacherPermissionSetting.set({ exportEnabled: false });
    await expect(assertTeacherMayExport(noPolicy)).rejects.toMatchObject({
      code: 'export-disabled',
    });
    await teacherPermissionSetting.set({ exportEnabled: true });
    await expect(
      assertTeacherMayExport(async () => ({ exportEnabled: false })),
    ).rejects.toMatchObject({
      code: 'export-disabled',
    });
  });

  it('refuses when the policy has changed the connection since it was authorized', async () => {
    await connect();
    const moved = async () => ({ hostUrl: 'https://new.example.org/ims/oneroster/v1p1' });
    await expect(assertTeacherMayExport(moved)).rejects.toMatchObject({ code: 'not-connected' });
  });

  it('explains itself in Dutch for a Dutch teacher', () => {
    useLocale('nl');
    expect(exportRefusal({ connected: true, exportEnabled: false })?.message).toBe(
      'Je beheerder heeft het exporteren van schoolwerk en cijfers uitgeschakeld.',
    );
    expect(exportRefusal({ connected: true, exportEnabled: true })).toBeNull();
  });
});

describe('the OneRoster version in force (issue #14)', () => {
  it('reads a connection saved before versions as 1.1, also against a 1.1 policy', () => {
    expect(resolveSettings(CONNECTED, { oneRosterVersion: '1.1' })).toMatchObject({
      connected: true,
      needsAuthorize: false,
      managed: { fields: ['oneRosterVersion'] },
    });
  });

  it('needs a new Authorize when the policy changes the version or the 1.2 gradebook base', () => {
    expect(resolveSettings(CONNECTED, { oneRosterVersion: '1.2' })).toMatchObject({
      connected: false,
      needsAuthorize: true,
      form: { version: '1.2' },
    });
    const on12: StoredSettings = {
      ...CONNECTED,
      connection: {
        ...CONNECTION,
        version: '1.2',
        hostUrl: 'https://sis.example.org/ims/oneroster/',
      },
    };
    expect(resolveSettings(on12, { oneRosterVersion: '1.2' }).connected).toBe(true);
    expect(
      resolveSettings(on12, { gradebookUrl: 'https://sis.example.org/gb/v1p2' }),
    ).toMatchObject({
      needsAuthorize: true,
      form: { gradebookUrl: 'https://sis.example.org/gb/v1p2/' },
    });
    // 1.2-only options do not concern a 1.1 connection.
    expect(resolveSettings(CONNECTED, { scoreDateFormat: 'date-time' }).connected).toBe(true);
  });

  it('does not let a policy secret reach a gradebook origin the policy does not set', () => {
    const elsewhere: StoredSettings = {
      ...CONNECTED,
      connection: {
        ...CONNECTION,
        version: '1.2',
        hostUrl: 'https://sis.example.org/ims/oneroster/',
        gradebookUrl: 'https://elsewhere.example.org/gradebook/v1p2/',
      },
    };
    const policy: ManagedPolicy = {
      hostUrl: 'https://sis.example.org/ims/oneroster',
      tokenUrl: CONNECTION.tokenUrl,
      secretCode: 'policy-secret',
    };
    expect(resolveSettings(elsewhere, policy)).toMatchObject({
      connected: false,
      needsAuthorize: true,
    });
    const { gradebookUrl: _g, ...sameOrigin } = elsewhere.connection ?? CONNECTION;
    expect(resolveSettings({ ...elsewhere, connection: sameOrigin }, policy).connected).toBe(true);
  });
});
