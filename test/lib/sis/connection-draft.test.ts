import { describe, expect, it } from 'vitest';
import {
  type ConnectionDraft,
  checkConnectionDraft,
  checkHostUrl,
  checkTokenUrl,
  connectionOrigins,
  describeSisUrlProblem,
  originPattern,
  type SisUrlProblem,
} from '@/lib/sis/connection-draft';
import { useLocale } from '../../support/fake-i18n';

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

describe('checkHostUrl', () => {
  it.each([
    ['https://sis.example.org/ims/oneroster/v1p1', 'https://sis.example.org/ims/oneroster/v1p1/'],
    [
      '  https://sis.example.org/ims/oneroster/v1p1/  ',
      'https://sis.example.org/ims/oneroster/v1p1/',
    ],
    [
      'https://sis.example.org/ims/oneroster/v1p1///',
      'https://sis.example.org/ims/oneroster/v1p1/',
    ],
    ['https://sis.example.org', 'https://sis.example.org/'],
    ['HTTPS://SIS.Example.ORG:8443/Api/', 'https://sis.example.org:8443/Api/'],
    ['https://sis.example.org:443/x', 'https://sis.example.org/x/'],
    [
      'http://127.0.0.1:5555/api/ims/oneroster/v1p1',
      'http://127.0.0.1:5555/api/ims/oneroster/v1p1/',
    ],
    ['http://localhost:8080/ims/oneroster/v1p1', 'http://localhost:8080/ims/oneroster/v1p1/'],
    ['http://[::1]:8080/ims', 'http://[::1]:8080/ims/'],
    [
      'https://district.infinitecampus.org/campus/oneroster/app/ims/oneroster/v1p1',
      'https://district.infinitecampus.org/campus/oneroster/app/ims/oneroster/v1p1/',
    ],
  ])('accepts %j as %j', (input, url) => {
    expect(checkHostUrl(input)).toEqual({ ok: true, url, origin: new URL(url).origin });
  });

  it.each<[string, SisUrlProblem]>([
    ['', 'required'],
    ['   ', 'required'],
    ['sis.example.org/ims/oneroster/v1p1', 'invalid'],
    ['https://', 'invalid'],
    ['javascript:alert(1)', 'invalid'],
    ['JavaScript://sis.example.org/%0aalert(1)', 'invalid'],
    ['data:text/html,hi', 'invalid'],
    ['ftp://sis.example.org/ims', 'invalid'],
    ['file:///etc/passwd', 'invalid'],
    ['http://sis.example.org/ims/oneroster/v1p1', 'not-https'],
    ['http://127.0.0.2/ims', 'not-https'],
    ['http://localhost.example.org/ims', 'not-https'],
    ['http://10.0.0.5/ims', 'not-https'],
    ['https://admin:secret@sis.example.org/ims', 'credentials'],
    ['https://admin@sis.example.org/ims', 'credentials'],
    ['https://sis.example.org/ims#v1p1', 'fragment'],
    ['https://sis.example.org/ims#', 'fragment'],
    ['https://sis.example.org/ims?appName=x', 'query'],
    ['https://sis.example.org/ims?', 'query'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(checkHostUrl(input)).toEqual({ ok: false, problem });
  });
});

describe('checkTokenUrl', () => {
  it('keeps the URL exactly, query included (Infinite Campus needs ?appName=)', () => {
    const url = 'https://d.infinitecampus.org/campus/oauth2/token?appName=Our%20App';
    expect(checkTokenUrl(` ${url} `)).toEqual({
      ok: true,
      url,
      origin: 'https://d.infinitecampus.org',
    });
    expect(checkTokenUrl('https://d.example.org/token/')).toMatchObject({
      url: 'https://d.example.org/token/',
    });
  });

  it.each<[string, SisUrlProblem]>([
    ['', 'required'],
    ['http://sis.example.org/token', 'not-https'],
    ['https://id:secret@sis.example.org/token', 'credentials'],
    ['https://sis.example.org/token#x', 'fragment'],
  ])('rejects %j (%s) like a Host URL', (input, problem) => {
    expect(checkTokenUrl(input)).toEqual({ ok: false, problem });
  });
});

describe('describeSisUrlProblem', () => {
  const problems: SisUrlProblem[] = [
    'required',
    'invalid',
    'not-https',
    'credentials',
    'fragment',
    'query',
  ];

  it.each(['en', 'nl'] as const)('has a distinct %s sentence for each problem', (locale) => {
    useLocale(locale);
    const texts = problems.map(describeSisUrlProblem);
    expect(new Set(texts).size).toBe(problems.length);
    for (const text of texts) expect(text).toMatch(/\.$/);
  });

  it('tells why http is refused', () => {
    expect(describeSisUrlProblem('not-https')).toBe(
      'The address must start with https:// (http:// only for a test server on this computer).',
    );
  });
});

it('builds the host-permission pattern for an origin', () => {
  expect(originPattern('https://sis.example.org:8443')).toBe('https://sis.example.org:8443/*');
});
