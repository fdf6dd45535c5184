/**
 * THE ONLY FILE THAT KNOWS CLASSROOM MARKUP. Pages: every class page (class header, account
 * button), Grades `/c/<cid>/gb/…`, People `/r/<cid>/sort-…`. When Classroom changes, edit this file
 * and the fixtures in test/fixtures/classroom/; readers only use what is exported here. The links'
 * hrefs are Classroom URLs, so their shapes live with the other URL shapes in page.ts.
 *
 * DOM CONTRACT, re-based on shared/reference/classroom-evidence.md (issue #13). Each item says
 * what is OBSERVED (with its source) and what is ASSUMED. Generated class names and jsname values
 * are never used: they churn (evidence §1.3: `uTUgB` → `YrFhrf-ZoZQ1`). Hrefs may be relative or
 * absolute, with or without a `/u/<n>/` account prefix (evidence §1.1, courseDownloader).
 *
 *  1. Views. Each view is a `body > c-wiz`; old views stay in the DOM with `aria-hidden="true"`
 *     and `display:none`, the active view is the first `body > c-wiz` without
 *     `aria-hidden="true"` [observed: courseDownloader C1, evidence §1.2]. Content counts only
 *     outside hidden ancestors (`hidden`, `aria-hidden="true"`, inline `display: none`, or not
 *     rendered per `checkVisibility()`). Where no `body > c-wiz` exists the outermost `c-wiz`
 *     elements stand in [assumed].
 *  2. When to read. Only while `document.visibilityState === 'visible'` (Classroom does not paint
 *     in a background tab: 17 of 18 views empty) and the active view is not `aria-busy="true"`
 *     (it is while loading) [observed: courseDownloader, evidence §1.2].
 *  3. Class header. An `<h1>` holds a link whose path (after an optional `/u/<n>`) is
 *     `/c/<cid>`; its text is name and section as separate text nodes, read as text pieces, not
 *     by child position [observed: courseDownloader §1.3, 40/41 samples; `h1.tNGpbb` in five
 *     scrapers]. The sidebar `a[aria-current="page"]` whose href is the class carries the exact
 *     name as `aria-label`, absent for archived classes [observed: courseDownloader §1.3, 12/12].
 *     With the label, the header pieces that spell the label are the name and the rest the
 *     section; without it the first piece is the name and the rest the section [assumed].
 *     No `role="banner"`, no `role="tab"` (tabs are plain `nav a` links [observed §1.1]), and
 *     `document.title` is not used (it lags behind navigation [observed §1.3]).
 *  4. Account button. `a[href^="https://accounts.google.com/SignOutOptions"]`, or an element
 *     whose aria-label starts "Google Account:" (localized: "Google-account:", "Google-konto:",
 *     "Google-Konto:"); the label is "Google Account: <name>\n(<email>)" (a newline or spaces
 *     before the parenthesis) and the element may have `role="button"` [observed on the OneGoogle
 *     bar of Photos, Docs, Gmail, Contacts, Calendar, evidence §1.4; on Classroom: inferred].
 *  5. Grades page. The gradebook is an ARIA grid (`role` grid/row/columnheader/rowheader/
 *     gridcell) OR a `<table>` (`thead th` column headers, `tbody th` row headers, `td` cells);
 *     one reader handles both [assumed: no capture of the teacher Grades page exists, evidence
 *     §1.0/§3(a)]. A coursework column's header contains a link `/c/<cid>/a/<cwid>/…` whose text is
 *     the title, plus lines for the due date, the points ("out of 100") and optionally the
 *     category [link shape observed in API `alternateLink`s; header layout assumed]. Cells are
 *     matched to columns by `aria-colindex` when present, else by position [assumed].
 *  6. Student rows. A row is a student's when its row header holds a link to the student's work,
 *     `/c/<cid>/sp/<sid>/…` [assumed: no public URL with `/sp/` exists] or `…/student/<sid>`
 *     [observed: the submission `alternateLink` shape, evidence §3(a)]. When NO row of the grid
 *     has such a link, rows are read by their row-header name instead (keyed by name, said in
 *     `snapshot.rendered.withoutId`), skipping the class-average row [assumed]. Rows may be
 *     rendered lazily, so the snapshot says how many were read (`snapshot.rendered`) [observed:
 *     lists load lazily, evidence §1.2; that the grid does too is assumed].
 *  7. Cell text: the visible vocabulary of gradebook-text.ts ("85 out of 100", "Draft",
 *     "Missing", "Excused", "Done late", "No grade") [observed: copy-pasted Grades text, §1.5].
 *  8. People page: each student is an `li` containing the same student link; the row's text
 *     includes the email where Classroom shows it; the section shows a count "N students"
 *     ("N leerlingen"), the class total [assumed: no People capture, evidence §1.1 item 6].
 */

