import { describe, expect, it } from 'vitest';
import type { AdminState } from '@/lib/messaging/replies';
import {
  applyFormChange,
  type ConnectionFormValues,
  composeSkywardApiUrl,
  formServiceBases,
  initialFormValues,
  secretsToRetype,
  toDraft,
} from '@/lib/sis/connection-form';
import { suggestTokenUrl } from '@/lib/sis/partner-help';
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
      version: '1.1',
      versionSuggested: false,
      gradebookUrl: 'https://ignored-on-1.1/',
      scoreDateFormat: 'date-time',
    };
    // #14: the draft names its OneRoster version; 1.1 drafts carry no 1.2-only option.
    expect(toDraft(values)).toEqual({
      partner: 'other',
      hostUrl: 'https://s/',
      authMode: 'oauth1',
      accessKey: 'k',
      signatureMethod: 'HMAC-SHA1',
      version: '1.1',
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
      version: '1.1',
    });
    expect(toDraft({ ...values, partner: '' })).toBeUndefined();
  });
});

describe('a saved secret the admin must type again (issue #11, H1)', () => {
  const CONNECTED: AdminState = {
    ...NOT_CONNECTED,
    connected: true,
    form: {
      partner: 'infinite-campus',
      hostUrl: 'https://sis.example.org/ims/',
      authMode: 'oauth2',
      accessKey: 'client',
      tokenUrl: 'https://auth.example.org/token?appName=x',
    },
    secret: 'saved',
    vendorAuthorization: 'saved',
    connection: {
      partner: 'infinite-campus',
      hostUrl: 'https://sis.example.org/ims/',
      tokenUrl: 'https://auth.example.org/token?appName=x',
      accessKey: 'client',
      authMode: 'oauth2',
      verifiedAt: '2026-01-01T00:00:00Z',
      categories: null,
    },
  };
  const values = (patch: Partial<ConnectionFormValues>) => ({
    ...initialFormValues(CONNECTED),
    ...patch,
  });

  it('is not asked for while the origins, access key and sign-in method are unchanged', () => {
    expect(secretsToRetype(values({}), CONNECTED)).toEqual({});
    expect(
      secretsToRetype(values({ hostUrl: 'https://sis.example.org/other/path' }), CONNECTED),
    ).toEqual({});
  });

  it.each([
    [{ hostUrl: 'https://elsewhere.example.org/ims/' }, 'Host URL changed'],
    [{ tokenUrl: 'https://elsewhere.example.org/token' }, 'Token URL changed'],
    [{ accessKey: 'another' }, 'Access key changed'],
    [
      { hostUrl: 'https://x.example.org/', tokenUrl: 'https://x.example.org/t' },
      'Host URL, Token URL changed: type the secret code again',
    ],
  ])('is asked for, naming what changed: %o', (patch, named) => {
    const retype = secretsToRetype(values(patch), CONNECTED);
    expect(retype.secret).toContain(named);
    expect(retype.vendorAuthorization).toContain('type the vendor authorization again');
  });

  it('names the sign-in method, and asks no vendor authorization of an SIS without one', () => {
    const other = { ...CONNECTED, form: { ...CONNECTED.form, partner: 'other' as const } };
    const retype = secretsToRetype(values({ partner: 'other', authMode: 'oauth1' }), other);
    expect(retype.secret).toContain('Sign-in method changed');
    expect(retype.vendorAuthorization).toBeUndefined();
  });
});

