import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildUrl, normaliseBaseUrl, resolveServerLink } from '@/lib/oneroster/url';

describe('normaliseBaseUrl', () => {
  it.each([
    ['https://sis.example.org/ims/oneroster/v1p1', 'https://sis.example.org/ims/oneroster/v1p1/'],
    ['https://sis.example.org/ims/oneroster/v1p1/', 'https://sis.example.org/ims/oneroster/v1p1/'],
    [
      'https://sis.example.org/ims/oneroster/v1p1///',
      'https://sis.example.org/ims/oneroster/v1p1/',
    ],
    [
      '  HTTPS://SIS.Example.ORG:443/Campus/oneroster/App/ims/oneroster/v1p1 ',
      'https://sis.example.org/Campus/oneroster/App/ims/oneroster/v1p1/',
    ],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
  ])('keeps the vendor prefix and ends in one slash: %s', (input, expected) => {
    expect(normaliseBaseUrl(input)).toBe(expected);
  });

  it.each([
    'ftp://sis.example.org/v1p1',
    'sis.example.org/ims/oneroster/v1p1',
    'https://sis.example.org/v1p1?appName=x',
    'https://sis.example.org/v1p1#x',
  ])('rejects %s', (input) => {
    expect(() => normaliseBaseUrl(input)).toThrow(TypeError);
  });
});

// Any id but the dot segments buildUrl rejects.
const id = fc
  .string({ unit: 'grapheme', minLength: 1 })
  .filter((text) => text !== '.' && text !== '..');

describe('buildUrl', () => {
  const base = 'https://sis.example.org/ims/oneroster/v1p1/';

  it('percent-encodes path segments, so an id cannot change the path', () => {
    expect(buildUrl(base, ['classes', 'a/b?c#d e', 'students'])).toBe(
      `${base}classes/a%2Fb%3Fc%23d%20e/students`,
    );
    expect(buildUrl(base, ['classes', '...'])).toBe(`${base}classes/...`);
  });

  it('encodes spaces as %20 and quotes as %27, never +', () => {
    const url = buildUrl(base, ['teachers'], {
      filter: "email='o'brien+x@school.org' AND status='active'",
      limit: 100,
      offset: 0,
    });
    expect(url).toBe(
      `${base}teachers?filter=email%3D%27o%27brien%2Bx%40school.org%27%20AND%20status%3D%27active%27&limit=100&offset=0`,
    );
    expect(url).not.toContain('+');
  });

  it('matches the signed URL of the verified OAuth 1.0a vector (research §E)', () => {
    expect(
      buildUrl(base, ['teachers'], { filter: "email='t.one@school.org'", limit: 100, offset: 0 }),
    ).toBe(`${base}teachers?filter=email%3D%27t.one%40school.org%27&limit=100&offset=0`);
  });

  it('leaves out undefined query values and rejects ids a URL parser would resolve away', () => {
    expect(buildUrl(base, ['orgs'], { filter: undefined, limit: 1 })).toBe(`${base}orgs?limit=1`);
    for (const id of ['', '.', '..']) {
      expect(() => buildUrl(base, ['classes', id])).toThrow(TypeError);
    }
  });

  it('produces URLs fetch sends unchanged (WHATWG canonical form), for any id and value', () => {
    fc.assert(
      fc.property(id, fc.string({ unit: 'grapheme' }), (id, value) => {
        const url = buildUrl(base, ['classes', id], { filter: value, limit: 5 });
        expect(new URL(url).href).toBe(url);
        expect(url).not.toContain('+');
        expect(new URL(url).searchParams.get('filter')).toBe(value);
      }),
    );
  });
});

describe('resolveServerLink', () => {
  const base = 'https://sis.example.org/ims/oneroster/v1p1/';
  const current = `${base}classes?limit=2&offset=0`;

  it('resolves relative and absolute links under the Base URL', () => {
    expect(resolveServerLink(base, current, 'classes?limit=2&offset=2')).toBe(
      `${base}classes?limit=2&offset=2`,
    );
    expect(resolveServerLink(base, current, `${base}classes?offset=4#x`)).toBe(
      `${base}classes?offset=4`,
    );
  });

  it.each([
    'https://evil.example.com/ims/oneroster/v1p1/classes',
    'http://sis.example.org/ims/oneroster/v1p1/classes',
    '/other/app/classes',
    'https://sis.example.org.evil.com/ims/oneroster/v1p1/classes',
  ])('refuses to send credentials outside the Base URL: %s', (link) => {
    expect(resolveServerLink(base, current, link)).toBeUndefined();
  });
});
