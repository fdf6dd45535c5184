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
  type Student,
  studentKey,
} from './model';
import { isCourseStreamHref, type PageInfo, parseCourseworkHref, parseStudentHref } from './page';
import { COLUMN_INDEX_ATTRIBUTE, SELECTORS } from './selectors';
import {
  cleanText,
  findEmail,
  ignoredElements,
  isHidden,
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

const EMPTY_GRID: GradesGrid = { coursework: [], students: [], grades: [], otherRows: 0 };

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
  return {
    ...next,
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
  };
}

/* The banner of any class page: the class name and section (selectors.ts contract 2). */

/** The class as the banner names it. */
interface CourseHeader {
  name: string;
  section?: string;
}

// Tab titles that name the app rather than the class.
const GENERIC_TITLES = /^(?:google )?classroom$/i;

/**
 * Name and section of the class `courseId` from the banner link to its stream (so a banner left
 * over from another class is ignored); falls back to the tab title. Null when neither names it.
 */
function readCourseHeader(doc: Document, courseId: string): CourseHeader | null {
  for (const link of queryVisible(doc, SELECTORS.bannerCourseLink)) {
    if (!isCourseStreamHref(link.getAttribute('href') ?? '', courseId)) continue;
    const children = Array.from(link.children);
    const name = textOf(children.find((child) => child.matches(SELECTORS.courseName)));
    if (!name) continue;
    const section = textOf(children.find((child) => child.matches(SELECTORS.courseSection)));
    return section ? { name, section } : { name };
  }
  const title = cleanText(doc.title.replace(/\s[-–]\s(?:Google )?Classroom$/i, ''));
  return title && !GENERIC_TITLES.test(title) ? { name: title } : null;
}

const textOf = (element: Element | undefined) =>
  element ? cleanText(textPieces(element).join(' ')) : '';

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
function readCourseworkColumns(grid: Element, courseId: string): CourseworkColumn[] {
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
