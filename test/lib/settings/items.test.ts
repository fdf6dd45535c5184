import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { classLinksSetting } from '@/lib/settings/class-links';
import {
  connectionSetting,
  credentialsSetting,
  exportDefaultsSetting,
  googleAccessSetting,
  type StoredConnection,
  teacherPermissionSetting,
} from '@/lib/settings/items';
import { deleteCredentials, readCredentials, updateCredentials } from '@/lib/settings/secrets';

const CONNECTION: StoredConnection = {
  partner: 'skyward',
  hostUrl: 'https://sis.example.org/api/ims/oneroster/v1p1/',
  authMode: 'oauth2',
  accessKey: 'client',
  tokenUrl: 'https://sis.example.org/oauth/token',
  orgName: 'Riverside',
  verifiedAt: '2026-11-28T10:00:00.000Z',
  categories: [{ sourcedId: 'cat-1', title: 'Homework' }],
};

/** Every setting with one storage key (per-class histories are checked in their own tests). */
const ALL_SETTINGS = [
  connectionSetting,
  credentialsSetting,
  teacherPermissionSetting,
  exportDefaultsSetting,
  googleAccessSetting,
  classLinksSetting,
] as const;

describe('settings items', () => {
  it('all live in storage.local, versioned, with a migration to every version above 1', () => {
    for (const setting of ALL_SETTINGS) {
      expect(setting.key).toMatch(/^local:/);
      expect(setting.version).toBeGreaterThanOrEqual(1);
      const expected = Array.from({ length: setting.version - 1 }, (_, i) => String(i + 2));
      expect(Object.keys(setting.migrations)).toEqual(expected);
    }
  });

  it('give their fallbacks when nothing is stored: not connected, export on, only returned grades', async () => {
    expect(await connectionSetting.get()).toBeNull();
    expect(await credentialsSetting.get()).toEqual({});
    expect(await teacherPermissionSetting.get()).toEqual({ exportEnabled: true });
    expect(await exportDefaultsSetting.get()).toEqual({
      categoryId: null,
      exportDrafts: false,
      missingWork: 'skip',
    });
  });

  it('round-trip a valid value, stored under its key with its version', async () => {
    await connectionSetting.set(CONNECTION);
    expect(await connectionSetting.get()).toEqual(CONNECTION);
    expect(await fakeBrowser.storage.local.get(['connection', 'connection$'])).toEqual({
      connection: CONNECTION,
      connection$: { v: 1 },
    });
  });

  it('read a value of the wrong shape as the fallback, warning without the value', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({
      connection: { ...CONNECTION, hostUrl: 42, partner: 'sims-3000' },
      credentials: { secret: '', vendorAuthorization: 'TOP-SECRET' },
    });
    expect(await connectionSetting.get()).toBeNull();
    expect(await credentialsSetting.get()).toEqual({});
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain('local:connection (partner, hostUrl)');
    expect(logged).not.toContain('TOP-SECRET');
  });

  it('refuse to store a value of the wrong shape', async () => {
    await expect(
      exportDefaultsSetting.set({
        categoryId: null,
        exportDrafts: false,
        missingWork: 'skip',
        titleLimit: 0,
      }),
    ).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get('exportDefaults')).toEqual({});
  });

  it('remove the value and its version metadata', async () => {
    await teacherPermissionSetting.set({ exportEnabled: false });
    await teacherPermissionSetting.remove();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});

describe('secrets', () => {
  it('replace, keep and delete the secret code and vendor authorization', async () => {
    await updateCredentials({ secret: 's1', vendorAuthorization: 'v:1' });
    await updateCredentials({ secret: 's2' });
    expect(await readCredentials()).toEqual({ secret: 's2', vendorAuthorization: 'v:1' });
    await updateCredentials({ vendorAuthorization: '' });
    expect(await readCredentials()).toEqual({ secret: 's2' });
    await deleteCredentials();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
