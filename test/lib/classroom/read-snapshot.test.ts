// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CourseSnapshotSchema } from '@/lib/classroom/model';
import { type ClassPageInfo, readCourseSnapshot } from '@/lib/classroom/read-snapshot';
import { COURSEWORK } from './expected-coursework';
import { expectedGrades, STUDENT_ROWS } from './expected-snapshots';
import { loadFixture, parseHtml } from './fixtures';

const READ_AT = new Date('2026-11-28T09:30:00.000Z');
const withoutEmail = STUDENT_ROWS.map(({ key, name }) => ({ key, name }));

const COURSES = {
  en: {
    courseId: '596177745468',
    urlCourseId: 'NTk2MTc3NzQ1NDY4',
    accountIndex: 0,
    name: 'Biology 101',
    section: 'Period 3',
    teacherEmail: 'alex.rivera@school.example',
  },
  nl: {
    courseId: '160022281054',
    urlCourseId: 'MTYwMDIyMjgxMDU0',
    accountIndex: 1,
    name: 'Biologie 2A',
    section: 'Lesuur 4',
    teacherEmail: 'a.devries@school.example',
  },
};

function read(name: Parameters<typeof loadFixture>[0]) {
  const { doc, page } = loadFixture(name);
  const result = readCourseSnapshot(doc, page, READ_AT);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.failure)}`);
  return result.snapshot;
}

describe.each(['en', 'nl'] as const)('the %s Grades page', (language) => {
  const snapshot = read(`grades-${language}`);
  const { teacherEmail, ...course } = COURSES[language];

  it('reads the class, the teacher and what has been read', () => {
    expect(snapshot.schemaVersion).toBe(1);
    expect(snapshot.readAt).toBe(READ_AT.toISOString());
    expect(snapshot.course).toEqual(course);
    expect(snapshot.teacherEmail).toBe(teacherEmail);
    expect(snapshot.coverage).toEqual({ gradebook: true, roster: false });
  });

  it('reads every coursework column: ungraded, extra credit, long and duplicate titles', () => {
    expect(snapshot.coursework).toEqual(COURSEWORK[language]);
  });

  it('reads every student row, same-name students apart, and skips the class average', () => {
    expect(snapshot.students).toEqual(withoutEmail);
  });

  it('reads every cell into its state and score', () => {
    expect(snapshot.grades.map(({ raw: _raw, ...grade }) => grade)).toEqual(expectedGrades());
  });

  it('keeps each cell’s visible text, and the text of the one it cannot read', () => {
    const raw = snapshot.grades.map((grade) => grade.raw);
    const unreadable = snapshot.grades.filter((grade) => grade.state === 'unreadable');
    expect(unreadable.map((grade) => grade.raw)).toEqual([
      language === 'en' ? 'Resubmitted' : 'Opnieuw ingeleverd',
    ]);
    expect(raw).toContain(
      language === 'en' ? '0 out of 100 Draft • Missing' : '0 van de 100 Concept • Ontbreekt',
    );
    expect(raw).toContain(language === 'en' ? '88.5 /100' : '88,5 /100');
  });

  it('ignores the hidden stale views', () => {
    const text = JSON.stringify(snapshot);
    expect(text).not.toMatch(/Old Student|Old worksheet|Oud werkblad|150647400001/);
  });

  it('is a valid CourseSnapshot', () => {
    expect(CourseSnapshotSchema.safeParse(snapshot).success).toBe(true);
  });
});

describe.each(['en', 'nl'] as const)('the %s People page', (language) => {
  const snapshot = read(`people-${language}`);

  it('reads the students with their emails, not the teacher, not the stale view', () => {
    expect(snapshot.students).toEqual(STUDENT_ROWS);
    expect(snapshot.coverage).toEqual({ gradebook: false, roster: true });
    expect(snapshot.coursework).toEqual([]);
    expect(snapshot.grades).toEqual([]);
    expect(snapshot.teacherEmail).toBe(COURSES[language].teacherEmail);
  });
});

describe('when the page is not what the reader expects', () => {
  const grades = loadFixture('grades-en').page;

  it('reports a Grades page whose grid has not rendered', () => {
    const doc = parseHtml(
      '<header role="banner"><a href="/c/NTk2MTc3NzQ1NDY4"><span>Biology 101</span></a></header>',
    );
    expect(readCourseSnapshot(doc, grades)).toEqual({ ok: false, failure: { code: 'no-grid' } });
  });

  it('reports a page that does not name the class', () => {
    const stream: ClassPageInfo = { ...grades, kind: 'stream' };
    const doc = parseHtml('<title>Classroom</title><main>Loading…</main>');
    expect(readCourseSnapshot(doc, stream)).toEqual({
      ok: false,
      failure: { code: 'no-course-name' },
    });
  });

  it('falls back to the tab title for the class name', () => {
    const stream: ClassPageInfo = { ...grades, kind: 'stream' };
    const doc = parseHtml('<title>Biology 101 - Google Classroom</title>');
    const result = readCourseSnapshot(doc, stream, READ_AT);
    expect(result.ok && result.snapshot.course.name).toBe('Biology 101');
  });

  it('ignores banner links to another class', () => {
    const stream: ClassPageInfo = { ...grades, kind: 'stream' };
    const doc = parseHtml(
      '<title>Classroom</title><header role="banner"><a href="/c/MTYwMDIyMjgxMDU0"><span>Other class</span></a></header>',
    );
    expect(readCourseSnapshot(doc, stream).ok).toBe(false);
  });

  it('reads a stream page as class, teacher and nothing else', () => {
    const { doc } = loadFixture('grades-en');
    const result = readCourseSnapshot(doc, { ...grades, kind: 'stream' }, READ_AT);
    expect(result.ok && result.snapshot).toMatchObject({
      coverage: { gradebook: false, roster: false },
      coursework: [],
      students: [],
      grades: [],
    });
  });
});

describe('when the grid does not follow the contract', () => {
  const { page } = loadFixture('grades-en');
  const grid = (cells: string) =>
    parseHtml(`<header role="banner"><a href="/c/NTk2MTc3NzQ1NDY4"><span>Biology 101</span></a></header>
      <div role="grid"><div role="row"><div role="columnheader" aria-colindex="1">Name</div>
        <div role="columnheader" aria-colindex="2"><a href="/c/NTk2MTc3NzQ1NDY4/a/MTUwNjQ3NDA3NDIy/details">Essay</a><span>out of 10</span></div></div>
      <div role="row"><div role="rowheader"><a href="/c/NTk2MTc3NzQ1NDY4/sp/MTA4/all">Zoë Müller</a></div>${cells}</div></div>`);

  it('lines up cells without aria-colindex by position', () => {
    const result = readCourseSnapshot(grid('<div role="gridcell">7 /10</div>'), page, READ_AT);
    expect(result.ok && result.snapshot.grades).toMatchObject([{ state: 'returned', score: 7 }]);
  });

  it('fails loudly when no cell lines up with a column', () => {
    const cells = '<div role="gridcell" aria-colindex="9">7 /10</div>';
    expect(readCourseSnapshot(grid(cells), page, READ_AT)).toEqual({
      ok: false,
      failure: { code: 'no-grade-cells' },
    });
  });

  it('leaves a cell that was not rendered out, rather than calling it empty', () => {
    const doc = grid('<div role="gridcell" aria-colindex="2">7 /10</div>');
    const header = doc.querySelector('[role="columnheader"][aria-colindex="2"]');
    header?.insertAdjacentHTML(
      'afterend',
      '<div role="columnheader" aria-colindex="3"><a href="/c/NTk2MTc3NzQ1NDY4/a/MTUwNjQ3NDA3NTAx/details">Lab</a></div>',
    );
    const result = readCourseSnapshot(doc, page, READ_AT);
    expect(result.ok && result.snapshot.coursework).toHaveLength(2);
    expect(result.ok && result.snapshot.grades.map((g) => g.courseworkId)).toEqual([
      '150647407422',
    ]);
  });

  it('fails loudly when named rows carry no student link', () => {
    const doc = grid('<div role="gridcell" aria-colindex="2">7 /10</div>');
    for (const link of doc.querySelectorAll('[role="rowheader"] a')) link.removeAttribute('href');
    doc
      .querySelector('[role="grid"]')
      ?.insertAdjacentHTML(
        'beforeend',
        '<div role="row"><div role="rowheader">Class average</div></div>',
      );
    expect(readCourseSnapshot(doc, page, READ_AT)).toEqual({
      ok: false,
      failure: { code: 'no-students' },
    });
  });

  it('reads an empty class (only the class average row) as no students, not a failure', () => {
    const doc = parseHtml(
      '<header role="banner"><a href="/c/NTk2MTc3NzQ1NDY4"><span>Biology 101</span></a></header><div role="grid"><div role="row"><div role="columnheader">Name</div></div><div role="row"><div role="rowheader">Class average</div></div></div>',
    );
    const result = readCourseSnapshot(doc, page, READ_AT);
    expect(result.ok && result.snapshot.students).toEqual([]);
  });
});
