import { describe, expect, it } from 'vitest';
import { RequestError } from '@/lib/errors';
import { assertTeacherMayExport, exportRefusal } from '@/lib/settings/export-permission';
import { connectionSetting, teacherPermissionSetting } from '@/lib/settings/items';
import { updateCredentials } from '@/lib/settings/secrets';
import { useLocale } from '../../support/fake-i18n';

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

describe('assertTeacherMayExport', () => {
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
