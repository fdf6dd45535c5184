import { describe, expect, it } from 'vitest';
import {
  checkHostUrl,
  checkTokenUrl,
  describeSisUrlProblem,
  originPattern,
  type SisUrlProblem,
} from '@/lib/sis/host-url';
import { useLocale } from '../../support/fake-i18n';

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
