// @vitest-environment happy-dom
/**
 * Every selector's expected match count on every fixture (whole document, hidden views
 * included). A change in Classroom's markup shows up here as a count that moved; a new selector
 * without an expectation fails the meta-test.
 */
import { describe, expect, it } from 'vitest';
import { SELECTORS, type SelectorName } from '@/lib/classroom/selectors';
import { buildLargeGradesPage } from '../../fixtures/classroom/large-class';
import { FIXTURES, type FixtureName, fixtureHtml, parseHtml } from './fixtures';

type Page = FixtureName | 'large-3x4';
const HIDDEN: [number, number, number, number, number, number, number] = [26, 26, 33, 33, 5, 3, 9];
const PAGES: Page[] = [...(Object.keys(FIXTURES) as FixtureName[]), 'large-3x4'];

// Columns: grades-en, grades-nl, people-en, people-nl, grades-table-u2, grades-busy, large-3x4
// (generated, 3 students × 4 coursework). Why each count is what it is, for grades-en: 2 views
// hidden (stream, old grades) + 1 visible; the old grid has 3 columns and 3 students, the visible
// one 10 columns (name, overall, 8 coursework) and 10 rows (header, class average, 8 students);
// two aria-current links (the sidebar's class entry and the Grades tab). grades-table-u2: 3 views
// directly under body (2 stale), 2 <h1> class links (stale + active); the stale table has 1
// column link and 1 student, the active one 5 columns (3 coursework) and 5 rows (header, class
// average, 3 students), 16 td cells.
const EXPECTED: Record<SelectorName, [number, number, number, number, number, number, number]> = {
  hidden: HIDDEN,
  view: [3, 3, 3, 3, 3, 3, 2],
  topView: [0, 0, 0, 0, 3, 3, 0],
  courseHeading: [1, 1, 1, 1, 2, 2, 1],
  currentCourseLink: [2, 2, 2, 2, 1, 1, 0],
  accountButton: [1, 1, 1, 1, 1, 1, 1],
  grid: [2, 2, 1, 1, 2, 1, 2],
  row: [14, 14, 4, 4, 7, 2, 5],
  columnHeader: [13, 13, 3, 3, 7, 2, 7],
  courseworkLink: [9, 9, 1, 1, 4, 1, 5],
  headerControl: [11, 11, 2, 2, 2, 1, 5],
  rowHeader: [12, 12, 3, 3, 5, 1, 3],
  gridStudentLink: [11, 11, 3, 3, 4, 1, 3],
  gridCell: [87, 87, 6, 6, 17, 1, 15],
  ignoredText: [29, 29, 36, 36, 6, 3, 9],
  // grades pages: the old stream view's item; people pages: old view 1 teacher + 2 students,
  // visible view 1 teacher + 8 students.
  peopleRow: [1, 1, 12, 12, 1, 1, 0],
  peopleStudentLink: [0, 0, 10, 10, 0, 0, 0],
};

const documents = new Map<Page, Document>(
  PAGES.map((page) => [
    page,
    parseHtml(
      page === 'large-3x4'
        ? buildLargeGradesPage({ students: 3, coursework: 4 }).html
        : fixtureHtml(page),
    ),
  ]),
);

describe('selectors', () => {
  it('every exported selector has an expectation for every fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(SELECTORS).sort());
    for (const counts of Object.values(EXPECTED)) expect(counts).toHaveLength(PAGES.length);
  });

  describe.each(Object.keys(SELECTORS) as SelectorName[])('%s', (name) => {
    it.each(PAGES.map((page, index) => [page, EXPECTED[name][index]] as const))(
      'matches %s %i times',
      (page, count) => {
        expect(documents.get(page)?.querySelectorAll(SELECTORS[name]).length).toBe(count);
      },
    );
  });
});
