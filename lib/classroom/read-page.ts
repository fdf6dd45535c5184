/**
 * Reads one class page into a validated `CourseSnapshot`, and combines the reads of one class.
 * Pages: every class page gives the class (banner) and the signed-in teacher (account button);
 * Grades adds coursework, students and grades; People adds students with their emails. Pure: the
 * document and the page detection in, a value out; the content script decides when to read and
 * keeps the last snapshot per class (entrypoints/classroom.content/page-reader.ts).
 */
import { parseDueLine, parseGradeCell, parsePointsLine } from './gradebook-text';
import {
  type CourseSnapshot,
  CourseSnapshotSchema,
  type Coursework,
  type Grade,
  nameKey,
  type Student,
  studentKey,
} from './model';
import { isCourseStreamHref, type PageInfo, parseCourseworkHref, parseStudentHref } from './page';
import {
  CLASS_AVERAGE,
  COLUMN_INDEX_ATTRIBUTE,
  SCOPED_BASE,
  SELECTORS,
  STUDENT_TOTAL,
} from './selectors';
import {
  cleanText,
  findEmail,
  firstHook,
  ignoredElements,
  isHidden,
  queryHook,
  queryVisible,
  textPieces,
} from './visible-text';

/** A page that belongs to one class (see page.ts `isClassPage`). */
export type ClassPageInfo = Extract<PageInfo, { courseId: string }>;

/** Why a page could not be read; the panel explains each and offers diagnostics. */
export type ReadFailureCode =
  | 'no-course-name'
  | 'no-grid'
  | 'no-students'
  | 'no-grade-cells'
  | 'invalid-snapshot';
export interface ReadFailure {
  code: ReadFailureCode;
  /** For `invalid-snapshot`: which fields failed (paths and rules only, never values). */
  detail?: string;
}
export type ReadResult =
  | { ok: true; snapshot: CourseSnapshot }
  | { ok: false; failure: ReadFailure };

const EMPTY_GRID: GradesGrid = {
  coursework: [],
  students: [],
  grades: [],
  otherRows: 0,
  withoutId: 0,
};

/** Reads `doc` as the class page `page` describes, at time `readAt`. Never throws on markup. */
export function readCourseSnapshot(
  doc: Document,
  page: ClassPageInfo,
  readAt: Date = new Date(),
): ReadResult {
  let gradebook: GradesGrid | null = null;
  if (page.kind === 'grades') {
    const grid = findGradesGrid(doc);
    if (!grid) return { ok: false, failure: { code: 'no-grid' } };
    gradebook = readGradesGrid(grid, page.courseId);
    // Columns and students but not one cell matched to them: the cells no longer line up with
    // the contract. Showing "8 coursework, 28 students" with no grades would hide that.
    const { coursework, students, grades, otherRows } = gradebook;
    if (coursework.length && students.length && !grades.length) {
      return { ok: false, failure: { code: 'no-grade-cells' } };
    }
    // Several named rows but no student link in any: the rows no longer follow the contract
    // (one such row alone is the class average of an empty class).
    if (!students.length && otherRows > 1) return { ok: false, failure: { code: 'no-students' } };
  }
  const header = readCourseHeader(doc, page.courseId);
  if (!header) return { ok: false, failure: { code: 'no-course-name' } };
  const roster = page.kind === 'people' ? readPeopleRoster(doc, page.courseId) : [];
  const teacherEmail = readTeacherEmail(doc);
  const grid = gradebook ?? EMPTY_GRID;
  const rendered = renderedRows(doc, page, grid, roster);
  const parsed = CourseSnapshotSchema.safeParse({
    schemaVersion: 1,
    readAt: readAt.toISOString(),
    course: {
      courseId: page.courseId,
      urlCourseId: page.urlCourseId,
      accountIndex: page.accountIndex,
      ...header,
    },
    ...(teacherEmail ? { teacherEmail } : {}),
    coverage: { gradebook: gradebook !== null, roster: roster.length > 0 },
    ...(rendered ? { rendered } : {}),
    coursework: grid.coursework,
    students: gradebook ? grid.students : roster,
    grades: grid.grades,
  });
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  const detail = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    .join('; ');
  return { ok: false, failure: { code: 'invalid-snapshot', detail } };
}

/**
 * How many student rows the page rendered and read, and the class total when the page shows one
 * (contracts 6 and 8): Grades and People pages only.
 */
