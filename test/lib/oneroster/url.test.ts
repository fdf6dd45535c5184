import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildUrl,
  compare,
  eq,
  FilterError,
  normaliseBaseUrl,
  quoteValue,
  resolveServerLink,
  toQueryString,
} from '@/lib/oneroster/url';

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

const BASE = 'https://sis.example.org/ims/oneroster/v1p1/teachers';
const anyString = fc.string({ unit: 'binary', maxLength: 30 });
const pairs = fc.array(fc.tuple(anyString, anyString), { maxLength: 6 });

describe('toQueryString', () => {
  it('encodes an AND filter with quotes and spaces the way the verified vector spells it', () => {
    expect(
      toQueryString({
        limit: 100,
        offset: 200,
        filter: "status='active' AND familyName~'O''Brien'",
      }),
    ).toBe(
      'limit=100&offset=200&filter=status%3D%27active%27%20AND%20familyName~%27O%27%27Brien%27',
    );
  });

  it('keeps repeated names in order and leaves out undefined values', () => {
    expect(
      toQueryString([
        ['fields', 'sourcedId'],
        ['sort', undefined],
        ['fields', 'email'],
        ['flag', true],
      ]),
    ).toBe('fields=sourcedId&fields=email&flag=true');
  });

  it('never writes a space as + (or as a raw space)', () => {
    fc.assert(
      fc.property(pairs, (params) => {
        const query = toQueryString(params);
        expect(query).not.toMatch(/[+ ]/);
        const spaces = params.flat().join('').split(' ').length - 1;
        expect(query.split('%20').length - 1).toBe(spaces);
      }),
    );
  });

  it('survives URL parsing unchanged, so fetch sends exactly what was signed', () => {
    fc.assert(
      fc.property(pairs, (params) => {
        const query = toQueryString(params);
        expect(new URL(`${BASE}?${query}`).search).toBe(query === '' ? '' : `?${query}`);
      }),
    );
  });

  it('round-trips through a form decoder', () => {
    fc.assert(
      fc.property(pairs, (params) => {
        expect([...new URLSearchParams(toQueryString(params))]).toEqual(params);
      }),
    );
  });
});

/**
 * A tiny reference parser for OneRoster 1.1 filters as a server reads them: `field op 'value'`
 * with `''` as an escaped quote, optionally joined by one AND/OR. Returns null on bad syntax.
 */
interface Parsed {
  field: string;
  op: string;
  value: string;
}
function parsePredicate(text: string, start: number): [Parsed, number] | null {
  const head = /^([A-Za-z_][A-Za-z0-9_.]*)(!=|>=|<=|=|>|<|~)'/.exec(text.slice(start));
  if (!head) return null;
  let i = start + head[0].length;
  let value = '';
  for (;;) {
    if (i >= text.length) return null;
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return [{ field: head[1] ?? '', op: head[2] ?? '', value }, i + 1];
    }
    value += text[i];
    i++;
  }
}
function parseFilter(text: string): { predicates: Parsed[]; join?: string } | null {
  const first = parsePredicate(text, 0);
  if (!first) return null;
  const [left, end] = first;
  if (end === text.length) return { predicates: [left] };
  const join = / (AND|OR) /.exec(text.slice(end, end + 5));
  if (join?.index !== 0) return null;
  const second = parsePredicate(text, end + join[0].length);
  if (!second || second[1] !== text.length) return null;
  return { predicates: [left, second[0]], join: join[1] };
}

const hasControl = (text: string) =>
  [...text].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code < 0xa0);
  });

// Everything a teacher email, title or id could hold, apostrophes and quotes weighted in.
const value = fc
  .oneof(
    fc.string({ unit: 'grapheme' }),
    fc.stringMatching(/^[a-z' ]*$/),
    fc.constantFrom("O'Brien", "''", "'", "x' OR '1'='1", "a' AND status='active"),
  )
  .filter((text) => !hasControl(text));
const field = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}(\.[A-Za-z_][A-Za-z0-9_]{0,10})?$/);

describe('filter builder', () => {
  it('renders the filters Google sends', () => {
    expect(eq('email', 't.one@school.org').text).toBe("email='t.one@school.org'");
    expect(eq('status', 'active').text).toBe("status='active'");
    expect(eq('sourcedId', 'CLS_42').text).toBe("sourcedId='CLS_42'");
  });

  it('doubles apostrophes; renders every comparison', () => {
    expect(eq('familyName', "O'Brien").text).toBe("familyName='O''Brien'");
    expect(compare('familyName', '~', "O'Brien").text).toBe("familyName~'O''Brien'");
    expect(compare('dateLastModified', '>=', '2024-01-01').text).toBe(
      "dateLastModified>='2024-01-01'",
    );
    expect(eq('score', 80).text).toBe("score='80'");
  });

  it.each([
    ['a control character', () => eq('title', 'line\nbreak')],
    ['NUL', () => eq('title', 'a\u0000b')],
    ['an unpaired surrogate', () => eq('title', '\ud800x')],
    ['a non-finite number', () => eq('score', Number.NaN)],
    ['a field that needs quoting', () => eq("email' OR '1", 'x')],
    ['an empty field', () => eq('', 'x')],
  ])('rejects %s', (_name, build) => {
    expect(build).toThrow(FilterError);
  });

  it('round-trips any value through the reference parser', () => {
    fc.assert(
      fc.property(field, value, (name, text) => {
        expect(parseFilter(eq(name, text).text)).toEqual({
          predicates: [{ field: name, op: '=', value: text }],
        });
      }),
    );
  });

  it('never lets a value break out of its quotes into a second predicate', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const parsed = parseFilter(`${eq('email', a).text} AND ${eq('status', b).text}`);
        expect(parsed?.join).toBe('AND');
        expect(parsed?.predicates.map((p) => p.value)).toEqual([a, b]);
        // A single predicate stays a single predicate, whatever the value says.
        expect(parseFilter(eq('email', a).text)?.predicates).toHaveLength(1);
      }),
    );
  });

  it('either quotes a value safely or refuses it with a FilterError, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        let quoted: string | undefined;
        try {
          quoted = quoteValue(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FilterError);
          expect(hasControl(text) || !text.isWellFormed()).toBe(true);
          return;
        }
        expect(parseFilter(`f=${quoted}`)?.predicates).toEqual([
          { field: 'f', op: '=', value: text },
        ]);
      }),
    );
  });

  it('quotes values so the quote count is always even', () => {
    fc.assert(
      fc.property(value, (text) => {
        const quoted = quoteValue(text);
        expect(quoted.startsWith("'") && quoted.endsWith("'")).toBe(true);
        expect((quoted.match(/'/g) ?? []).length % 2).toBe(0);
      }),
    );
  });
});
