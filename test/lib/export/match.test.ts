import { describe, expect, it } from 'vitest';
import { matchStudents, nameKey, type SisStudent } from '@/lib/export/match';

const SIS: SisStudent[] = [
  { sourcedId: 's-zoe', givenName: 'Zoe', familyName: 'Muller', email: 'ZMULLER@school.org' },
  {
    sourcedId: 's-siobhan',
    givenName: 'Siobhán',
    familyName: "O'Brien",
    email: 'sobrien@school.org',
  },
  { sourcedId: 's-jose', givenName: 'José', familyName: 'Álvarez' },
  { sourcedId: 's-kim-1', givenName: 'Min', familyName: 'Kim' },
  { sourcedId: 's-kim-2', givenName: 'Min', familyName: 'Kim' },
  { sourcedId: 's-ana', givenName: 'Ana', familyName: 'Silva' },
];

describe('nameKey', () => {
  it.each([
    ['Zoë Müller', 'Müller, Zoë'],
    ['Siobhán O’Brien', 'OBrien, Siobhan'],
    ['  josé   ÁLVAREZ ', 'Alvarez, Jose'],
    ['Anne-Marie Dupont', 'Dupont, Anne Marie'],
  ])('%j and %j are the same person', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it('keeps different people apart', () => {
    expect(nameKey('Ana Silva')).not.toBe(nameKey('Ana Silvia'));
  });
});

describe('matchStudents', () => {
  it('matches by email ignoring case, then by normalised name, reporting how', () => {
    const report = matchStudents(
      [
        { key: 'c-zoe', name: 'Zoë Müller', email: 'zmuller@school.org' },
        { key: 'c-siobhan', name: 'O’Brien, Siobhán' },
        { key: 'c-jose', name: 'Jose Alvarez', email: 'jose@elsewhere.org' },
      ],
      SIS,
    );
    expect(report.matched).toEqual([
      { key: 'c-zoe', sisStudentId: 's-zoe', by: 'email' },
      { key: 'c-siobhan', sisStudentId: 's-siobhan', by: 'name' },
      { key: 'c-jose', sisStudentId: 's-jose', by: 'name' },
    ]);
    expect(report.unmatched).toEqual([]);
    expect(report.unusedSisStudentIds).toEqual(['s-kim-1', 's-kim-2', 's-ana']);
  });

  it('never guesses between two SIS students with the same name', () => {
    const report = matchStudents([{ key: 'c-kim', name: 'Min Kim' }], SIS);
    expect(report.matched).toEqual([]);
    expect(report.unmatched).toEqual([
      { key: 'c-kim', reason: 'ambiguous', candidates: ['s-kim-1', 's-kim-2'] },
    ]);
  });

  it('never gives one SIS student to two Classroom students with the same name', () => {
    const report = matchStudents(
      [
        { key: 'a', name: 'Ana Silva' },
        { key: 'b', name: 'Silva, Ana' },
      ],
      SIS,
    );
    expect(report.matched).toEqual([]);
    expect(report.unmatched.map((u) => u.reason)).toEqual(['ambiguous', 'ambiguous']);
  });

  it('lets the teacher decide: manual choices win, null excludes, stale choices are dropped', () => {
    const report = matchStudents(
      [
        { key: 'c-kim', name: 'Min Kim' },
        { key: 'c-zoe', name: 'Zoë Müller', email: 'zmuller@school.org' },
        { key: 'c-ana', name: 'Ana Silva' },
      ],
      SIS,
      { 'c-kim': 's-kim-2', 'c-zoe': null, 'c-ana': 'left-the-class' },
    );
    expect(report.matched).toEqual([
      { key: 'c-kim', sisStudentId: 's-kim-2', by: 'manual' },
      { key: 'c-ana', sisStudentId: 's-ana', by: 'name' },
    ]);
    expect(report.unmatched).toEqual([{ key: 'c-zoe', reason: 'excluded', candidates: [] }]);
  });

  it('reports students with no candidate at all', () => {
    const report = matchStudents([{ key: 'x', name: 'Nobody Here', email: 'n@h.org' }], SIS);
    expect(report.unmatched).toEqual([{ key: 'x', reason: 'no-match', candidates: [] }]);
  });

  it('a SIS student taken by email is not offered again by name', () => {
    const report = matchStudents(
      [
        { key: 'by-email', name: 'Somebody Else', email: 'zmuller@school.org' },
        { key: 'by-name', name: 'Zoë Müller' },
      ],
      SIS,
    );
    expect(report.matched).toEqual([{ key: 'by-email', sisStudentId: 's-zoe', by: 'email' }]);
    expect(report.unmatched).toEqual([{ key: 'by-name', reason: 'no-match', candidates: [] }]);
  });
});