// Grades page: the two shapes of the gradebook (contract 5), side by side.
const COLUMN_HEADERS = ['[role="columnheader"]', 'thead th', 'th[scope="col"]'];
const ROW_HEADERS = ['[role="rowheader"]', 'tbody th:not([scope="col"])', 'th[scope="row"]'];
const within = (scopes: readonly string[], inner: string) =>
  scopes.map((scope) => `${scope} ${inner}`).join(', ');

/**
 * CSS selectors, one per hook. Each has an expected match count per fixture in
 * test/lib/classroom/selectors.test.ts (a meta-test fails for any selector without one).
 */
export const SELECTORS = {
  /** All pages: hidden views and hidden subtrees (contract 1). Wiz parks old `c-wiz` views. */
  hidden: '[hidden], [aria-hidden="true"], [style*="display: none"], [style*="display:none"]',
  /** All pages: the Wiz view roots, counted for diagnostics and stale-view checks. */
  view: 'c-wiz',
  /** All pages: the stacked top-level views; the active one is not aria-hidden (contract 1). */
  topView: 'body > c-wiz',
  /** All class pages: links in a heading; the reader keeps the one to this class (contract 3). */
  courseHeading: 'h1 a[href]',
  /** All class pages: the sidebar entry of the open class; its aria-label is the exact name. */
  currentCourseLink: 'a[aria-current="page"][href]',
  /** All pages: the account button (contract 4); href first, localized label prefixes after. */
  accountButton:
    'a[href^="https://accounts.google.com/SignOutOptions"], [aria-label^="Google Account:"], [aria-label^="Google-account:"], [aria-label^="Google-konto:"], [aria-label^="Google-Konto:"]',
  /** Grades page: the gradebook, an ARIA grid or a table (contract 5). */
  grid: '[role="grid"], table',
  /** Grades page: header and student rows of the grid. */
  row: '[role="row"], tr',
  /** Grades page: one per column, coursework or not. */
  columnHeader: COLUMN_HEADERS.join(', '),
  /** Grades page: the link that makes a column a coursework column (id from its href). */
  courseworkLink: within(COLUMN_HEADERS, 'a[href*="/a/"]').concat(
    ', ',
    within(COLUMN_HEADERS, 'a[href*="/sa/"]'),
  ),
  /** Grades page: header controls (sort, "More options") whose text is not column data. */
  headerControl: within(COLUMN_HEADERS, 'button').concat(
    ', ',
    within(COLUMN_HEADERS, '[role="button"]'),
  ),
  /** Grades page: student name cells. */
  rowHeader: ROW_HEADERS.join(', '),
  /** Grades page: the link to a student's work that makes a row a student row (contract 6). */
  gridStudentLink: within(ROW_HEADERS, 'a[href*="/sp/"]').concat(
    ', ',
    within(ROW_HEADERS, 'a[href*="/student/"]'),
  ),
  /** Grades page: grade cells (a `td` that claims another role is not one). */
  gridCell: '[role="gridcell"], td:not([role])',
  /** All pages: text that is never data (decoration, tooltips, menus, code). */
  ignoredText:
    '[aria-hidden="true"], [role="tooltip"], [role="menu"], script, style, template, noscript',
  /** People page: a student row (contract 8); found from the student link inside it. */
  peopleRow: 'li',
  /** People page: the student link in a roster row (teachers' rows have none). */
  peopleStudentLink: 'li a[href*="/sp/"], li a[href*="/student/"]',
} as const;

export type SelectorName = keyof typeof SELECTORS;

/**
 * For queries inside a row or a header cell: a selector that needs no ancestor outside the
 * query's root, to be narrowed with `matches(SELECTORS[name])`. Some hooks name an ancestor
 * (`thead th`, `tbody th`), and a query rooted below it need not look above its root (happy-dom
 * does not); `matches` always does.
 */
export const SCOPED_BASE: Partial<Record<SelectorName, string>> = {
  columnHeader: '[role="columnheader"], th',
  rowHeader: '[role="rowheader"], th',
  courseworkLink: 'a[href*="/a/"], a[href*="/sa/"]',
  headerControl: 'button, [role="button"]',
  gridStudentLink: 'a[href*="/sp/"], a[href*="/student/"]',
};

/** The ARIA attribute that aligns cells with column headers (contract 5). */
export const COLUMN_INDEX_ATTRIBUTE = 'aria-colindex';

/**
 * Visible text that is the class total ("28 students"), on the People page and possibly the
 * Grades page (contract 8) [assumed wording; English and Dutch].
 */
export const STUDENT_TOTAL = /^(\d{1,5})\s+(?:students?|leerlingen|leerling)$/i;

/** Row-header text of the class-average row, which is not a student (contract 6) [assumed]. */
export const CLASS_AVERAGE =
  /^(?:class average|gemiddelde van de (?:lesgroep|klas)|klasgemiddelde)$/i;
