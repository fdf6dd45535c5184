/** The 1.1 filter grammar: predicates, quoting, one logical join, and refusals. */
import { describe, expect, it } from 'vitest';
import { FIELDS } from '../../sandbox/fields.ts';
import { matches, parseFilter } from '../../sandbox/filter.ts';
import { ImsxError } from '../../sandbox/imsx.ts';

const users = FIELDS.users;
const siobhan = {
  sourcedId: 'u1',
  status: 'active',
  givenName: 'Siobhán',
  familyName: "O'Brien",
  email: 'siobhan.obrien@x.org',
  grades: ['09', '10'],
  orgs: [{ sourcedId: 'school-1', type: 'org' }],
  enabledUser: true,
};
const test = (filter: string, entity: object = siobhan) =>
  matches(entity, parseFilter(filter, users));

describe('filter', () => {
  it("unescapes '' inside a quoted value", () => {
    expect(parseFilter("familyName='O''Brien'", users).left.value).toBe("O'Brien");
    expect(test("familyName='O''Brien'")).toBe(true);
    expect(test("familyName='O''Brien '")).toBe(false);
  });

  it('supports every operator', () => {
    expect(test("givenName='Siobhán'")).toBe(true);
    expect(test("givenName='siobhán'")).toBe(false); // '=' is exact
    expect(test("givenName!='Zoë'")).toBe(true);
    expect(test("email~'OBRIEN'")).toBe(true); // '~' contains, case-insensitive
    expect(test("familyName>'N'")).toBe(true);
    expect(test("familyName<'N'")).toBe(false);
    expect(test("familyName>='O''Brien'")).toBe(true);
    expect(test("familyName<='O'")).toBe(false);
    expect(test("enabledUser='true'")).toBe(true);
  });

  it('compares numbers numerically and dates as ISO strings', () => {
    const result = { score: 300, scoreDate: '2025-10-02' };
    const f = (text: string) => matches(result, parseFilter(text, FIELDS.results));
    expect(f("score>'99'")).toBe(true);
    expect(f("score<'1000'")).toBe(true);
    expect(f("scoreDate>='2025-10-01'")).toBe(true);
  });

  it('matches any element of arrays and dotted GUIDRef fields', () => {
    expect(test("grades='10'")).toBe(true);
    expect(test("grades!='10'")).toBe(false);
    expect(test("orgs.sourcedId='school-1'")).toBe(true);
  });

  it('joins two predicates with one AND or OR', () => {
    expect(test("status='active' AND familyName~'brien'")).toBe(true);
    expect(test("status='tobedeleted' AND familyName~'brien'")).toBe(false);
    expect(test("status='tobedeleted' OR familyName~'brien'")).toBe(true);
    expect(test("email='a AND b' OR givenName='Siobhán'")).toBe(true); // AND inside quotes is data
  });

  it.each([
    ["status='active' AND givenName='x' OR familyName='y'", /at most one AND\/OR/],
    ["nickname='x'", /unknown field 'nickname'/],
    ['status=active', /single quotes/],
    ["status='active", /unterminated/],
    ["status=='active'", /single quotes/],
    ["status='active' familyName='x'", /AND or OR/],
    ['', /field name/],
  ])('refuses %j', (text, message) => {
    let error: unknown;
    try {
      parseFilter(text, users);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ImsxError);
    expect((error as ImsxError).status).toBe(400);
    expect((error as ImsxError).codeMinor).toBe('invalid_filter_field');
    expect((error as ImsxError).message).toMatch(message);
  });
});
