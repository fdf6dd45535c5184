/**
 * Understands the text lines of a Grades-page column header besides the title: the points line
 * and the due-date line. Page: Grades. Provenance:
 * - [verified] "out of <N>" under the title (public parser of the copied Grades page);
 *   "100 points" and "Ungraded" as grade labels on assignment pages (research §2 table).
 * - [assumed] the due-date line ("Sep 12", "Due Sep 12, 2024", "No due date"), and all Dutch:
 *   "van 100" / "van de 100" / "uit 100", "100 punten", "Zonder cijfer", "12 sep.",
 *   "Inleverdatum: 12 sep.", "Geen inleverdatum".
 */
import type { DueDate } from './model';

const NUMBER = '(\\d{1,5}(?:[.,]\\d{1,2})?)';
const POINTS = [
  new RegExp(`^(?:out of|van de|van|uit|/)\\s*${NUMBER}$`),
  new RegExp(`^${NUMBER}\\s*(?:points?|punten|punt|pt\\.?)$`),
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
      const points = Number((match[1] ?? '').replace(',', '.'));
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
