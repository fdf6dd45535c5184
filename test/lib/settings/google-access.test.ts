import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildGoogleClientId } from '@/lib/google/client-id';
import { googleAccessSetting, restrictLocalStorageToTrustedContexts } from '@/lib/settings/items';
import { buildPolicy, parseManagedPolicy, toAdminConsoleJson } from '@/lib/settings/managed-policy';
import {
  readSettings,
  resolveSettings,
  type StoredSettings,
} from '@/lib/settings/resolve-settings';
import { DEFAULT_EXPORT_DEFAULTS } from '@/lib/sis/settings-shapes';

const SAVED_ID = '123456789012-abcdef0123456789.apps.googleusercontent.com';
const POLICY_ID = '998877665544-districtclient.apps.googleusercontent.com';
const BUILD_ID = '111111111111-publishedbuild.apps.googleusercontent.com';

const NOTHING: StoredSettings = {
  connection: null,
  credentials: {},
  teacherPermission: { exportEnabled: true },
  exportDefaults: DEFAULT_EXPORT_DEFAULTS,
};

describe('the Google OAuth client id', () => {
  it('accepts only the shape Google Cloud shows', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(buildGoogleClientId(` ${SAVED_ID} `)).toBe(SAVED_ID);
    for (const bad of [
      '',
      'abcdef.apps.googleusercontent.com',
      '123-abc.apps.googleusercontent.com.evil.example',
      '123-abc_def.apps.googleusercontent.com',
      '123-abc.googleusercontent.com',
    ]) {
      expect(buildGoogleClientId(bad)).toBeUndefined();
      expect(parseManagedPolicy({ googleClientId: bad })).toEqual({});
    }
    expect(warn).toHaveBeenCalled();
  });

  it('is the policy’s over the saved one over the build’s, and managed only from the policy', () => {
    const saved = { ...NOTHING, googleAccess: { clientId: SAVED_ID } };
    expect(resolveSettings(NOTHING, {}, undefined).google).toEqual({ managed: false });
    expect(resolveSettings(NOTHING, {}, BUILD_ID).google).toEqual({
      clientId: BUILD_ID,
      managed: false,
      source: 'build',
    });
    expect(resolveSettings(saved, {}, BUILD_ID).google).toEqual({
      clientId: SAVED_ID,
      managed: false,
      source: 'saved',
    });
    const managed = resolveSettings(saved, { googleClientId: POLICY_ID }, BUILD_ID);
    expect(managed.google).toEqual({ clientId: POLICY_ID, managed: true, source: 'policy' });
    expect(managed.managed.fields).toEqual(['googleClientId']);
  });

  it('is saved in storage.local, versioned, and read back by readSettings', async () => {
    await googleAccessSetting.set({ clientId: SAVED_ID });
    expect(await fakeBrowser.storage.local.get(['googleAccess', 'googleAccess$'])).toEqual({
      googleAccess: { clientId: SAVED_ID },
      googleAccess$: { v: 1 },
    });
    const settings = await readSettings(async () => ({}));
    expect(settings.google).toMatchObject({ clientId: SAVED_ID, source: 'saved' });
  });

  it('goes into the downloaded policy, and configures a browser the same way', () => {
    const policy = buildPolicy({
      connection: {
        partner: 'other',
        hostUrl: 'https://sis.example.org/',
        authMode: 'oauth2',
        accessKey: 'k',
      },
      exportEnabled: true,
      allowTeacherOverride: false,
      exportDefaults: DEFAULT_EXPORT_DEFAULTS,
      googleClientId: POLICY_ID,
      lockSettings: false,
    });
    const json = toAdminConsoleJson(policy);
    expect(json.googleClientId).toEqual({ Value: POLICY_ID });
    const managed = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v?.Value]));
    expect(resolveSettings(NOTHING, parseManagedPolicy(managed), undefined).google).toEqual({
      clientId: POLICY_ID,
      managed: true,
      source: 'policy',
    });
  });
});

/** `setAccessLevel` (Chrome 102+), which WXT's fake browser lacks, filled in to record calls. */
type AccessLevel = { accessLevel: string };

describe('restricting storage to trusted contexts', () => {
  it('restricts storage.session (the Google tokens) as well as storage.local', async () => {
    const local = vi.fn(async (_: AccessLevel) => {});
    const session = vi.fn(async (_: AccessLevel) => {});
    Object.assign(fakeBrowser.storage.local, { setAccessLevel: local });
    Object.assign(fakeBrowser.storage.session, { setAccessLevel: session });
    try {
      expect(await restrictLocalStorageToTrustedContexts()).toBe(true);
      expect(local).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
      expect(session).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    } finally {
      Reflect.deleteProperty(fakeBrowser.storage.local, 'setAccessLevel');
      Reflect.deleteProperty(fakeBrowser.storage.session, 'setAccessLevel');
    }
  });

  it('reports untrusted when storage.session cannot be restricted', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    Object.assign(fakeBrowser.storage.local, { setAccessLevel: async () => {} });
    try {
      expect(await restrictLocalStorageToTrustedContexts()).toBe(false);
      expect(String(log.mock.calls[0]?.[1])).toContain('storage.session');
    } finally {
      Reflect.deleteProperty(fakeBrowser.storage.local, 'setAccessLevel');
    }
  });
});
