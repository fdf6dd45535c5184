/**
 * Reads the coursework columns of the visible Grades grid (selectors.ts contract 4). Page: Grades.
 */
import { parseDueLine, parsePointsLine } from './header-lines';
import { parseCourseworkHref } from './links';
import type { Coursework } from './model';
import { COLUMN_INDEX_ATTRIBUTE, SELECTORS } from './selectors';
import { cleanText, ignoredElements, textPieces } from './text';

/** A coursework column and the key that finds its cells in each row. */
export interface CourseworkColumn {
  columnKey: string;
  coursework: Coursework;
}

/**
 * The key that lines a header or cell up with its column: `aria-colindex` when present, else its
 * 1-based position among the row's cells. Both are 1-based column numbers, so a row that leaves
 * the attribute out still lines up with headers that carry it, as long as it starts at column 1.
 */
export function columnKey(element: Element, position: number): string {
  return element.getAttribute(COLUMN_INDEX_ATTRIBUTE) ?? String(position + 1);
}

/**
 * The coursework columns of `grid` for the course `courseId`, in page order. Columns without a
 * coursework link (names, overall grade), links to another course and repeated ids are skipped.
 */
export function readCourseworkColumns(grid: Element, courseId: string): CourseworkColumn[] {
  const headerRow = Array.from(grid.querySelectorAll(SELECTORS.row)).find((row) =>
    row.querySelector(SELECTORS.columnHeader),
  );
  if (!headerRow) return [];
  const seen = new Set<string>();
  const columns: CourseworkColumn[] = [];
  headerRow.querySelectorAll(SELECTORS.columnHeader).forEach((header, position) => {
    const link = header.querySelector(SELECTORS.courseworkLink);
    const parsed = parseCourseworkHref(link?.getAttribute('href') ?? '');
    if (!link || !parsed || parsed.courseId !== courseId || seen.has(parsed.courseworkId)) return;
    const title =
      cleanText(textPieces(link).join(' ')) ||
      cleanText(link.getAttribute('aria-label') ?? link.getAttribute('title') ?? '');
    if (!title) return;
    seen.add(parsed.courseworkId);
    columns.push({
      columnKey: columnKey(header, position),
      coursework: {
        id: parsed.courseworkId,
        urlId: parsed.urlCourseworkId,
        title,
        ...describeHeader(textPieces(header, headerIgnored(header, link))),
      },
    });
  });
  return columns;
}

/** Points, due date and category from the header's lines other than the title. */
function describeHeader(lines: string[]): Pick<Coursework, 'maxPoints' | 'dueDate' | 'category'> {
  let maxPoints: number | null = null;
  let dueDate: Coursework['dueDate'];
  const rest: string[] = [];
  for (const line of lines) {
    const points = parsePointsLine(line);
    if (points !== undefined) {
      maxPoints = points;
      continue;
    }
    const due = parseDueLine(line);
    if (due) {
      if (due.kind === 'date') dueDate = due.date;
      continue;
    }
    rest.push(line);
  }
  // One leftover line is the category; more would be a header we do not understand, and a wrong
  // category is worse than none.
  const category = rest.length === 1 ? rest[0] : undefined;
  return {
    maxPoints,
    ...(dueDate ? { dueDate } : {}),
    ...(category ? { category } : {}),
  };
}

/** What is not header data: decoration, controls ("More options") and the title link itself. */
function headerIgnored(header: Element, link: Element): Set<Element> {
  return ignoredElements(header, SELECTORS.headerControl).add(link);
}
