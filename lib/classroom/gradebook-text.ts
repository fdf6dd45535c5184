/**
 * The text of the Grades page: what a grade cell says ("85 out of 100", "0 out of 10 Draft •
 * Missing", "Assigned No grade", "8,5 van 10", …) and what a column header says besides its title
 * (the points line and the due-date line), with the words Classroom uses for them in English and
 * Dutch. Page: Grades. Pure: text in, a value out; never throws.
 */
import type { DueDate, GradeState } from './model';

/*
 * The words Classroom shows in Grades-page cells, in English and Dutch.
 *
 * Provenance, per word (shared/reference/classroom-research.md §2, "Grades tab"):
 * - [verified] English cell text from a public parser of the copied Grades page: "85 out of
 *   100", "AssignedNo grade", "/20No grade" then "Done late", "0 out of 10 Draft•Missing",
 *   "Excused". Student-status words "Turned in", "Turned in late", "Returned", "Done" come from
 *   the student view's status labels (research §2 table), assumed to be reused in cells.
 * - [verified as Classroom Dutch] "Toegewezen", "Ingeleverd", "Beoordeeld", "Teruggegeven": the
 *   work statuses in Google's Dutch teacher help (support.google.com/edu/classroom/answer/6020294
 *   ?hl=nl); "90 van de 100 punten" and "90/100" in the Dutch grading help (answer/9184995?hl=nl).
 *   That these exact words appear in Grades cells is [assumed].
 * - [assumed] every other Dutch word: "Concept" (draft), "Ontbreekt" (missing), "Vrijgesteld"
 *   (excused), "Te laat ingeleverd" (done late), "Geen cijfer" (no grade), "Klaar" (done), and
 *   the separators "van de", "van", "uit". Confirm against a Dutch Classroom and edit here.
 * The parser accepts both languages at once (no word means different things in the two), so it
 * does not depend on the page's `lang`.
 */

/** What a cell word tells about the submission. */
interface CellWordMeaning {
  draft?: true;
  missing?: true;
  excused?: true;
  late?: true;
  turnedIn?: true;
  assigned?: true;
  noGrade?: true;
  graded?: true;
}

/** Cell words, lower case. Longer phrases are tried first by the parser. */
export const CELL_WORDS: Readonly<Record<string, CellWordMeaning>> = {
  // English [verified, see above]
  draft: { draft: true },
  missing: { missing: true },
  excused: { excused: true },
  'done late': { turnedIn: true, late: true },
  'turned in late': { turnedIn: true, late: true },
  'turned in': { turnedIn: true },
  done: { turnedIn: true },
  returned: { graded: true },
  assigned: { assigned: true },
  'no grade': { noGrade: true },
  // English [assumed]: a bare late marker and the Student-work "Graded" status
  late: { late: true },
  graded: { graded: true },
  // Dutch [verified as Classroom Dutch status words; assumed in cells]
  toegewezen: { assigned: true },
  ingeleverd: { turnedIn: true },
  beoordeeld: { graded: true },
  teruggegeven: { graded: true },
  // Dutch [assumed]
  concept: { draft: true },
  conceptcijfer: { draft: true },
  ontbreekt: { missing: true },
  ontbrekend: { missing: true },
  vrijgesteld: { excused: true },
  'te laat ingeleverd': { turnedIn: true, late: true },
  'laat ingeleverd': { turnedIn: true, late: true },
  'te laat': { late: true },
  klaar: { turnedIn: true },
  'geen cijfer': { noGrade: true },
};

/**
 * Words between a score and its maximum: "85 out of 100" [verified], "85/100" [verified],
 * "85 van de 100" / "85 van 100" / "85 uit 100" [assumed].
 */
export const OUT_OF_WORDS = ['out of', 'van de', 'van', 'uit', '/'] as const;

/** Characters Classroom puts between cell words ("Draft•Missing" [verified]). */
const CELL_SEPARATORS = /[\s•·|]+/y;

/*
 * One cell's text becomes a state and a score.
 *
 * Strict by design: every character must be a known word, a separator or a number in a known
 * place; anything else makes the cell `unreadable` (shown to the teacher, never exported) and
 * then no score is returned, so a cell we do not understand can never produce a number.
 * Never throws.
 */

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

// Up to 5 integer and 2 decimal digits (the API rounds grades to 2 dp).
const DECIMAL = '(\\d{1,5}(?:[.,]\\d{1,2})?)';
// In a cell, "1,234" is ambiguous between a Dutch decimal and an English thousands separator,
// so it fails and is unreadable.
const NUMBER = `${DECIMAL}(?![\\d]|[.,]\\d)`;
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

