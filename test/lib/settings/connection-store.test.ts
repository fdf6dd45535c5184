/**
 * A clock correction is read-modify-written on the stored connection while exports run; an admin
 * may re-authorize or disconnect at that very moment. The old connection must never be written
 * back beside the new (or deleted) secret: that would send one server's secret to another.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  removeConnection,
  saveAuthorizedConnection,
  saveClockSkew,
} from '@/lib/settings/connection-store';
import { connectionSetting, type StoredConnection } from '@/lib/settings/items';
import { readCredentials } from '@/lib/settings/secrets';

const A: StoredConnection = {
  partner: 'other',
  hostUrl: 'https://a.example.org/ims/oneroster/v1p1/',
  authMode: 'oauth1',
  accessKey: 'key-a',
  verifiedAt: '2026-12-01T10:00:00.000Z',
  categories: null,
};
const B = {
  partner: 'other',
  hostUrl: 'https://b.example.org/ims/oneroster/v1p1/',
  authMode: 'oauth1',
  accessKey: 'key-b',
} as const;

beforeEach(async () => {
  fakeBrowser.reset();
  await connectionSetting.set(A);
});

describe('the stored connection and its clock correction', () => {
  it('keeps a correction learned with the stored connection', async () => {
    await saveClockSkew(A, 1_200_000);
    expect(await connectionSetting.get()).toEqual({ ...A, clockSkewMs: 1_200_000 });
  });

  it('does not bring a connection back that Disconnect removed meanwhile', async () => {
    await Promise.all([saveClockSkew(A, 1_200_000), removeConnection()]);
    expect(await connectionSetting.get()).toBeNull();
  });

  it('does not write the old connection over one authorized meanwhile with another secret', async () => {
    const check = { categories: null };
    await Promise.all([
      saveClockSkew(A, 1_200_000),
      saveAuthorizedConnection(B, check, { secret: 'secret-b' }, new Date('2026-12-02T10:00:00Z')),
    ]);
    expect(await connectionSetting.get()).toMatchObject({ hostUrl: B.hostUrl, accessKey: 'key-b' });
    expect((await readCredentials()).secret).toBe('secret-b');
  });
});
