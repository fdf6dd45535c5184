import { describe, expect, it } from 'vitest';
import { isoDateTime, z } from '@/lib/zod';

const messageOf = (schema: z.ZodMiniType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map((issue) => issue.message).join('; ');
};

describe('zod issue messages', () => {
  it.each([
    ['a wrong type', z.string(), 42, 'expected string, received number'],
    ['null for an object', z.object({}), null, 'expected object, received null'],
    ['an array for an object', z.object({}), [], 'expected object, received array'],
    ['NaN', z.number(), Number.NaN, 'expected number, received NaN'],
    ['Infinity', z.number(), Number.POSITIVE_INFINITY, 'expected number, received Infinity'],
    ['a fraction for an integer', z.number().check(z.int()), 1.5, 'expected an integer'],
    ['a value outside an enum', z.enum(['a', 'b']), 'c', 'expected "a" | "b"'],
    ['a wrong literal', z.literal(true), false, 'expected true'],
    ['a long string', z.string().check(z.maxLength(3)), 'abcd', 'at most 3 characters'],
    ['a short array', z.array(z.number()).check(z.minLength(2)), [1], 'at least 2 items'],
    ['a small number', z.number().check(z.gt(0)), 0, 'more than 0'],
    ['a large number', z.number().check(z.lte(10)), 11, 'at most 10'],
    ['a bad email', z.email(), 'nope', 'not a valid email'],
    ['a bad pattern', z.string().check(z.regex(/^\d+$/)), 'x', 'not a valid value'],
    ['extra keys', z.strictObject({}), { a: 1, b: 2 }, 'unknown keys: a, b'],
    [
      'no union member',
      z.union([z.string(), z.number()]),
      true,
      'matches none of the allowed shapes',
    ],
  ])('describe %s', (_name, schema, input, expected) => {
    expect(messageOf(schema, input)).toBe(expected);
  });

  it('never contain the input value', () => {
    const secret = 'S3CRET-value';
    const schemas = [z.number(), z.email(), z.enum(['x']), z.string().check(z.maxLength(3))];
    for (const schema of schemas) expect(messageOf(schema, secret)).not.toContain(secret);
  });

  it('leave an explicit message alone', () => {
    const schema = z
      .string()
      .check(z.refine(() => false, { message: 'the snapshot is of another class' }));
    expect(messageOf(schema, '')).toBe('the snapshot is of another class');
  });
});

describe('isoDateTime', () => {
  it.each([
    '2026-11-28T10:00:00.000Z',
    '2026-11-28T10:00:00Z',
    '2026-11-28T10:00Z',
    new Date(0).toISOString(),
  ])('accepts %s', (text) => {
    expect(isoDateTime().safeParse(text).success).toBe(true);
  });

  it.each([
    ['a date without a time', '2026-11-28'],
    ['a local time', '2026-11-28T10:00:00'],
    ['an offset instead of Z', '2026-11-28T10:00:00+01:00'],
    ['an impossible month', '2026-13-01T00:00:00Z'],
    ['an impossible hour', '2026-11-28T25:00:00Z'],
    ['text around it', ' 2026-11-28T10:00:00Z'],
    ['not a string', 1764324000000],
  ])('refuses %s', (_name, value) => {
    expect(isoDateTime().safeParse(value).success).toBe(false);
  });
});
