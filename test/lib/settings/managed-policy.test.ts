import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import {
  buildPolicy,
  POLICY_KEYS,
  type PolicyInput,
  parseManagedPolicy,
  toAdminConsoleJson,
} from '@/lib/settings/managed-policy';
import { resolveSettings } from '@/lib/settings/resolve-settings';
import { checkConnectionDraft } from '@/lib/sis/connection-draft';
import { DEFAULT_EXPORT_DEFAULTS } from '@/lib/sis/settings-shapes';

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../public/managed-schema.json'), 'utf8'),
);

// Chromium rejects an extension whose managed schema uses anything else (policy/core/common/schema.cc).
const CHROME_ATTRIBUTES = new Set([
  '$comment',
  '$ref',
  'id',
  'type',
  'title',
  'description',
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'enum',
  'minimum',
  'maximum',
  'pattern',
  'required',
]);

describe('public/managed-schema.json', () => {
  it('describes exactly the policy keys the extension reads', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(POLICY_KEYS).sort());
  });

  it('uses only what Chrome’s schema subset allows, with a type on every property', () => {
    const walk = (node: Record<string, unknown>) => {
      for (const key of Object.keys(node)) expect(CHROME_ATTRIBUTES).toContain(key);
      expect(['object', 'string', 'boolean', 'integer', 'number', 'array']).toContain(node.type);
      for (const child of Object.values((node.properties ?? {}) as Record<string, object>)) {
        walk(child as Record<string, unknown>);
      }
    };
    walk(schema);
  });

  it('accepts what the extension accepts, and rejects the same bad values', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    const good = {
      sisPartner: 'skyward',
      hostUrl: 'https://s/',
      authMode: 'oauth1',
      signatureMethod: 'HMAC-SHA1',
      missingWork: 'zero',
      titleLimit: 0,
      googleClientId: '12-abc3.apps.googleusercontent.com',
      lockSettings: true,
    };
    expect(validate(good)).toBe(true);
    expect(parseManagedPolicy(good)).toEqual(good);
    for (const [key, bad] of [
      ['sisPartner', 'powerschool'],
      ['authMode', 'basic'],
      ['titleLimit', 5000],
      ['titleLimit', 2.5],
      ['lockSettings', 'yes'],
      ['googleClientId', 'abc.apps.googleusercontent.com'],
      ['googleClientId', '12-abc.apps.googleusercontent.com.example'],
    ] as const) {
      expect(validate({ [key]: bad })).toBe(false);
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      expect(parseManagedPolicy({ [key]: bad })).toEqual({});
    }
  });
});

describe('parseManagedPolicy', () => {
  it('keeps each valid key and drops the rest, naming them without their values', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const policy = parseManagedPolicy({
      hostUrl: '  https://sis.example.org/ims/oneroster/v1p1 ',
      secretCode: 'TOP-SECRET',
      exportEnabled: 'no',
      somethingElse: 1,
    });
    expect(policy).toEqual({
      hostUrl: 'https://sis.example.org/ims/oneroster/v1p1',
      secretCode: 'TOP-SECRET',
    });
    expect(warn).toHaveBeenCalledWith(
      '[sis-export] policy keys ignored: exportEnabled, somethingElse',
    );
  });

  it.each([null, undefined, 'policy', 42])('reads %j as no policy', (raw) => {
    expect(parseManagedPolicy(raw)).toEqual({});
  });
});

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

describe('OneRoster 1.2 in the policy (issue #14)', () => {
  const IC_12: PolicyInput = {
    ...INPUT,
    connection: {
      ...INPUT.connection,
      hostUrl: 'https://d.infinitecampus.org/campus/api/oneroster/v1p2/app/ims/oneroster/',
      version: '1.2',
      gradebookUrl: 'https://gb.example.org/ims/oneroster/gradebook/v1p2/',
      scoreDateFormat: 'date-time',
    },
  };

  it('carries the version, the gradebook base and the scoreDate format, and Chrome accepts them', () => {
    const json = toAdminConsoleJson(buildPolicy(IC_12));
    expect(json).toMatchObject({
      oneRosterVersion: { Value: '1.2' },
      gradebookUrl: { Value: IC_12.connection.gradebookUrl },
      scoreDateFormat: { Value: 'date-time' },
    });
    const managed = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v?.Value]));
    expect(new Ajv({ strict: false }).compile(schema)(managed)).toBe(true);
    expect(new Ajv({ strict: false }).compile(schema)({ oneRosterVersion: '2.0' })).toBe(false);
    expect(new Ajv({ strict: false }).compile(schema)({ scoreDateFormat: 'time' })).toBe(false);
  });

  it('round-trips: a browser given the policy has the page’s connection, every value locked', () => {
    const json = toAdminConsoleJson(buildPolicy(IC_12));
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
    expect(settings.form).toEqual(IC_12.connection);
    expect(settings.managed.fields).toEqual(
      expect.arrayContaining(['oneRosterVersion', 'gradebookUrl', 'scoreDateFormat']),
    );
  });

  it('reports a 1.2 policy with OAuth 1.0a as invalid: Authorize refuses it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const policy = parseManagedPolicy({
      sisPartner: 'other',
      hostUrl: 'https://sis.example.org/ims/oneroster',
      authMode: 'oauth1',
      accessKey: 'k',
      secretCode: 's',
      oneRosterVersion: '1.2',
    });
    expect(warn).toHaveBeenCalledWith(
      '[sis-export] policy invalid: oneRosterVersion 1.2 needs authMode oauth2',
    );
    const settings = resolveSettings(
      {
        connection: null,
        credentials: {},
        teacherPermission: { exportEnabled: true },
        exportDefaults: DEFAULT_EXPORT_DEFAULTS,
      },
      policy,
    );
    const {
      partner = 'other',
      hostUrl = '',
      authMode = 'oauth2',
      accessKey = '',
    } = settings.policyConnection;
    const checked = checkConnectionDraft(
      { ...settings.policyConnection, partner, hostUrl, authMode, accessKey },
      { secretAvailable: true },
    );
    expect(checked).toMatchObject({ ok: false, errors: { authMode: expect.any(String) } });
  });
});
