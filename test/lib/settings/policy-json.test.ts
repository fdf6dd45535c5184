import { describe, expect, it } from 'vitest';
import { parseManagedPolicy } from '@/lib/settings/managed-policy';
import { buildPolicy, type PolicyInput, toAdminConsoleJson } from '@/lib/settings/policy-json';
import { resolveSettings } from '@/lib/settings/resolve-settings';
import { DEFAULT_EXPORT_DEFAULTS } from '@/lib/sis/settings-shapes';

const INPUT: PolicyInput = {
  connection: {
    partner: 'infinite-campus',
    hostUrl: 'https://d.infinitecampus.org/campus/oneroster/app/ims/oneroster/v1p1/',
    authMode: 'oauth2',
    accessKey: 'InfiniteCampus_abc',
    tokenUrl: 'https://d.infinitecampus.org/campus/oauth2/token?appName=app',
  },
  exportEnabled: true,
  allowTeacherOverride: true,
  exportDefaults: { categoryId: 'cat-1', exportDrafts: true, missingWork: 'zero', titleLimit: 30 },
  lockSettings: true,
};

describe('the Admin console policy', () => {
  it('wraps every value as {"Value": …}, and leaves the secret out unless asked', () => {
    const json = toAdminConsoleJson(buildPolicy(INPUT));
    expect(json).toEqual({
      sisPartner: { Value: 'infinite-campus' },
      hostUrl: { Value: INPUT.connection.hostUrl },
      authMode: { Value: 'oauth2' },
      accessKey: { Value: 'InfiniteCampus_abc' },
      tokenUrl: { Value: INPUT.connection.tokenUrl },
      exportEnabled: { Value: true },
      allowTeacherOverride: { Value: true },
      defaultCategoryId: { Value: 'cat-1' },
      exportDraftGrades: { Value: true },
      missingWork: { Value: 'zero' },
      titleLimit: { Value: 30 },
      lockSettings: { Value: true },
    });
  });

  it('carries the secrets when the admin includes them', () => {
    const policy = buildPolicy({
      ...INPUT,
      secrets: { secret: 'client-secret', vendorAuthorization: 'Lms:F24F' },
    });
    expect(policy).toMatchObject({ secretCode: 'client-secret', vendorAuthorization: 'Lms:F24F' });
  });

  it('writes "no title limit" as 0 and no default category as absent', () => {
    const policy = buildPolicy({
      ...INPUT,
      exportDefaults: { ...DEFAULT_EXPORT_DEFAULTS, titleLimit: null },
    });
    expect(policy.titleLimit).toBe(0);
    expect(policy).not.toHaveProperty('defaultCategoryId');
  });

  it('configures a browser exactly as the page that made it, once Chrome hands it over', () => {
    const json = toAdminConsoleJson(
      buildPolicy({ ...INPUT, secrets: { secret: 'client-secret' } }),
    );
    // What chrome.storage.managed returns: the values without their wrappers.
    const managed = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v?.Value]));
    const settings = resolveSettings(
      {
        connection: null,
        credentials: {},
        teacherPermission: { exportEnabled: false },
        exportDefaults: DEFAULT_EXPORT_DEFAULTS,
      },
      parseManagedPolicy(managed),
    );
    expect(settings.form).toEqual(INPUT.connection);
    expect(settings).toMatchObject({
      secret: 'client-secret',
      exportEnabled: true,
      teacherOverrideAllowed: true,
      exportDefaults: INPUT.exportDefaults,
      managed: { active: true, locked: true },
    });
  });
});