function renderedRows(
  doc: Document,
  page: ClassPageInfo,
  grid: GradesGrid,
  roster: Student[],
): CourseSnapshot['rendered'] {
  if (page.kind !== 'grades' && page.kind !== 'people') return undefined;
  const students = page.kind === 'grades' ? grid.students.length : roster.length;
  const of = readStudentTotal(doc);
  return {
    students,
    ...(of === undefined ? {} : { of }),
    ...(grid.withoutId ? { withoutId: grid.withoutId } : {}),
  };
}

/** The class total the visible page states ("28 students"), if it states one. */
function readStudentTotal(doc: Document): number | undefined {
  if (!doc.body) return undefined;
  // Hidden views are skipped: a stale People view may state another class's total.
  for (const piece of textPieces(doc.body, ignoredElements(doc.body, 'hidden'))) {
    const total = STUDENT_TOTAL.exec(piece)?.[1];
    if (total) return Number(total);
  }
  return undefined;
}

/*
 * Reads of different pages of one class combine: the Grades page gives coursework, students and
 * grades, the People page the students' emails.
 */

/** `next` merged over `previous`: what `next` read wins, what only `previous` read is kept. */
export function mergeSnapshots(previous: CourseSnapshot, next: CourseSnapshot): CourseSnapshot {
  if (previous.course.courseId !== next.course.courseId) return next;
  const gradebook = next.coverage.gradebook ? next : previous.coverage.gradebook ? previous : null;
  const roster = next.coverage.roster ? next : previous.coverage.roster ? previous : null;
  const teacherEmail = next.teacherEmail ?? previous.teacherEmail;
  // Rows rendered come from the page that gave the students' grades; a total from either page.
  const rows = (gradebook ?? roster ?? next).rendered;
  const of = next.rendered?.of ?? previous.rendered?.of;
  const { rendered: _rendered, ...rest } = next;
  return {
    ...rest,
    ...(rows ? { rendered: { ...rows, ...(of === undefined ? {} : { of }) } } : {}),
    ...(teacherEmail ? { teacherEmail } : {}),
    coverage: { gradebook: gradebook !== null, roster: roster !== null },
    coursework: gradebook?.coursework ?? [],
    grades: gradebook?.grades ?? [],
    students: unionStudents(gradebook?.students ?? [], roster?.students ?? []),
  };
}

/** Gradebook students in page order with roster emails filled in, then roster-only students. */
function unionStudents(gradebook: Student[], roster: Student[]): Student[] {
  const emails = new Map(roster.map((student) => [student.key, student.email]));
  const merged = gradebook.map((student) => {
    const email = emails.get(student.key) ?? student.email;
    return email ? { ...student, email } : student;
  });
  const known = new Set(gradebook.map((student) => student.key));
  return [...merged, ...roster.filter((student) => !known.has(student.key))];
}

/* The few numbers the panel shows about a snapshot. */

/** What the panel tells the teacher it read from the page. */
export interface SnapshotSummary {
  courseName: string;
  section?: string;
  teacherEmail?: string;
  /** A Grades page has been read (otherwise the counts below are not known yet). */
  gradebookRead: boolean;
  courseworkCount: number;
  studentCount: number;
  studentsWithEmail: number;
  /** Cells whose text was not understood: shown, never exported. */
  unreadableCount: number;
  /** Set only when the page rendered fewer student rows than the class has ("N of M"). */
  renderedOf?: { students: number; of: number };
}

/** Summarizes `snapshot` for the panel. */
export function summarizeSnapshot(snapshot: CourseSnapshot): SnapshotSummary {
  const { name, section } = snapshot.course;
  return {
    courseName: name,
    ...(section ? { section } : {}),
    ...(snapshot.teacherEmail ? { teacherEmail: snapshot.teacherEmail } : {}),
    gradebookRead: snapshot.coverage.gradebook,
    courseworkCount: snapshot.coursework.length,
    studentCount: snapshot.students.length,
    studentsWithEmail: snapshot.students.filter((student) => student.email).length,
    unreadableCount: snapshot.grades.filter((grade) => grade.state === 'unreadable').length,
    ...renderedOf(snapshot),
  };
}

function renderedOf(snapshot: CourseSnapshot): Pick<SnapshotSummary, 'renderedOf'> {
  const { students, of } = snapshot.rendered ?? {};
  return students !== undefined && of !== undefined && students < of
    ? { renderedOf: { students, of } }
    : {};
}

