/**
 * Reads the visible Grades grid: coursework columns, student rows and one grade per cell
 * (selectors.ts contracts 4–5). Page: Grades `/c/<cid>/gb/…`. A cell that cannot be understood
 * becomes `unreadable` with its raw text; it never stops the rest of the grid from being read.
 */
import { parseGradeCell } from './grade-cell';
import { parseStudentHref } from './links';
import type { Coursework, Grade, Student } from './model';
import { columnKeys, gridLayout, readCourseworkColumns } from './read-columns';
import { SELECTORS } from './selectors';
import { studentKey } from './student-key';
import { cleanText, ignoredElements, textPieces } from './text';
import { isHidden, queryVisible } from './visible';

/** What the Grades grid holds. */
export interface GradesGrid {
  coursework: Coursework[];
  students: Student[];
  grades: Grade[];
  /** Rows with a row header but no student link (the class average, or a changed page). */
  otherRows: number;
}

/**
 * The gradebook grid of the visible view: among visible grids, the first with a coursework
 * column, else the first with any column header (a class without coursework yet); null when the
 * grid has not rendered.
 */
export function findGradesGrid(root: ParentNode): Element | null {
  const grids = queryVisible(root, SELECTORS.grid);
  return (
    grids.find((grid) => grid.querySelector(SELECTORS.courseworkLink)) ??
    grids.find((grid) => grid.querySelector(SELECTORS.columnHeader)) ??
    null
  );
}

/** Reads `grid` for the course with numeric id `courseId`. */
export function readGradesGrid(grid: Element, courseId: string): GradesGrid {
  const columns = readCourseworkColumns(grid, courseId);
  const students: Student[] = [];
  const grades: Grade[] = [];
  const seen = new Set<string>();
  const ignored = ignoredElements(grid);
  const layout = gridLayout(grid);
  let otherRows = 0;
  for (const row of grid.querySelectorAll(SELECTORS.row)) {
    const link = row.querySelector(SELECTORS.gridStudentLink);
    const student = link && parseStudentHref(link.getAttribute('href') ?? '');
    if (!link || !student || student.courseId !== courseId || isHidden(row)) {
      if (row.querySelector(SELECTORS.rowHeader)) otherRows += 1;
      continue;
    }
    const key = studentKey(student.studentId);
    const name = cleanText(textPieces(link, ignored).join(' '));
    if (!name || seen.has(key)) continue;
    seen.add(key);
    students.push({ key, name });

    const cells = new Map<string, Element>();
    const rowCells = Array.from(
      row.querySelectorAll(`${SELECTORS.rowHeader}, ${SELECTORS.gridCell}`),
    );
    columnKeys(rowCells, layout).forEach((key, i) => {
      const cell = rowCells[i];
      if (key && cell && !cells.has(key)) cells.set(key, cell);
    });
    for (const { columnKey: column, coursework } of columns) {
      const cell = cells.get(column);
      if (!cell?.matches(SELECTORS.gridCell)) continue; // not rendered: no entry
      const raw = textPieces(cell, ignored).join(' ');
      const { state, score, draft, late } = parseGradeCell(raw);
      grades.push({
        courseworkId: coursework.id,
        studentKey: key,
        state,
        ...(score === undefined ? {} : { score }),
        draft,
        late,
        raw,
      });
    }
  }
  return { coursework: columns.map((column) => column.coursework), students, grades, otherRows };
}
