import fc from 'fast-check';
import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { ID_NAMESPACE, lineItemIdFor, resultIdFor } from '@/lib/export/plan';

describe('deterministic ids', () => {
  it('are frozen: these exact ids were exported before and must never change', () => {
    // If this fails, the namespace or the name scheme changed and every re-export would
    // duplicate all line items and results in every school's SIS. (Values cross-checked with
    // Python's uuid.uuid5.)
    expect(ID_NAMESPACE).toBe('6f0b3f8e-4c1a-5d2b-9a7e-3c5d1e2f4a60');
    expect(lineItemIdFor('596177745468', '150647407422')).toBe(
      '137c4650-6510-5f5e-907d-e706d1365bb9',
    );
    expect(resultIdFor('5b0e6a36-2f2c-5c39-8a9f-1b7a0f4a1d3e', 'stu-1')).toBe(
      'b73c015d-86e0-54e7-b8df-ae193397a82a',
    );
  });

  it('are UUIDv5, stable, and distinct for distinct inputs', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (course, cw, student) => {
        const id = lineItemIdFor(course, cw);
        expect(validate(id) && version(id)).toBe(5);
        expect(lineItemIdFor(course, cw)).toBe(id);
        expect(resultIdFor(id, student)).toBe(resultIdFor(id, student));
      }),
    );
    expect(lineItemIdFor('1', '23')).not.toBe(lineItemIdFor('12', '3'));
    expect(lineItemIdFor('1', '2')).not.toBe(lineItemIdFor('2', '1'));
    const item = lineItemIdFor('1', '2');
    expect(resultIdFor(item, 'a')).not.toBe(resultIdFor(item, 'b'));
    expect(resultIdFor(item, 'a')).not.toBe(resultIdFor(lineItemIdFor('1', '3'), 'a'));
  });
});
