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
 * The keys that line a row's headers or cells up with their columns: `aria-colindex` when
 * present, else the 1-based position — but only when NO element of the row carries the attribute
 * and the row has exactly as many cells as the header row. Guessing by position in a row that
 * mixes the two (a cell re-rendered without its index) or that lost a cell (a cell without its
 * role) could put a grade in the neighbouring column; such an element gets no key, is not read.
 */
export function columnKeys(
  elements: readonly Element[],
  layout: { width: number },
): Array<string | null> {
  const positional =
    elements.length === layout.width &&
    !elements.some((element) => element.hasAttribute(COLUMN_INDEX_ATTRIBUTE));
  return elements.map(
    (element, position) =>
      element.getAttribute(COLUMN_INDEX_ATTRIBUTE) ?? (positional ? String(position + 1) : null),
  );
}

/** How many columns the header row of `grid` has. */
export function gridLayout(grid: Element): { width: number } {
  const headerRow = findHeaderRow(grid);
  return { width: headerRow ? headerRow.querySelectorAll(SELECTORS.columnHeader).length : 0 };
}

function findHeaderRow(grid: Element): Element | undefined {
  return Array.from(grid.querySelectorAll(SELECTORS.row)).find((row) =>
    row.querySelector(SELECTORS.columnHeader),
  );
}

/**
 * The coursework columns of `grid` for the course `courseId`, in page order. Columns without a
 * coursework link (names, overall grade), links to another course and repeated ids are skipped.
 */
export function readCourseworkColumns(grid: Element, courseId: string): CourseworkColumn[] {
  const headerRow = findHeaderRow(grid);
  if (!headerRow) return [];
  const seen = new Set<string>();
  const columns: CourseworkColumn[] = [];
  const headers = Array.from(headerRow.querySelectorAll(SELECTORS.columnHeader));
  const keys = columnKeys(headers, gridLayout(grid));
  headers.forEach((header, position) => {
    const key = keys[position];
    const link = header.querySelector(SELECTORS.courseworkLink);
    const parsed = parseCourseworkHref(link?.getAttribute('href') ?? '');
    if (!key || !link || !parsed || parsed.courseId !== courseId || seen.has(parsed.courseworkId)) {
      return;
    }
    const title =
      cleanText(textPieces(link).join(' ')) ||
      cleanText(link.getAttribute('aria-label') ?? link.getAttribute('title') ?? '');
    if (!title) return;
    seen.add(parsed.courseworkId);
    columns.push({
      columnKey: key,
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
