// @vitest-environment happy-dom
/**
 * The page contract re-based on shared/reference/classroom-evidence.md (issue #13): the <h1>
 * class link and the sidebar label, /u/<n>/ and absolute hrefs, the account label's variants, a
 * <table> gradebook, rows without a student link, lazily rendered rows, busy and hidden views.
 */
import { describe, expect, it } from 'vitest';
import { CourseSnapshotSchema } from '@/lib/classroom/model';
import {
  type ClassPageInfo,
  mergeSnapshots,
  readCourseSnapshot,
  summarizeSnapshot,
} from '@/lib/classroom/read-page';
import { activeView, pageReadiness } from '@/lib/classroom/visible-text';
import { loadFixture, parseHtml } from './fixtures';

const READ_AT = new Date('2026-12-06T09:00:00.000Z');

function read(doc: Document, page: ClassPageInfo) {
  const result = readCourseSnapshot(doc, page, READ_AT);
  if (!result.ok) throw new Error(JSON.stringify(result.failure));
  return result.snapshot;
}

describe('the <table> Grades page under /u/2/', () => {
  const { doc, page } = loadFixture('grades-table-u2');
  const snapshot = read(doc, page);

  it('reads the class from the <h1> text nodes, not child positions, and the sidebar label', () => {
    expect(snapshot.course).toEqual({
      courseId: '734512908812',
      urlCourseId: 'NzM0NTEyOTA4ODEy',
      accountIndex: 2,
      name: 'Física II',
      section: 'G22 2026 2do cuatrimestre',
    });
  });

  it('reads the teacher from the account label with its newline', () => {
    expect(snapshot.teacherEmail).toBe('eramirez@riverside.example');
  });

  it('reads the coursework columns from thead, relative and absolute links alike', () => {
    expect(snapshot.coursework).toEqual([
      {
        id: '150647409001',
        urlId: 'MTUwNjQ3NDA5MDAx',
        title: 'Lab report: pendulum',
        maxPoints: 10,
        dueDate: { month: 9, day: 12 },
      },
      {
        id: '150647409002',
        urlId: 'MTUwNjQ3NDA5MDAy',
        title: 'Quiz 1',
        maxPoints: 20,
        category: 'Tests',
      },
      {
        id: '150647409003',
        urlId: 'MTUwNjQ3NDA5MDAz',
        title: 'Reading notes',
        maxPoints: null,
        dueDate: { month: 10, day: 3 },
      },
    ]);
  });

  it('reads students by their submission links, skipping the class average', () => {
    expect(snapshot.students).toEqual([
      { key: 'id:108234567811', name: 'Ana-Sofía Pérez' },
      { key: 'id:108234567812', name: 'José Álvarez' },
      { key: 'id:108234567813', name: 'Liam Chen' },
    ]);
    expect(snapshot.rendered).toEqual({ students: 3 });
  });

  it('reads every td into its state and score', () => {
    expect(
      snapshot.grades.map((g) => [
        g.courseworkId.slice(-1),
        g.studentKey.slice(-2),
        g.state,
        g.score ?? null,
        g.late,
      ]),
    ).toEqual([
      ['1', '11', 'returned', 8, false],
      ['2', '11', 'excused', null, false],
      ['3', '11', 'turned-in', null, false],
      ['1', '12', 'missing', 0, false],
      ['2', '12', 'turned-in', null, true],
      ['3', '12', 'assigned', null, false],
      ['1', '13', 'returned', 9.5, false],
      ['2', '13', 'returned', 19, false],
      ['3', '13', 'empty', null, false],
    ]);
    expect(CourseSnapshotSchema.safeParse(snapshot).success).toBe(true);
  });

  it('ignores the stale hidden view beside the active one', () => {
    expect(JSON.stringify(snapshot)).not.toMatch(/Old Student|Stale column|Biologie|199999999998/);
    expect(activeView(doc)?.getAttribute('jsrenderer')).toBe('Xl2Mjf');
    expect(pageReadiness(doc)).toBe('ready');
  });
});

describe('a Grades view still loading (aria-busy)', () => {
  const { doc, page } = loadFixture('grades-busy');

  it('is not ready to read; the stale views around it are not the active one', () => {
    expect(pageReadiness(doc)).toBe('view-busy');
    expect(activeView(doc)?.getAttribute('aria-busy')).toBe('true');
  });

  it('reads only what it rendered so far, and says how many rows that was', () => {
    const snapshot = read(doc, page);
    expect(snapshot.students.map((s) => s.name)).toEqual(['Liam Chen']);
    expect(snapshot.rendered).toEqual({ students: 1 });
  });
});

