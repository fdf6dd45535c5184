import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentEncode } from '@/lib/auth/http';

// An independent reference for RFC 3986 §2.1/§2.3: UTF-8 bytes, unreserved ASCII kept,
// everything else as %XX with uppercase hex.
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
function referenceEncode(value: string): string {
  return Array.from(new TextEncoder().encode(value), (byte) => {
    const char = String.fromCharCode(byte);
    return UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

const anyString = fc.string({ unit: 'binary', maxLength: 40 });

describe('percentEncode', () => {
  it.each([
    ['space as %20, never +', 'a b', 'a%20b'],
    ['a literal + as %2B', 'a+b', 'a%2Bb'],
    ["the five characters encodeURIComponent leaves: ! ' ( ) *", "!'()*", '%21%27%28%29%2A'],
    ['unreserved characters unchanged', 'AZaz09-._~', 'AZaz09-._~'],
    ['reserved delimiters', '=&/?#:@,;$[]', '%3D%26%2F%3F%23%3A%40%2C%3B%24%5B%5D'],
    ['percent itself', '100%', '100%25'],
    ['non-ASCII as UTF-8 bytes', 'é😀', '%C3%A9%F0%9F%98%80'],
    ['an empty string', '', ''],
  ])('encodes %s', (_name, input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it('matches the RFC 3986 reference for any string', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        expect(percentEncode(value)).toBe(referenceEncode(value));
      }),
    );
  });

  it('emits only unreserved characters and %XX triplets, and decodes back', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const encoded = percentEncode(value);
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(value);
      }),
    );
  });
});
