import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CELL_WORDS,
  parseDueLine,
  parseGradeCell,
  parsePointsLine,
} from '@/lib/classroom/gradebook-text';
import { GradeStateSchema } from '@/lib/classroom/model';

describe('parseGradeCell', () => {
  it.each([
    // English, from the copied Grades page [verified strings]
    ['85 out of 100', { state: 'returned', score: 85, outOf: 100 }],
    ['0 out of 10 Draft•Missing', { state: 'missing', score: 0, outOf: 10, draft: true }],
    ['AssignedNo grade', { state: 'assigned' }],
    ['/20No grade Done late', { state: 'turned-in', outOf: 20, late: true }],
    ['Excused', { state: 'excused' }],
    // English, as the fixtures lay the pieces out
    ['92 /100', { state: 'returned', score: 92, outOf: 100 }],
    ['78 /100 Draft', { state: 'draft', score: 78, outOf: 100, draft: true }],
    ['15 /20 Done late', { state: 'returned', score: 15, outOf: 20, late: true }],
    ['/100 No grade Turned in', { state: 'turned-in', outOf: 100 }],
    ['Turned in late', { state: 'turned-in', late: true }],
    ['Done', { state: 'turned-in' }],
    ['Returned', { state: 'turned-in' }],
    ['Missing', { state: 'missing' }],
    ['Draft', { state: 'draft', draft: true }],
    ['104/100', { state: 'returned', score: 104, outOf: 100 }],
    ['88.5/100', { state: 'returned', score: 88.5, outOf: 100 }],
    ['9.25', { state: 'returned', score: 9.25 }],
    ['  EXCUSED  ', { state: 'excused' }],
    ['85\u00a0out\u00a0of\u00a0100', { state: 'returned', score: 85, outOf: 100 }],
    // Dutch [assumed strings]
    ['8,5 van 10', { state: 'returned', score: 8.5, outOf: 10 }],
    ['85 van de 100', { state: 'returned', score: 85, outOf: 100 }],
    ['85 uit 100', { state: 'returned', score: 85, outOf: 100 }],
    ['0 van de 10 Concept • Ontbreekt', { state: 'missing', score: 0, outOf: 10, draft: true }],
    ['Toegewezen Geen cijfer', { state: 'assigned' }],
    ['/20 Geen cijfer Te laat ingeleverd', { state: 'turned-in', outOf: 20, late: true }],
    ['Vrijgesteld', { state: 'excused' }],
    ['Ingeleverd', { state: 'turned-in' }],
    ['Teruggegeven', { state: 'turned-in' }],
    ['78 /100 Concept', { state: 'draft', score: 78, outOf: 100, draft: true }],
    // Nothing to show
    ['', { state: 'empty' }],
    ['   ', { state: 'empty' }],
    ['•', { state: 'empty' }],
  ])('%j → %o', (raw, expected) => {
    expect(parseGradeCell(raw)).toEqual({ draft: false, late: false, ...expected });
  });

  it.each([
    'Resubmitted',
    'Opnieuw ingeleverd',
    'N/A',
    '85%',
    '1,234', // Dutch decimal or English thousands? Not guessed.
    '9.999',
    '85 out of',
    '-5',
    '85 90',
    '85 No grade',
    'Draftsman',
    '½',
    'abc 85',
    '85 out of 100 (late penalty)',
  ])('%j is unreadable and has no score', (raw) => {
    expect(parseGradeCell(raw)).toEqual({ state: 'unreadable', draft: false, late: false });
  });
});

const numeralsIn = (text: string) =>
  [...text.normalize('NFKC').matchAll(/\d+(?:[.,]\d+)?/g)].map((m) =>
    Number(m[0].replace(',', '.')),
  );

describe('parseGradeCell on arbitrary text', () => {
  const cellText = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc
      .array(fc.constantFrom(...Object.keys(CELL_WORDS), '85', '8,5', '/100', 'out of', '•', ' '))
      .map((parts) => parts.join(' ')),
  );

  it('never throws and always answers a known state with a sane score', () => {
    fc.assert(
      fc.property(cellText, (raw) => {
        const cell = parseGradeCell(raw);
        expect(GradeStateSchema.options).toContain(cell.state);
        if (cell.score !== undefined) {
          expect(Number.isFinite(cell.score) && cell.score >= 0).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never yields a score that is not written in the cell', () => {
    fc.assert(
      fc.property(cellText, (raw) => {
        const { score, state } = parseGradeCell(raw);
        if (score === undefined) return;
        expect(numeralsIn(raw)).toContain(score);
        expect(['returned', 'draft', 'missing', 'excused']).toContain(state);
      }),
      { numRuns: 2000 },
    );
  });

  it('never yields a score from text without digits', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((s) => !/\d/.test(s.normalize('NFKC'))),
        (raw) => {
          expect(parseGradeCell(raw).score).toBeUndefined();
        },
      ),
    );
  });

  it('gives up on a cell with any word it does not know, score or not', () => {
    // No cell word contains a "q", so a word with one can never be read as vocabulary.
    const unknownWord = fc
      .tuple(fc.stringMatching(/^[a-z]{0,6}$/), fc.stringMatching(/^[a-z]{0,6}$/))
      .map(([a, b]) => `${a}q${b}`);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 999, noNaN: true }), unknownWord, (score, word) => {
        const cell = parseGradeCell(`${score.toFixed(2)} out of 100 ${word}`);
        expect(cell).toEqual({ state: 'unreadable', draft: false, late: false });
      }),
    );
  });

  it('reads back any well-formed score, with a point or a comma', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99999 }),
        fc.constantFrom('', '.5', '.25', ',5', ',75'),
        fc.constantFrom(' out of ', '/', ' van de ', ' van ', ' uit '),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom('', ' Draft', ' Done late', ' Concept', ' Te laat ingeleverd'),
        (whole, fraction, word, max, status) => {
          const cell = parseGradeCell(`${whole}${fraction}${word}${max}${status}`);
          expect(cell.score).toBe(Number(`${whole}${fraction.replace(',', '.')}`));
          expect(cell.outOf).toBe(max);
          expect(cell.state).toBe(/Draft|Concept/.test(status) ? 'draft' : 'returned');
        },
      ),
    );
  });
});

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
