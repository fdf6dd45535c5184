/**
 * THE ONLY FILE THAT KNOWS CLASSROOM MARKUP. Pages: every class page (banner, account button),
 * Grades `/c/<cid>/gb/…`, People `/r/<cid>/sort-…`. When Classroom changes, edit this file and the
 * fixtures in test/fixtures/classroom/; readers only use what is exported here. The links' hrefs
 * are Classroom URLs, so their shapes live with the other URL shapes in page.ts.
 *
 * DOM CONTRACT (what the readers and the fixtures agree on). Evidence: shared/reference/
 * classroom-research.md §2. No public capture of the Grades page markup exists [gap], so the
 * Grades and People parts are a documented assumption built on what is known: Classroom is a Wiz
 * app, each view is a `c-wiz`, old views stay in the DOM hidden; generated class names and
 * jsname values change, roles, aria-labels, data-* and link shapes are the stable hooks.
 *
 *  1. Views. Only content outside hidden ancestors counts: `hidden`, `aria-hidden="true"` or an
 *     inline `display: none` (how Wiz parks an old view [assumed]); in a browser an element that
 *     `checkVisibility()` reports as not rendered is hidden too.
 *  2. Banner (all class pages): `[role="banner"]` holds a link (not a `role="tab"`) to the class
 *     stream `/c/<cid>`; its first child element is the class name, its second (optional) the
 *     section [assumed]. Fallback: the tab title, when it is not just "Classroom".
 *  3. Account button (all Google apps): a link to accounts.google.com/SignOutOptions whose
 *     aria-label reads "Google Account: <name> (<email>)" ("Google-account: …" in Dutch) [assumed:
 *     the OneGoogle bar shape, not captured from Classroom in the research].
 *  4. Grades page: one visible `[role="grid"]`. Its header `[role="row"]` has one
 *     `[role="columnheader"]` per column; a coursework column contains a link
 *     `/c/<cid>/a/<cwid>/…` (ids base64 of the numeric id, research §1) whose text is the title,
 *     plus text lines for the due date ("Sep 12" / "No due date"), the points ("out of 100";
 *     none or "Ungraded" = ungraded) and optionally the grade category. Columns without such a
 *     link (student names, overall grade) are not coursework.
 *  5. Each student row is a `[role="row"]` whose `[role="rowheader"]` contains a link to the
 *     student's work `/c/<cid>/sp/<sid>/…` (or `…/student/<sid>`, the submission link shape);
 *     rows without one (class average) are not students. Cells are `[role="gridcell"]`, matched to
 *     columns by `aria-colindex` when both carry it, else by position. Cell text is the visible
 *     vocabulary of gradebook-text.ts ("85 out of 100", "Draft", "Missing", …).
 *  6. People page: each student is an `li` containing the same student link; the row's text
 *     includes the email where Classroom shows it (PCS24 Info-Downloader reads it from row text).
 */

/**
 * CSS selectors, one per hook. Each has an expected match count per fixture in
 * test/lib/classroom/selectors.test.ts (a meta-test fails for any selector without one).
 */
export const SELECTORS = {
  /** All pages: hidden views and hidden subtrees (contract 1). Wiz parks old `c-wiz` views. */
  hidden: '[hidden], [aria-hidden="true"], [style*="display: none"], [style*="display:none"]',
  /** All pages: the Wiz view roots, counted for diagnostics and stale-view checks. */
  view: 'c-wiz',
  /**
   * All class pages: banner links into a class, except the Stream/Classwork/People/Grades tabs
   * (which also link to the stream); the reader keeps the one to this class's stream.
   */
  bannerCourseLink: '[role="banner"] a[href*="/c/"]:not([role="tab"])',
  /** All class pages: class name = first child of the banner class link (contract 2). */
  courseName: '[role="banner"] a[href*="/c/"]:not([role="tab"]) > :first-child',
  /** All class pages: section = second child of the banner class link, when there is one. */
  courseSection: '[role="banner"] a[href*="/c/"]:not([role="tab"]) > :nth-child(2)',
  /**
   * All pages: the account button. The href is language-independent; the aria-label prefixes
   * are fallbacks in case the link target changes (English, Dutch).
   */
  accountButton:
    'a[href*="accounts.google.com/SignOutOptions"], [aria-label^="Google Account:"], [aria-label^="Google-account:"]',
  /** Grades page: the gradebook. ARIA grid role because it is keyboard-navigable (contract 4). */
  grid: '[role="grid"]',
  /** Grades page: header and student rows of the grid. */
  row: '[role="row"]',
  /** Grades page: one per column, coursework or not. */
  columnHeader: '[role="columnheader"]',
  /** Grades page: the link that makes a column a coursework column (id from its href). */
  courseworkLink: '[role="columnheader"] a[href*="/a/"], [role="columnheader"] a[href*="/sa/"]',
  /** Grades page: header controls (sort, "More options") whose text is not column data. */
  headerControl: '[role="columnheader"] button, [role="columnheader"] [role="button"]',
  /** Grades page: student name cells. */
  rowHeader: '[role="rowheader"]',
  /** Grades page: the link to a student's work that makes a row a student row (contract 5). */
  gridStudentLink: '[role="rowheader"] a[href*="/sp/"], [role="rowheader"] a[href*="/student/"]',
  /** Grades page: grade cells. */
  gridCell: '[role="gridcell"]',
  /** All pages: text that is never data (decoration, tooltips, menus, code). */
  ignoredText:
    '[aria-hidden="true"], [role="tooltip"], [role="menu"], script, style, template, noscript',
  /** People page: a student row (contract 6); found from the student link inside it. */
  peopleRow: 'li',
  /** People page: the student link in a roster row (teachers' rows have none). */
  peopleStudentLink: 'li a[href*="/sp/"], li a[href*="/student/"]',
} as const;

export type SelectorName = keyof typeof SELECTORS;

/** The ARIA attribute that aligns cells with column headers (contract 5). */
export const COLUMN_INDEX_ATTRIBUTE = 'aria-colindex';