describe('the class header (contract 3)', () => {
  const page = loadFixture('grades-table-u2').page;
  const stream: ClassPageInfo = { ...page, kind: 'stream' };
  const course = (html: string) => {
    const result = readCourseSnapshot(parseHtml(html), stream, READ_AT);
    return result.ok ? result.snapshot.course : result.failure.code;
  };
  const sidebar =
    '<a href="/u/2/c/NzM0NTEyOTA4ODEy" aria-current="page" aria-label="Física II"></a>';

  it('takes the name the sidebar label spells, even over several nodes, the rest as section', () => {
    const h1 =
      '<h1><a href="/u/2/c/NzM0NTEyOTA4ODEy"><span>Física</span><b>II</b><span>G22</span></a></h1>';
    expect(course(sidebar + h1)).toMatchObject({ name: 'Física II', section: 'G22' });
  });

  it('without the sidebar label (an archived class), takes the first piece as the name', () => {
    const h1 = '<h1><a href="/u/2/c/NzM0NTEyOTA4ODEy">Física II<i>G22</i></a></h1>';
    expect(course(h1)).toMatchObject({ name: 'Física II', section: 'G22' });
  });

  it('with only the sidebar label, uses it', () => {
    expect(course(sidebar)).toMatchObject({ name: 'Física II' });
    expect(course(sidebar)).not.toHaveProperty('section');
  });

  it('trusts the label when the header spells something else', () => {
    const h1 =
      '<h1><a href="/u/2/c/NzM0NTEyOTA4ODEy"><span>Old name</span><span>G22</span></a></h1>';
    expect(course(sidebar + h1)).toEqual(expect.objectContaining({ name: 'Física II' }));
  });

  it('needs no role="banner" and ignores links to other classes, other hosts and tabs', () => {
    expect(
      course('<h1><a href="https://classroom.google.com/u/2/c/NzM0NTEyOTA4ODEy">A</a></h1>'),
    ).toMatchObject({ name: 'A' });
    expect(course('<h1><a href="/u/2/c/MTYwMDIyMjgxMDU0">Other</a></h1>')).toBe('no-course-name');
    expect(course('<h1><a href="https://evil.example/c/NzM0NTEyOTA4ODEy">X</a></h1>')).toBe(
      'no-course-name',
    );
    expect(course('<h1><a href="/u/2/c/NzM0NTEyOTA4ODEy/gb/sort-name">Grades</a></h1>')).toBe(
      'no-course-name',
    );
    expect(
      course('<nav><a href="/u/2/c/NzM0NTEyOTA4ODEy" aria-label="Física II">Stream</a></nav>'),
    ).toBe('no-course-name');
  });
});

describe('the account button (contract 4)', () => {
  const page = loadFixture('grades-table-u2').page;
  const stream: ClassPageInfo = { ...page, kind: 'stream' };
  const h1 = '<h1><a href="/u/2/c/NzM0NTEyOTA4ODEy">Física II</a></h1>';
  const email = (html: string) => read(parseHtml(h1 + html), stream).teacherEmail;

  it.each([
    [
      'the sign-out link, label with a newline',
      '<a href="https://accounts.google.com/SignOutOptions?hl=en" aria-label="Google Account: Ada Lovelace&#10;(ada@example.com)"></a>',
    ],
    [
      'a role=button element by its label',
      '<div role="button" aria-label="Google Account: Ada Lovelace (ada@example.com)"></div>',
    ],
    [
      'a localized label',
      '<div role="button" aria-label="Google-konto: Mofo Ker  (ada@example.com)"></div>',
    ],
  ])('reads %s', (_, html) => {
    expect(email(html)).toBe('ada@example.com');
  });

  it('does not take an address from any other link', () => {
    expect(
      email('<a href="https://example.com/SignOutOptions" aria-label="x (ada@example.com)"></a>'),
    ).toBeUndefined();
  });
});

describe('lazily rendered rows and the class total (contracts 6 and 8)', () => {
  const grades = loadFixture('grades-en');
  const people = loadFixture('people-en');

  it('the People page states its total; fewer rows read than that shows as "N of M"', () => {
    for (const row of Array.from(people.doc.querySelectorAll('c-wiz:not([aria-hidden]) li')).slice(
      -2,
    ))
      row.remove();
    const snapshot = read(people.doc, people.page);
    expect(snapshot.rendered).toEqual({ students: 6, of: 8 });
    expect(summarizeSnapshot(snapshot).renderedOf).toEqual({ students: 6, of: 8 });
  });

  it('merged, the Grades rows count against the total the People page gave', () => {
    const total = people.doc.querySelector('c-wiz:not([aria-hidden]) .tbG7Kc');
    if (total) total.textContent = '10 students';
    const merged = mergeSnapshots(read(grades.doc, grades.page), read(people.doc, people.page));
    expect(merged.rendered).toEqual({ students: 8, of: 10 });
    expect(summarizeSnapshot(merged).renderedOf).toEqual({ students: 8, of: 10 });
    expect(CourseSnapshotSchema.safeParse(merged).success).toBe(true);
  });

  it('a total from a hidden stale view does not count', () => {
    const doc = loadFixture('grades-en').doc;
    doc
      .querySelector('c-wiz[aria-hidden="true"]')
      ?.insertAdjacentHTML('beforeend', '<span>30 students</span>');
    expect(read(doc, grades.page).rendered).toEqual({ students: 8 });
  });
});

describe('a <table> whose rows carry no student link', () => {
  const { doc, page } = loadFixture('grades-table-u2');
  for (const link of doc.querySelectorAll('tbody th a')) link.replaceWith(link.textContent ?? '');
  const snapshot = read(doc, page);

  it('keys the students by name and says so in the snapshot', () => {
    expect(snapshot.students.map((s) => s.key)).toEqual([
      'name:Ana-Sofía Pérez',
      'name:José Álvarez',
      'name:Liam Chen',
    ]);
    expect(snapshot.rendered).toEqual({ students: 3, withoutId: 3 });
    expect(snapshot.grades).toHaveLength(9);
  });
});
