import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  and,
  compare,
  contains,
  eq,
  FilterError,
  ne,
  or,
  quoteValue,
} from '@/lib/oneroster/filter';

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

  it('doubles apostrophes and joins at most two predicates', () => {
    expect(eq('familyName', "O'Brien").text).toBe("familyName='O''Brien'");
    expect(and(eq('status', 'active'), contains('familyName', "O'Brien")).text).toBe(
      "status='active' AND familyName~'O''Brien'",
    );
    expect(or(ne('role', 'aide'), compare('dateLastModified', '>=', '2024-01-01')).text).toBe(
      "role!='aide' OR dateLastModified>='2024-01-01'",
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
        const parsed = parseFilter(and(eq('email', a), eq('status', b)).text);
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