/* The class header of any class page: the class name and section (selectors.ts contract 3). */

/** The class as the page names it. */
interface CourseHeader {
  name: string;
  section?: string;
}

/**
 * Name and section of the class `courseId`, from the `<h1>` link to its stream (so a header left
 * over from another class is ignored) and the sidebar entry's label (the exact name). Null when
 * neither names it; the tab title is never used (it lags behind navigation, evidence §1.3).
 */
function readCourseHeader(doc: Document, courseId: string): CourseHeader | null {
  const isThisCourse = (link: Element) =>
    isCourseStreamHref(link.getAttribute('href') ?? '', courseId);
  const sidebar = queryVisible(doc, SELECTORS.currentCourseLink).find(isThisCourse);
  const label = cleanText(sidebar?.getAttribute('aria-label') ?? '');
  for (const link of queryVisible(doc, SELECTORS.courseHeading)) {
    if (!isThisCourse(link)) continue;
    const header = splitHeader(textPieces(link), label);
    if (header) return header;
  }
  return label ? { name: label } : null;
}

/**
 * The header's text pieces as name and section: the pieces that together spell the sidebar's
 * label are the name (the name itself may span nodes), the rest the section; without a label,
 * or when the pieces do not spell it, the first piece is the name (the label wins if present).
 */
function splitHeader(pieces: string[], label: string): CourseHeader | null {
  if (!pieces.length) return label ? { name: label } : null;
  let count = 1;
  if (label) {
    const squash = (text: string) => text.replace(/\s+/g, '');
    const target = squash(label);
    let spelled = '';
    count =
      pieces.findIndex((piece) => {
        spelled += squash(piece);
        return spelled === target || !target.startsWith(spelled);
      }) + 1;
    if (count === 0 || spelled !== target) return { name: label };
  }
  const name = label || cleanText(pieces.slice(0, count).join(' '));
  const section = cleanText(pieces.slice(count).join(' '));
  return section ? { name, section } : { name };
}

/* The account button: the signed-in teacher, to find in the SIS (selectors.ts contract 3). */

/** The signed-in account's email from the account button's label, if the page shows it. */
function readTeacherEmail(doc: Document): string | undefined {
  for (const button of doc.querySelectorAll(SELECTORS.accountButton)) {
    const label = button.getAttribute('aria-label') ?? '';
    // "Google Account: Name (email)": prefer the parenthesised part, then any address.
    const email = findEmail(/\(([^()]+)\)/.exec(label)?.[1] ?? '') ?? findEmail(label);
    if (email) return email;
  }
  return undefined;
}

/*
 * The People page `/r/<cid>/sort-last-name`: the student roster with emails (selectors.ts
 * contract 6). Teachers' rows have no student link and are left out; the signed-in teacher comes
 * from the account button.
 */

/** The students listed on the visible People page of course `courseId`, in page order. */
function readPeopleRoster(root: ParentNode, courseId: string): Student[] {
  const students: Student[] = [];
  const seen = new Set<string>();
  for (const link of queryVisible(root, SELECTORS.peopleStudentLink)) {
    const parsed = parseStudentHref(link.getAttribute('href') ?? '');
    const row = link.closest(SELECTORS.peopleRow);
    if (!parsed || parsed.courseId !== courseId || !row) continue;
    const key = studentKey(parsed.studentId);
    const name = cleanText(textPieces(link).join(' '));
    if (!name || seen.has(key)) continue;
    seen.add(key);
    const email = findEmail(textPieces(row, ignoredElements(row).add(link)).join(' '));
    students.push({ key, name, ...(email ? { email } : {}) });
  }
  return students;
}

/*
 * The Grades page `/c/<cid>/gb/…`: coursework columns, student rows and one grade per cell
 * (selectors.ts contracts 4–5). A cell that cannot be understood becomes `unreadable` with its
 * raw text; it never stops the rest of the grid from being read.
 */

/** What the Grades grid holds. */
interface GradesGrid {
  coursework: Coursework[];
  students: Student[];
  grades: Grade[];
  /** Rows with a row header but no student link (the class average, or a changed page). */
  otherRows: number;
  /** Students read from rows without a student link, keyed by name (contract 6). */
  withoutId: number;
}

