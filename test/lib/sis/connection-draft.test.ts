import { describe, expect, it } from 'vitest';
import {
  bindingChanges,
  type ConnectionDraft,
  checkConnectionDraft,
  checkHostUrl,
  checkTokenUrl,
  connectionOrigins,
  describeSisUrlProblem,
  draftField,
  fieldForAuthorizeError,
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

describe('OneRoster 1.2 drafts (issue #14)', () => {
  const IC12: ConnectionDraft = {
    partner: 'infinite-campus',
    hostUrl: 'https://d.infinitecampus.org/campus/api/oneroster/v1p2/app/ims/oneroster',
    authMode: 'oauth2',
    accessKey: 'client',
    tokenUrl: 'https://d.infinitecampus.org/campus/oauth2/token?appName=app',
    secret: 's',
    version: '1.2',
  };

  it('keeps the version, a normalised gradebook override and the scoreDate format', () => {
    const checked = checkConnectionDraft(
      {
        ...IC12,
        gradebookUrl: ' https://gb.example.org/gradebook/v1p2 ',
        scoreDateFormat: 'date-time',
      },
      { secretAvailable: false },
    );
    expect(checked).toMatchObject({
      ok: true,
      fields: {
        version: '1.2',
        gradebookUrl: 'https://gb.example.org/gradebook/v1p2/',
        scoreDateFormat: 'date-time',
      },
    });
  });

  it('drops 1.2-only options from a 1.1 draft', () => {
    const checked = checkConnectionDraft(
      {
        ...OAUTH2,
        version: '1.1',
        gradebookUrl: 'https://gb.example.org/',
        scoreDateFormat: 'date-time',
      },
      { secretAvailable: false },
    );
    expect(checked.ok && checked.fields).toEqual({
      partner: 'other',
      hostUrl: 'https://sis.example.org/ims/oneroster/v1p1/',
      authMode: 'oauth2',
      accessKey: 'client-1',
      tokenUrl: 'https://auth.example.org/oauth/token?appName=Classroom',
      version: '1.1',
    });
  });

  it('refuses OAuth 1.0a with 1.2, beside the sign-in method, in words', () => {
    useLocale('en');
    const checked = checkConnectionDraft({ ...OAUTH1, version: '1.2' }, { secretAvailable: false });
    expect(checked).toEqual({
      ok: false,
      errors: {
        authMode: 'OneRoster 1.2 signs in with OAuth 2 only. Choose OAuth 2, or OneRoster 1.1.',
      },
    });
    expect(checkConnectionDraft({ ...OAUTH1, version: '1.1' }, { secretAvailable: false }).ok).toBe(
      true,
    );
  });

  it('refuses a version the SIS does not offer', () => {
    useLocale('en');
    const checked = checkConnectionDraft(
      { ...OAUTH2, partner: 'aeries', version: '1.2' },
      { secretAvailable: false },
    );
    expect(checked).toMatchObject({
      ok: false,
      errors: { version: 'Aeries does not offer OneRoster 1.2.' },
    });
  });

  it('checks the gradebook override with the Host URL rules', () => {
    useLocale('en');
    const checked = checkConnectionDraft(
      { ...IC12, gradebookUrl: 'http://gb.example.org/x?y=1' },
      { secretAvailable: false },
    );
    expect(checked).toMatchObject({ ok: false, errors: { gradebookUrl: expect.any(String) } });
    expect(checked.ok ? undefined : checked.errors.gradebookUrl).toBe(
      describeSisUrlProblem('not-https'),
    );
  });

  it('asks for the requested origins of every base: the gradebook’s too when it is elsewhere', () => {
    const fields = {
      hostUrl: 'https://sis.example.org/ims/oneroster/',
      tokenUrl: 'https://sis.example.org/t',
    };
    expect(
      connectionOrigins({ ...fields, version: '1.2', gradebookUrl: 'https://gb.example.org/g/' }),
    ).toEqual(['https://sis.example.org', 'https://gb.example.org']);
    // A 1.1 connection never talks to a gradebook override.
    expect(connectionOrigins({ ...fields, gradebookUrl: 'https://gb.example.org/g/' })).toEqual([
      'https://sis.example.org',
    ]);
  });

  it('does not send a kept secret to a newly typed gradebook origin', () => {
    const kept = {
      source: 'saved' as const,
      boundTo: {
        hostUrl: IC12.hostUrl,
        tokenUrl: IC12.tokenUrl,
        accessKey: 'client',
        authMode: 'oauth2' as const,
      },
    };
    const { secret: _typed, ...draft } = IC12;
    const elsewhere = checkConnectionDraft(
      { ...draft, gradebookUrl: 'https://evil.example.org/gradebook/v1p2/' },
      { secretAvailable: true, kept: { secret: kept } },
    );
    expect(elsewhere).toMatchObject({ ok: false, errors: { secret: expect.any(String) } });
    expect(
      bindingChanges(kept.boundTo, {
        ...draft,
        accessKey: 'client',
        gradebookUrl: 'https://evil.example.org/g/',
      }),
    ).toEqual(['gradebookUrl']);
    // The Host URL's own origin, or the override it was authorized with, are fine.
    const sameOrigin = checkConnectionDraft(
      { ...draft, gradebookUrl: 'https://d.infinitecampus.org/other/gradebook/v1p2/' },
      { secretAvailable: true, kept: { secret: kept } },
    );
    expect(sameOrigin.ok).toBe(true);
    const bound = { ...kept.boundTo, gradebookUrl: 'https://gb.example.org/g/' };
    expect(
      bindingChanges(bound, {
        ...draft,
        accessKey: 'client',
        gradebookUrl: 'https://gb.example.org/h/',
      }),
    ).toEqual([]);
  });

  it('marks the field a failed Authorize points at, by code (wrong-base by service)', () => {
    expect(fieldForAuthorizeError('token-rejected')).toBe('secret');
    expect(fieldForAuthorizeError('wrong-base', { service: 'rostering' })).toBe('hostUrl');
    expect(fieldForAuthorizeError('wrong-base', { service: 'gradebook' })).toBe('hostUrl');
    expect(
      fieldForAuthorizeError('wrong-base', { service: 'gradebook', gradebookOverridden: true }),
    ).toBe('gradebookUrl');
    expect(fieldForAuthorizeError('no-such-code')).toBeUndefined();
    expect(draftField('gradebookUrl')).toBe('gradebookUrl');
    expect(draftField('__proto__')).toBeUndefined();
  });
});