/*
 * The text lines of a column header besides the title: the points line and the due-date line.
 * Provenance:
 * - [verified] "out of <N>" under the title (public parser of the copied Grades page);
 *   "100 points" and "Ungraded" as grade labels on assignment pages (research §2 table).
 * - [assumed] the due-date line ("Sep 12", "Due Sep 12, 2024", "No due date"), and all Dutch:
 *   "van 100" / "van de 100" / "uit 100", "100 punten", "Zonder cijfer", "12 sep.",
 *   "Inleverdatum: 12 sep.", "Geen inleverdatum".
 */

const POINTS = [
  new RegExp(`^(?:out of|van de|van|uit|/)\\s*${DECIMAL}$`),
  new RegExp(`^${DECIMAL}\\s*(?:points?|punten|punt|pt\\.?)$`),
];
const UNGRADED = new Set(['ungraded', 'zonder cijfer', 'zonder beoordeling', 'niet beoordeeld']);

/**
 * The maximum points a header line states: a number, null for "Ungraded", or undefined when the
 * line is not a points line.
 */
export function parsePointsLine(line: string): number | null | undefined {
  const text = line.toLowerCase().trim();
  if (UNGRADED.has(text)) return null;
  for (const pattern of POINTS) {
    const match = pattern.exec(text);
    if (match) {
      const points = toNumber(match[1] ?? '');
      return points > 0 ? points : null; // the API treats 0 points as ungraded
    }
  }
  return undefined;
}

const MONTHS: Record<string, number> = {};
const monthNames = [
  ['jan', 'january', 'januari'],
  ['feb', 'february', 'februari'],
  ['mar', 'march', 'mrt', 'maart', 'maa'],
  ['apr', 'april'],
  ['may', 'mei'],
  ['jun', 'june', 'juni'],
  ['jul', 'july', 'juli'],
  ['aug', 'august', 'augustus'],
  ['sep', 'sept', 'september'],
  ['oct', 'october', 'okt', 'oktober'],
  ['nov', 'november'],
  ['dec', 'december'],
];
monthNames.forEach((names, index) => {
  for (const name of names) MONTHS[name] = index + 1;
});

const NO_DUE = /^(?:no due date|geen inleverdatum|geen deadline)$/;
const DUE_PREFIX =
  /^(?:due(?: date)?|inleverdatum|inleveren(?: v[oó]{1,2}r)?|uiterlijk|deadline):?\s*/;
const TIME = /(?:,?\s*(?:at|om)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)$/;
const MONTH_DAY = /^([a-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/; // "Sep 12", "Sep 12, 2024"
const DAY_MONTH = /^(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?$/; // "12 sep.", "12 sep. 2024"
const RELATIVE = /^(?:today|tomorrow|yesterday|vandaag|morgen|gisteren)$/;

/** What a due-date line says: a date, a due date we cannot place, or no due date. */
export type DueLine = { kind: 'date'; date: DueDate } | { kind: 'unplaced' } | { kind: 'none' };

/** Reads a header line as a due-date line; undefined when it is not one. */
export function parseDueLine(line: string): DueLine | undefined {
  const text = line.toLowerCase().replace(/\s+/g, ' ').trim();
  if (NO_DUE.test(text)) return { kind: 'none' };
  const hasPrefix = DUE_PREFIX.test(text);
  const body = text.replace(DUE_PREFIX, '').replace(TIME, '').trim();
  const date = parseDate(body);
  if (date) return { kind: 'date', date };
  // "Due today", "Due Friday": a due line, but not a date we can place in the calendar.
  return hasPrefix || RELATIVE.test(body) ? { kind: 'unplaced' } : undefined;
}

function parseDate(text: string): DueDate | undefined {
  const monthFirst = MONTH_DAY.exec(text);
  const dayFirst = monthFirst ? null : DAY_MONTH.exec(text);
  const [monthName, day, year] = monthFirst
    ? [monthFirst[1], monthFirst[2], monthFirst[3]]
    : dayFirst
      ? [dayFirst[2], dayFirst[1], dayFirst[3]]
      : [];
  const month = MONTHS[monthName ?? ''];
  const dayNumber = Number(day);
  if (!month || !Number.isInteger(dayNumber) || dayNumber < 1) return undefined;
  const lastDay = new Date(Date.UTC(year ? Number(year) : 2024, month, 0)).getUTCDate();
  if (dayNumber > lastDay) return undefined;
  return year ? { year: Number(year), month, day: dayNumber } : { month, day: dayNumber };
}
