import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeClassroomId } from '@/lib/classroom/classroom-id';

const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

describe('decodeClassroomId', () => {
  it.each([
    ['NTk2MTc3NzQ1NDY4', '596177745468'],
    ['ODQxNjY5MTU2NzQ0', '841669156744'],
    ['NzM4MjEwMjM0', '738210234'],
    ['MTExNTkwOTcxNjda', '11159097167'],
    ['NTQ5NzUyNTc2NjJa', '54975257662'],
    ['MTYzNzQ0Mzk4NjRa', '16374439864'],
    ['MTExNTkwOTcxNjc', '11159097167'], // same id, padding dropped instead of the Z
    ['MTExNTkwOTcxNjc=', null], // '=' never appears in a URL segment
  ])('%s → %s', (segment, expected) => {
    expect(decodeClassroomId(segment)).toBe(expected);
  });

  it.each([
    '',
    'bm90LWRpZ2l0cw',
    'MTIzYWJj',
    'NTk2MTc3NzQ1NDY4NTk2MTc3NzQ1NDY4NTk2MTc3NzQ1NDY4MTIzNDU2Nzg5',
  ])('rejects %j (empty, not digits, digits then letters, absurdly long)', (segment) => {
    expect(decodeClassroomId(segment)).toBeNull();
  });

  it('round-trips any numeric id, with or without padding', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,20}$/), (id) => {
        const encoded = b64(id);
        expect(decodeClassroomId(encoded.replace(/=+$/, ''))).toBe(id);
      }),
    );
  });

  it('never throws and only ever returns digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (segment) => {
        const decoded = decodeClassroomId(segment);
        expect(decoded === null || /^\d+$/.test(decoded)).toBe(true);
      }),
    );
  });

  it('returns null for text that is not a number once decoded', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'binary-ascii', minLength: 1, maxLength: 20 })
          .filter((s) => !/^\d+Z?$/.test(s)),
        (text) => {
          const segment = b64(text).replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
          expect(decodeClassroomId(segment)).toBeNull();
        },
      ),
    );
  });
});
