import { describe, expect, it } from 'vitest';
import {
  applyFormChange,
  type ConnectionFormValues,
  initialFormValues,
  toDraft,
} from '@/lib/sis/connection-form';
import { NOT_CONNECTED } from '../../support/admin-state';

describe('the connection form', () => {
  it('starts empty, with a secret field to type in, until something is saved', () => {
    expect(initialFormValues(NOT_CONNECTED)).toMatchObject({
      partner: '',
      secret: '',
      hostUrl: '',
    });
    const saved = initialFormValues({
      ...NOT_CONNECTED,
      form: { partner: 'skyward', hostUrl: 'https://s/', authMode: 'oauth1', accessKey: 'k' },
      secret: 'saved',
    });
    expect(saved).toMatchObject({ partner: 'skyward', authMode: 'oauth1', accessKey: 'k' });
    expect(saved.secret).toBeUndefined(); // "••••• saved", kept unless replaced
  });

  it('keeps the sign-in method on a partner switch only if the new SIS offers it', () => {
    const values = {
      ...initialFormValues(NOT_CONNECTED),
      partner: 'other',
      authMode: 'oauth1',
    } as const;
    expect(applyFormChange(values, { partner: 'skyward' }).authMode).toBe('oauth1');
    expect(applyFormChange(values, { partner: 'infinite-campus' }).authMode).toBe('oauth2');
  });

  it('fills the Host URL from Skyward’s Application URL, and lets the admin edit it after', () => {
    const values = {
      ...initialFormValues(NOT_CONNECTED),
      partner: 'skyward',
    } as ConnectionFormValues;
    const composed = applyFormChange(values, { applicationUrl: 'https://esdemo1.skyward.com' });
    expect(composed.hostUrl).toBe('https://esdemo1.skyward.com/api/ims/oneroster/v1p1/');
    expect(applyFormChange(composed, { applicationUrl: 'esdemo1' }).hostUrl).toBe(composed.hostUrl);
    expect(applyFormChange(composed, { hostUrl: 'https://x/' }).hostUrl).toBe('https://x/');
  });

  it('sends only what the sign-in method and SIS use, and a secret only when typed', () => {
    const values: ConnectionFormValues = {
      partner: 'other',
      applicationUrl: 'ignored',
      hostUrl: 'https://s/',
      authMode: 'oauth1',
      accessKey: 'k',
      secret: undefined,
      tokenUrl: 'https://t/',
      vendorAuthorization: 'v:1',
      signatureMethod: 'HMAC-SHA1',
    };
    expect(toDraft(values)).toEqual({
      partner: 'other',
      hostUrl: 'https://s/',
      authMode: 'oauth1',
      accessKey: 'k',
      signatureMethod: 'HMAC-SHA1',
    });
    expect(
      toDraft({ ...values, partner: 'infinite-campus', authMode: 'oauth2', secret: 's' }),
    ).toEqual({
      partner: 'infinite-campus',
      hostUrl: 'https://s/',
      authMode: 'oauth2',
      accessKey: 'k',
      tokenUrl: 'https://t/',
      secret: 's',
      vendorAuthorization: 'v:1',
    });
    expect(toDraft({ ...values, partner: '' })).toBeUndefined();
  });
});
