/**
 * Parses the text of one Grades-page cell ("85 out of 100", "0 out of 10 Draft • Missing",
 * "Assigned No grade", "8,5 van 10", …) into a state and a score. Page: Grades.
 *
 * Strict by design: every character must be a known word, a separator or a number in a known
 * place; anything else makes the cell `unreadable` (shown to the teacher, never exported) and
 * then no score is returned, so a cell we do not understand can never produce a number.
 * Never throws.
 */

import {
  CELL_SEPARATORS,
  CELL_WORDS,
  type CellWordMeaning,
  OUT_OF_WORDS,
} from './grade-vocabulary';
import type { GradeState } from './model';

/** One cell, understood. `score` is a decimal ≥ 0 (extra credit may exceed `outOf`). */
export interface ParsedCell {
  state: GradeState;
  score?: number;
  /** The maximum shown in the cell ("/20"), when shown. */
  outOf?: number;
  /** The page marks the score as a draft (not yet returned to the student). */
  draft: boolean;
  /** The work was turned in late. */
  late: boolean;
}

// Up to 5 integer and 2 decimal digits (the API rounds grades to 2 dp); "1,234" is ambiguous
// between a Dutch decimal and an English thousands separator, so it fails and is unreadable.
const NUMBER = '(\\d{1,5}(?:[.,]\\d{1,2})?)(?![\\d]|[.,]\\d)';
const OUT_OF = OUT_OF_WORDS.map((word) => word.replace('/', '\\/')).join('|');
const SCORE = new RegExp(`${NUMBER}(?:\\s*(?:${OUT_OF})\\s*${NUMBER})?`, 'y');
const MAX_ONLY = new RegExp(`\\/\\s*${NUMBER}`, 'y');
const WORDS = Object.keys(CELL_WORDS).sort((a, b) => b.length - a.length);

const toNumber = (text: string) => Number(text.replace(',', '.'));
const UNREADABLE: ParsedCell = Object.freeze({ state: 'unreadable', draft: false, late: false });

// A gradebook repeats a small vocabulary ("Assigned No grade", "Missing", "85 /100") thousands of
// times, so results are remembered by text (frozen, so sharing them is safe). Bounded: a page
// with more distinct texts than this just starts the memo over.
const MEMO_LIMIT = 10_000;
const memo = new Map<string, ParsedCell>();

/** Parses one cell's visible text (pieces already joined by spaces). */
export function parseGradeCell(raw: string): ParsedCell {
  const known = memo.get(raw);
  if (known) return known;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const parsed = Object.freeze(parse(raw));
  memo.set(raw, parsed);
  return parsed;
}

function parse(raw: string): ParsedCell {
  const text = raw.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  let score: number | undefined;
  let outOf: number | undefined;
  const meaning: CellWordMeaning = {};
  let position = 0;
  let sawAnything = false;
  while (position < text.length) {
    CELL_SEPARATORS.lastIndex = position;
    if (CELL_SEPARATORS.test(text)) {
      position = CELL_SEPARATORS.lastIndex;
      continue;
    }
    sawAnything = true;
    SCORE.lastIndex = position;
    const scoreMatch = SCORE.exec(text);
    if (scoreMatch) {
      if (score !== undefined) return UNREADABLE; // two scores in one cell
      score = toNumber(scoreMatch[1] ?? '');
      if (scoreMatch[2] !== undefined) outOf = toNumber(scoreMatch[2]);
      position = SCORE.lastIndex;
      continue;
    }
    MAX_ONLY.lastIndex = position;
    const maxMatch = MAX_ONLY.exec(text);
    if (maxMatch && outOf === undefined) {
      outOf = toNumber(maxMatch[1] ?? '');
      position = MAX_ONLY.lastIndex;
      continue;
    }
    const word = WORDS.find((candidate) => text.startsWith(candidate, position));
    if (!word) return UNREADABLE;
    Object.assign(meaning, CELL_WORDS[word]);
    position += word.length;
  }
  if (!sawAnything) return { state: 'empty', draft: false, late: false };
  return resolve(meaning, score, outOf);
}

/** Decides the one state of a cell from everything it said. */
function resolve(meaning: CellWordMeaning, score: number | undefined, outOf?: number): ParsedCell {
  const late = meaning.late === true;
  const draft = meaning.draft === true;
  const cell = { late, draft, ...(outOf === undefined ? {} : { outOf }) };
  const withScore = score === undefined ? {} : { score };
  // A number next to "No grade" contradicts itself.
  if (score !== undefined && meaning.noGrade) return UNREADABLE;
  if (meaning.excused) return { state: 'excused', ...cell, ...withScore };
  if (meaning.missing) return { state: 'missing', ...cell, ...withScore };
  if (score !== undefined) return { state: draft ? 'draft' : 'returned', ...cell, score };
  if (draft) return { state: 'draft', ...cell };
  if (meaning.turnedIn || meaning.graded || late) return { state: 'turned-in', ...cell };
  return { state: 'assigned', ...cell };
}