describe('composeSkywardApiUrl', () => {
  it.each([
    // The example in Google's admin article.
    ['https://esdemo1.skyward.com', 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/'],
    ['https://esdemo1.skyward.com/', 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/'],
    [' https://esdemo1.skyward.com// ', 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/'],
    [
      'https://skyward.district.org/scripts',
      'https://skyward.district.org/scripts/api/ims/oneroster/v1p1/',
    ],
    // Pasted with /api already (ClassLink's recipe), or the full API URL.
    ['https://esdemo1.skyward.com/api', 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/'],
    ['https://esdemo1.skyward.com/api/', 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/'],
    [
      'https://esdemo1.skyward.com/api/ims/oneroster/v1p1',
      'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/',
    ],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000/api/ims/oneroster/v1p1/'],
  ])('%j → %j', (applicationUrl, apiUrl) => {
    expect(composeSkywardApiUrl(applicationUrl)).toBe(apiUrl);
  });

  it.each(['', 'esdemo1', 'mailto:it@district.org', 'javascript:alert(1)'])(
    'leaves %j alone (not an address)',
    (text) => {
      expect(composeSkywardApiUrl(text)).toBeUndefined();
    },
  );
});

describe('OneRoster version on the form (issue #14)', () => {
  const start = (partner: 'infinite-campus' | 'other' | 'aeries') =>
    applyFormChange(initialFormValues(NOT_CONNECTED), { partner });

  it('starts a new connection at the SIS’s first version; a saved one without version is 1.1', () => {
    expect(start('infinite-campus').version).toBe('1.2');
    expect(start('other').version).toBe('1.1');
    const saved = initialFormValues({
      ...NOT_CONNECTED,
      form: { partner: 'infinite-campus', hostUrl: 'https://s/', authMode: 'oauth2' },
    });
    expect(saved.version).toBe('1.1');
  });

  it('selects the version the pasted Host URL suggests, and says so', () => {
    const v12 = applyFormChange(start('other'), {
      hostUrl: 'https://sis.example.org/ims/oneroster/rostering/v1p2',
    });
    expect(v12).toMatchObject({ version: '1.2', versionSuggested: true, authMode: 'oauth2' });
    const v11 = applyFormChange(v12, { hostUrl: 'https://sis.example.org/ims/oneroster/v1p1' });
    expect(v11).toMatchObject({ version: '1.1', versionSuggested: true });
  });

  it('keeps the admin’s explicit choice made after pasting while the URL suggests the same', () => {
    const pasted = applyFormChange(start('other'), {
      hostUrl: 'https://sis.example.org/ims/oneroster',
    });
    const chosen = applyFormChange(pasted, { version: '1.1' });
    expect(chosen).toMatchObject({ version: '1.1', versionSuggested: false });
    const edited = applyFormChange(chosen, { hostUrl: 'https://sis2.example.org/ims/oneroster' });
    expect(edited).toMatchObject({ version: '1.1', versionSuggested: false });
  });

  it('does not suggest a version the SIS does not offer', () => {
    const aeries = applyFormChange(start('aeries'), {
      hostUrl: 'https://d.aeries.net/ims/oneroster/rostering/v1p2',
    });
    expect(aeries).toMatchObject({ version: '1.1', versionSuggested: false });
  });

  it('never keeps OAuth 1.0a on 1.2', () => {
    const oauth1 = applyFormChange(start('other'), { authMode: 'oauth1' });
    expect(applyFormChange(oauth1, { version: '1.2' }).authMode).toBe('oauth2');
  });

  it('fills Infinite Campus’s token URL from the Host URL, never over a typed one', () => {
    const pasted = applyFormChange(start('infinite-campus'), {
      hostUrl: 'https://d.infinitecampus.org/campus/api/oneroster/v1p2/acme/ims/oneroster',
    });
    expect(pasted.tokenUrl).toBe('https://d.infinitecampus.org/campus/oauth2/token?appName=acme');
    const repasted = applyFormChange(pasted, {
      hostUrl: 'https://d.infinitecampus.org/campus/api/oneroster/v1p2/other/ims/oneroster',
    });
    expect(repasted.tokenUrl).toBe(
      'https://d.infinitecampus.org/campus/oauth2/token?appName=other',
    );
    const typed = applyFormChange(repasted, { tokenUrl: 'https://auth.example.org/t' });
    expect(
      applyFormChange(typed, {
        hostUrl: 'https://x.infinitecampus.org/campus/oneroster/z/ims/oneroster/v1p1',
      }).tokenUrl,
    ).toBe('https://auth.example.org/t');
    expect(
      applyFormChange(start('other'), {
        hostUrl: 'https://d.infinitecampus.org/campus/api/oneroster/v1p2/acme/ims/oneroster',
      }).tokenUrl,
    ).toBe('');
  });

  it('shows the derived 1.2 bases, with the gradebook override, and sends the 1.2 options', () => {
    const values = applyFormChange(start('other'), {
      hostUrl: 'https://sis.example.org/ims/oneroster',
    });
    expect(formServiceBases(values)).toEqual({
      rostering: 'https://sis.example.org/ims/oneroster/rostering/v1p2/',
      gradebook: 'https://sis.example.org/ims/oneroster/gradebook/v1p2/',
    });
    const override = { ...values, gradebookUrl: 'https://gb.example.org/gradebook/v1p2' };
    expect(formServiceBases(override)?.gradebook).toBe('https://gb.example.org/gradebook/v1p2/');
    expect(formServiceBases({ ...values, version: '1.1' })).toBeUndefined();
    expect(toDraft(override)).toMatchObject({
      version: '1.2',
      gradebookUrl: 'https://gb.example.org/gradebook/v1p2',
      scoreDateFormat: 'date',
    });
  });
});

describe('suggestTokenUrl', () => {
  it('builds Infinite Campus’s token URL from the app in the Base URL, else nothing', () => {
    expect(
      suggestTokenUrl(
        'infinite-campus',
        'https://d.infinitecampus.org/campus/api/oneroster/v1p2/acme/ims/oneroster',
      ),
    ).toBe('https://d.infinitecampus.org/campus/oauth2/token?appName=acme');
    expect(
      suggestTokenUrl(
        'infinite-campus',
        'https://d.infinitecampus.org/campus/oneroster/old/ims/oneroster/v1p1',
      ),
    ).toBe('https://d.infinitecampus.org/campus/oauth2/token?appName=old');
    expect(
      suggestTokenUrl('infinite-campus', 'https://d.example.org/ims/oneroster'),
    ).toBeUndefined();
    expect(
      suggestTokenUrl(
        'skyward',
        'https://d.infinitecampus.org/campus/api/oneroster/v1p2/acme/ims/oneroster',
      ),
    ).toBeUndefined();
  });
});

describe('suggestions leave what the policy sets alone (issue #14)', () => {
  it('keeps a managed version, sign-in method and token URL', () => {
    const values = {
      ...applyFormChange(initialFormValues(NOT_CONNECTED), { partner: 'infinite-campus' }),
      version: '1.1' as const,
      tokenUrl: 'https://policy.example.org/token',
    };
    const pasted = applyFormChange(
      values,
      { hostUrl: 'https://d.infinitecampus.org/campus/api/oneroster/v1p2/acme/ims/oneroster' },
      ['oneRosterVersion', 'tokenUrl'],
    );
    expect(pasted).toMatchObject({ version: '1.1', tokenUrl: 'https://policy.example.org/token' });
    const oauth1 = { ...values, partner: 'other' as const, authMode: 'oauth1' as const };
    expect(applyFormChange(oauth1, { version: '1.2' }, ['authMode']).authMode).toBe('oauth1');
  });

  it('still applies the other rules when only the version is managed', () => {
    const other = {
      ...applyFormChange(initialFormValues(NOT_CONNECTED), { partner: 'other' }),
      authMode: 'oauth1' as const,
      version: '1.1' as const,
    };
    const ic = applyFormChange(other, { partner: 'infinite-campus' }, ['oneRosterVersion']);
    expect(ic).toMatchObject({ version: '1.1', authMode: 'oauth2' });
    const pasted = applyFormChange(
      ic,
      { hostUrl: 'https://d.infinitecampus.org/campus/api/oneroster/v1p2/acme/ims/oneroster' },
      ['oneRosterVersion'],
    );
    expect(pasted).toMatchObject({
      version: '1.1',
      tokenUrl: 'https://d.infinitecampus.org/campus/oauth2/token?appName=acme',
    });
  });
});
