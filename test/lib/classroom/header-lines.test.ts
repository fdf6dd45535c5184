import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDueLine, parsePointsLine } from '@/lib/classroom/header-lines';

describe('parsePointsLine', () => {
  it.each([
    ['out of 100', 100],
    ['Out of 12.5', 12.5],
    ['100 points', 100],
    ['1 point', 1],
    ['van 100', 100],
    ['van de 20', 20],
    ['uit 10', 10],
    ['100 punten', 100],
    ['8,5 punten', 8.5],
    ['/50', 50],
    ['out of 0', null], // zero points is ungraded, as in the API
    ['Ungraded', null],
    ['Zonder cijfer', null],
  ])('%j → %o', (line, expected) => {
    expect(parsePointsLine(line)).toBe(expected);
  });

  it.each(['Homework', 'Sep 12', 'out of', 'Quiz 100', ''])('%j is not a points line', (line) => {
    expect(parsePointsLine(line)).toBeUndefined();
  });
});

describe('parseDueLine', () => {
  it.each([
    ['Sep 12', { kind: 'date', date: { month: 9, day: 12 } }],
    ['Due Sep 19, 2025', { kind: 'date', date: { year: 2025, month: 9, day: 19 } }],
    ['Due Oct 3, 11:59 PM', { kind: 'date', date: { month: 10, day: 3 } }],
    ['September 30', { kind: 'date', date: { month: 9, day: 30 } }],
    ['12 sep.', { kind: 'date', date: { month: 9, day: 12 } }],
    ['3 okt.', { kind: 'date', date: { month: 10, day: 3 } }],
    ['Inleverdatum: 19 sep. 2025', { kind: 'date', date: { year: 2025, month: 9, day: 19 } }],
    ['1 mrt. om 09:00', { kind: 'date', date: { month: 3, day: 1 } }],
    ['Feb 29', { kind: 'date', date: { month: 2, day: 29 } }],
    ['No due date', { kind: 'none' }],
    ['Geen inleverdatum', { kind: 'none' }],
    ['Due today', { kind: 'unplaced' }],
    ['Morgen', { kind: 'unplaced' }],
    ['Due Feb 30', { kind: 'unplaced' }], // a due line, but no such day
  ])('%j → %o', (line, expected) => {
    expect(parseDueLine(line)).toEqual(expected);
  });

  it.each(['Homework', 'Huiswerk', 'Quiz 1', 'Sep 32', 'Feb 29, 2025', 'out of 100'])(
    '%j is not a due line',
    (line) => {
      expect(parseDueLine(line)).toBeUndefined();
    },
  );

  it('never throws, and any date it finds exists in the calendar', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (line) => {
        const due = parseDueLine(line);
        if (due?.kind !== 'date') return;
        const { year = 2024, month, day } = due.date;
        expect(new Date(Date.UTC(year, month - 1, day)).getUTCDate()).toBe(day);
      }),
    );
  });
});
