import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type ClassLink, classLinksSetting } from '@/lib/settings/class-links';
import {
  type CourseHistory,
  listExportHistoryCourses,
  readExportHistory,
  updateExportHistory,
} from '@/lib/settings/export-history';
import {
  connectionSetting,
  credentialsSetting,
  exportDefaultsSetting,
  googleAccessSetting,
  type StoredConnection,
  type StoredCredentials,
  teacherPermissionSetting,
} from '@/lib/settings/items';
import type { ExportDefaults } from '@/lib/sis/settings-shapes';

const CONNECTION: StoredConnection = {
  partner: 'aeries',
  hostUrl: 'https://sis.example.org/ims/oneroster/v1p1/',
  authMode: 'oauth1',
  accessKey: 'consumer-key',
  signatureMethod: 'HMAC-SHA256',
  orgName: 'Riverside Unified',
  verifiedAt: '2026-11-28T10:00:00.000Z',
  clockSkewMs: -1250,
  clientAuth: 'basic',
  categories: [
    { sourcedId: 'cat-1', title: 'Homework' },
    { sourcedId: 'cat-2', title: 'Toetsen' },
  ],
};
const CREDENTIALS: StoredCredentials = { secret: 'TOP-SECRET', vendorAuthorization: 'vendor:key' };
const TEACHER_PERMISSION = { exportEnabled: false, allowTeacherOverride: true };
const EXPORT_DEFAULTS: ExportDefaults = {
  categoryId: 'cat-2',
  exportDrafts: true,
  missingWork: 'zero',
  titleLimit: null,
};
const GOOGLE_ACCESS = { clientId: '123456789012-abcdef0123456789.apps.googleusercontent.com' };
const CLASS_LINKS: Record<string, ClassLink> = {
  '123456789': {
    sisClassId: 'class-7',
    title: 'Biology 7',
    classCode: 'BIO-7',
    termIds: ['term-1'],
    termTitles: ['Fall 2026'],
    teacherSourcedId: 'teacher-3',
    teacherEmail: 'teacher@school.example',
    linkedAt: '2026-11-28T10:05:00.000Z',
    studentMatches: { 'student-a': 'sis-a', 'student-b': null },
    choices: { excludedCoursework: ['555'], categories: { '556': 'cat-1' } },
  },
};
const HISTORY: CourseHistory = {
  summaries: [
    {
      exportId: 'export-2',
      state: 'completed-with-errors',
      finishedAt: '2026-11-28T11:00:00.000Z',
      created: 3,
      updated: 1,
      deleted: 0,
      unchanged: 4,
      failed: [
        {
          kind: 'put-result',
          courseworkId: '556',
          studentKey: 'student-b',
          code: 'sisRejected',
          message: 'Score out of range',
        },
      ],
      failedCount: 1,
      pending: 0,
      override: { account: 'teacher@school.example', sisTeacher: 'other@school.example' },
    },
  ],
  lastExported: { '555': '2026-11-28T11:00:00.000Z' },
  previousResults: { 'result-1': { score: 9.5, scoreStatus: 'fully graded' } },
  pending: {
    exportId: 'export-3',
    unchanged: 2,
    courseworkIds: ['555', '556'],
    override: { account: '', sisTeacher: 'other@school.example' },
  },
};

/**
 * `storage.local` exactly as the extension has written it so far (a value under its name, its
 * version under `name$`): what a user's browser holds when this version is installed over it.
 */
const STORED = {
  connection: CONNECTION,
  connection$: { v: 1 },
  credentials: CREDENTIALS,
  credentials$: { v: 1 },
  teacherPermission: TEACHER_PERMISSION,
  teacherPermission$: { v: 1 },
  exportDefaults: EXPORT_DEFAULTS,
  exportDefaults$: { v: 1 },
  googleAccess: GOOGLE_ACCESS,
  googleAccess$: { v: 1 },
  classLinks: CLASS_LINKS,
  classLinks$: { v: 1 },
  'exportHistory:123456789': HISTORY,
  'exportHistory:123456789$': { v: 1 },
};

const withoutMetadata = () =>
  Object.fromEntries(Object.entries(STORED).filter(([name]) => !name.endsWith('$')));

async function readAll() {
  return {
    connection: await connectionSetting.get(),
    credentials: await credentialsSetting.get(),
    teacherPermission: await teacherPermissionSetting.get(),
    exportDefaults: await exportDefaultsSetting.get(),
    googleAccess: await googleAccessSetting.get(),
    classLinks: await classLinksSetting.get(),
    'exportHistory:123456789': await readExportHistory('123456789'),
  };
}

describe('settings stored by earlier versions', () => {
  it('read back unchanged, and reading writes nothing', async () => {
    await fakeBrowser.storage.local.set(structuredClone(STORED));
    expect(await readAll()).toEqual(withoutMetadata());
    // read() too: no value counts as one that failed to migrate.
    expect(await credentialsSetting.read()).toEqual(CREDENTIALS);
    expect(await classLinksSetting.read()).toEqual(CLASS_LINKS);
    expect(await listExportHistoryCourses()).toEqual(['123456789']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(STORED);
  });

  it('read back unchanged without their version metadata (version 1)', async () => {
    await fakeBrowser.storage.local.set(withoutMetadata());
    expect(await readAll()).toEqual(withoutMetadata());
    expect(await listExportHistoryCourses()).toEqual(['123456789']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(withoutMetadata());
  });

  it('are written in the same format, each value with its version', async () => {
    await connectionSetting.set(structuredClone(CONNECTION));
    await credentialsSetting.set(structuredClone(CREDENTIALS));
    await teacherPermissionSetting.set(structuredClone(TEACHER_PERMISSION));
    await exportDefaultsSetting.set(structuredClone(EXPORT_DEFAULTS));
    await googleAccessSetting.set(structuredClone(GOOGLE_ACCESS));
    await classLinksSetting.set(structuredClone(CLASS_LINKS));
    await updateExportHistory('123456789', () => structuredClone(HISTORY));
    expect(await fakeBrowser.storage.local.get(null)).toEqual(STORED);
  });

  it('stay in the same format when changed and removed', async () => {
    await fakeBrowser.storage.local.set(withoutMetadata());
    await teacherPermissionSetting.set({ exportEnabled: true });
    await credentialsSetting.remove();
    await teacherPermissionSetting.remove();
    await teacherPermissionSetting.set({ exportEnabled: false });
    const { credentials: _, teacherPermission: __, ...rest } = withoutMetadata();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      ...rest,
      teacherPermission: { exportEnabled: false },
      teacherPermission$: { v: 1 },
    });
  });
});
