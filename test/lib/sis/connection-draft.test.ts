import { describe, expect, it } from 'vitest';
import {
  type ConnectionDraft,
  checkConnectionDraft,
  connectionOrigins,
} from '@/lib/sis/connection-draft';

const OAUTH2: ConnectionDraft = {
  partner: 'other',
  hostUrl: ' https://sis.example.org/ims/oneroster/v1p1// ',
  authMode: 'oauth2',
  accessKey: ' client-1 ',
  tokenUrl: 'https://auth.example.org/oauth/token?appName=Classroom',
  secret: ' s3cret\n',
};
const OAUTH1: ConnectionDraft = {
  partner: 'other',
  hostUrl: 'https://sis.example.org/ims/oneroster/v1p1',
  authMode: 'oauth1',
  accessKey: 'key',
  secret: 'secret',
};

describe('checkConnectionDraft', () => {
  it('normalises an OAuth 2 connection and trims pasted credentials', () => {
    expect(checkConnectionDraft(OAUTH2, { secretAvailable: false })).toEqual({
      ok: true,
      fields: {
        partner: 'other',
        hostUrl: 'https://sis.example.org/ims/oneroster/v1p1/',
        authMode: 'oauth2',
        accessKey: 'client-1',
        tokenUrl: 'https://auth.example.org/oauth/token?appName=Classroom',
      },
      secret: 's3cret',
    });
  });

  it('gives OAuth 1.0a HMAC-SHA256 unless told otherwise, and no token URL', () => {
    const checked = checkConnectionDraft(
      { ...OAUTH1, tokenUrl: 'junk' },
      { secretAvailable: false },
    );
    expect(checked).toMatchObject({
      ok: true,
      fields: { authMode: 'oauth1', signatureMethod: 'HMAC-SHA256' },
    });
    expect(checked.ok && checked.fields).not.toHaveProperty('tokenUrl');
    expect(
      checkConnectionDraft({ ...OAUTH1, signatureMethod: 'HMAC-SHA1' }, { secretAvailable: false }),
    ).toMatchObject({ fields: { signatureMethod: 'HMAC-SHA1' } });
  });

  it('uses the partner’s sign-in method when it does not offer the one asked for', () => {
    const draft = { ...OAUTH2, partner: 'infinite-campus' as const, authMode: 'oauth1' as const };
    expect(checkConnectionDraft(draft, { secretAvailable: false })).toMatchObject({
      fields: { authMode: 'oauth2' },
    });
  });

  it('puts each problem beside its field, all at once', () => {
    const checked = checkConnectionDraft(
      {
        partner: 'infinite-campus',
        hostUrl: 'http://sis.example.org',
        authMode: 'oauth2',
        accessKey: '   ',
        tokenUrl: 'https://u:p@sis.example.org/token',
        secret: ' ',
        vendorAuthorization: 'no colon here',
      },
      { secretAvailable: true },
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        hostUrl:
          'The address must start with https:// (http:// only for a test server on this computer).',
        accessKey: 'Enter the access key.',
        secret: 'Enter the secret code.',
        tokenUrl:
          'Remove the user name or password from the address; enter credentials in their own fields.',
        vendorAuthorization:
          'Enter the vendor authorization as key:secret, on one line without spaces.',
      },
    });
  });

  it('keeps a saved secret when none is typed, and needs one when nothing is saved', () => {
    const { secret: _, ...keep } = OAUTH1;
    expect(checkConnectionDraft(keep, { secretAvailable: true })).toMatchObject({ ok: true });
    expect(checkConnectionDraft(keep, { secretAvailable: true })).not.toHaveProperty('secret');
    expect(checkConnectionDraft(keep, { secretAvailable: false })).toMatchObject({
      ok: false,
      errors: { secret: 'Enter the secret code.' },
    });
  });

  it.each([
    ['AwesomeLMS:F24F0C1D', true],
    ['  AwesomeLMS:F24F0C1D\n', true],
    ['', true], // removes a saved one
    ['AwesomeLMS', false],
    [':secret', false],
    ['key:', false],
    ['key: secret', false],
    ['key:sec\r\nX-Evil: 1', false],
  ])('vendor authorization %j is accepted: %s', (vendorAuthorization, ok) => {
    expect(
      checkConnectionDraft({ ...OAUTH2, vendorAuthorization }, { secretAvailable: false }).ok,
    ).toBe(ok);
  });
});

describe('connectionOrigins', () => {
  it('lists the Host URL’s origin and the token URL’s when it differs', () => {
    expect(
      connectionOrigins({
        hostUrl: 'https://sis.example.org/ims/',
        tokenUrl: 'https://auth.example.org/token?appName=x',
      }),
    ).toEqual(['https://sis.example.org', 'https://auth.example.org']);
    expect(
      connectionOrigins({ hostUrl: 'http://127.0.0.1:5/a/', tokenUrl: 'http://127.0.0.1:5/t' }),
    ).toEqual(['http://127.0.0.1:5']);
    expect(connectionOrigins({ hostUrl: 'https://sis.example.org/' })).toEqual([
      'https://sis.example.org',
    ]);
  });
});