/**
 * The gradebook grid of the visible view: among visible grids, the first with a coursework
 * column, else the first with any column header (a class without coursework yet); null when the
 * grid has not rendered.
 */
function findGradesGrid(root: ParentNode): Element | null {
  const grids = queryVisible(root, SELECTORS.grid);
  return (
    grids.find((grid) => grid.querySelector(SELECTORS.courseworkLink)) ??
    grids.find((grid) => grid.querySelector(SELECTORS.columnHeader)) ??
    null
  );
}

/** Reads `grid` for the course with numeric id `courseId`. */
function readGradesGrid(grid: Element, courseId: string): GradesGrid {
  const columns = readCourseworkColumns(grid, courseId);
  const students: Student[] = [];
  const grades: Grade[] = [];
  const seen = new Set<string>();
  const ignored = ignoredElements(grid);
  const layout = gridLayout(grid);
  const rows = Array.from(grid.querySelectorAll(SELECTORS.row)).filter((row) => !isHidden(row));
  const linkOf = (row: Element) => {
    const link = firstHook(row, 'gridStudentLink');
    const student = link && parseStudentHref(link.getAttribute('href') ?? '');
    return link && student?.courseId === courseId ? { link, studentId: student.studentId } : null;
  };
  // Rows are keyed by their student link; only a grid where no row has one is read by names
  // (contract 6), so one row that lost its link cannot turn into a second, name-keyed student.
  const byName = !rows.some(linkOf);
  const names = new Map<string, number>();
  let otherRows = 0;
  let withoutId = 0;
  for (const row of rows) {
    const found = linkOf(row);
    const header = firstHook(row, 'rowHeader');
    let key: string;
    let name: string;
    if (found) {
      key = studentKey(found.studentId);
      name = cleanText(textPieces(found.link, ignored).join(' '));
    } else {
      name = header ? cleanText(textPieces(header, ignored).join(' ')) : '';
      if (!byName || !name || CLASS_AVERAGE.test(name)) {
        if (header) otherRows += 1;
        continue;
      }
      const occurrence = (names.get(name) ?? 0) + 1;
      names.set(name, occurrence);
      key = nameKey(name, occurrence);
      withoutId += 1;
    }
    if (!name || seen.has(key)) continue;
    seen.add(key);
    students.push({ key, name });

    const cells = new Map<string, Element>();
    const rowCells = Array.from(
      row.querySelectorAll(`${SCOPED_BASE.rowHeader}, ${SELECTORS.gridCell}`),
    ).filter((cell) => cell.matches(`${SELECTORS.rowHeader}, ${SELECTORS.gridCell}`));
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
  return {
    coursework: columns.map((column) => column.coursework),
    students,
    grades,
    otherRows,
    withoutId,
  };
}

/** A coursework column and the key that finds its cells in each row. */
interface CourseworkColumn {
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
function columnKeys(elements: readonly Element[], layout: { width: number }): Array<string | null> {
  const positional =
    elements.length === layout.width &&
    !elements.some((element) => element.hasAttribute(COLUMN_INDEX_ATTRIBUTE));
  return elements.map(
    (element, position) =>
      element.getAttribute(COLUMN_INDEX_ATTRIBUTE) ?? (positional ? String(position + 1) : null),
  );
}

/** How many columns the header row of `grid` has. */
function gridLayout(grid: Element): { width: number } {
  const headerRow = findHeaderRow(grid);
  return { width: headerRow ? queryHook(headerRow, 'columnHeader').length : 0 };
}

function findHeaderRow(grid: Element): Element | undefined {
  return Array.from(grid.querySelectorAll(SELECTORS.row)).find((row) =>
    firstHook(row, 'columnHeader'),
  );
}

/**
 * The coursework columns of `grid` for the course `courseId`, in page order. Columns without a
 * coursework link (names, overall grade), links to another course and repeated ids are skipped.
 */
function readCourseworkColumns(grid: Element, courseId: string): CourseworkColumn[] {
  const headerRow = findHeaderRow(grid);
  if (!headerRow) return [];
  const seen = new Set<string>();
  const columns: CourseworkColumn[] = [];
  const headers = queryHook(headerRow, 'columnHeader');
  const keys = columnKeys(headers, gridLayout(grid));
  headers.forEach((header, position) => {
    const key = keys[position];
    const link = firstHook(header, 'courseworkLink');
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
  return ignoredElements(header, 'headerControl').add(link);
}
