// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { type CourseSnapshot, CourseSnapshotSchema, type GradeState } from '@/lib/classroom/model';
import { detectPage } from '@/lib/classroom/page';
import {
  type ClassPageInfo,
  mergeSnapshots,
  readCourseSnapshot,
  summarizeSnapshot,
} from '@/lib/classroom/read-page';
import { buildLargeGradesPage, type LargeClassOptions } from '../../fixtures/classroom/large-class';
import { buildSandboxClassPage, type CellKind } from '../../fixtures/classroom/sandbox-class';
import { COURSEWORK } from './expected-coursework';
import { expectedGrades, STUDENT_ROWS } from './expected-snapshots';
import { type FixtureName, loadFixture, parseHtml } from './fixtures';

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
      '<header><h1><a href="/c/NTk2MTc3NzQ1NDY4"><span>Biology 101</span></a></h1></header>',
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

  // Was "falls back to the tab title": the title lags behind navigation (evidence §1.3).
  it('does not take the class name from the tab title', () => {
    const stream: ClassPageInfo = { ...grades, kind: 'stream' };
    const doc = parseHtml('<title>Biology 101 - Google Classroom</title>');
    expect(readCourseSnapshot(doc, stream, READ_AT)).toEqual({
      ok: false,
      failure: { code: 'no-course-name' },
    });
  });

  it('ignores banner links to another class', () => {
    const stream: ClassPageInfo = { ...grades, kind: 'stream' };
    const doc = parseHtml(
      '<title>Classroom</title><header><h1><a href="/c/MTYwMDIyMjgxMDU0"><span>Other class</span></a></h1></header>',
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
    parseHtml(`<header><h1><a href="/c/NTk2MTc3NzQ1NDY4"><span>Biology 101</span></a></h1></header>
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

  // Was "fails loudly when named rows carry no student link": the real grid's student links are
  // unverified (evidence §3(a)), so such rows are now read by name and the snapshot says so.
  it('reads rows by name when no row carries a student link, skipping the class average', () => {
    const doc = grid('<div role="gridcell" aria-colindex="2">7 /10</div>');
    for (const link of doc.querySelectorAll('[role="rowheader"] a')) link.removeAttribute('href');
    doc
      .querySelector('[role="grid"]')
      ?.insertAdjacentHTML(
        'beforeend',
        '<div role="row"><div role="rowheader">Class average</div></div><div role="row"><div role="rowheader">Zoë Müller</div><div role="gridcell">Excused</div></div>',
      );
    const result = readCourseSnapshot(doc, page, READ_AT);
    if (!result.ok) throw new Error(result.failure.code);
    expect(result.snapshot.students).toEqual([
      { key: 'name:Zoë Müller', name: 'Zoë Müller' },
      { key: 'name:Zoë Müller#2', name: 'Zoë Müller' },
    ]);
    expect(result.snapshot.grades).toMatchObject([
      { studentKey: 'name:Zoë Müller', state: 'returned', score: 7 },
      { studentKey: 'name:Zoë Müller#2', state: 'excused' },
    ]);
    expect(result.snapshot.rendered).toEqual({ students: 2, withoutId: 2 });
  });

  it('does not read a row without a link by name when other rows have links', () => {
    const doc = grid('<div role="gridcell" aria-colindex="2">7 /10</div>');
    doc
      .querySelector('[role="grid"]')
      ?.insertAdjacentHTML(
        'beforeend',
        '<div role="row"><div role="rowheader">Ava Smith</div><div role="gridcell">Excused</div></div>',
      );
    const result = readCourseSnapshot(doc, page, READ_AT);
    expect(result.ok && result.snapshot.students).toEqual([{ key: 'id:108', name: 'Zoë Müller' }]);
    expect(result.ok && result.snapshot.rendered).toEqual({ students: 1 });
  });

  it('fails loudly when named rows carry neither a student link nor a name', () => {
    const doc = grid('<div role="gridcell" aria-colindex="2">7 /10</div>');
    for (const link of doc.querySelectorAll('[role="rowheader"] a')) link.remove();
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
      '<header><h1><a href="/c/NTk2MTc3NzQ1NDY4"><span>Biology 101</span></a></h1></header><div role="grid"><div role="row"><div role="columnheader">Name</div></div><div role="row"><div role="rowheader">Class average</div></div></div>',
    );
    const result = readCourseSnapshot(doc, page, READ_AT);
    expect(result.ok && result.snapshot.students).toEqual([]);
  });
});

function readFixture(name: FixtureName): CourseSnapshot {
  const { doc, page } = loadFixture(name);
  const result = readCourseSnapshot(doc, page, new Date('2026-11-28T10:00:00Z'));
  if (!result.ok) throw new Error(result.failure.code);
  return result.snapshot;
}

describe('mergeSnapshots', () => {
  const grades = readFixture('grades-en');
  const people = readFixture('people-en');

  it.each([
    ['Grades then People', grades, people],
    ['People then Grades', people, grades],
  ])('%s: coursework and grades from one, emails from the other', (_, first, second) => {
    const merged = mergeSnapshots(first, second);
    expect(merged.coverage).toEqual({ gradebook: true, roster: true });
    expect(merged.coursework).toEqual(grades.coursework);
    expect(merged.grades).toEqual(grades.grades);
    expect(merged.students).toEqual(STUDENT_ROWS);
    expect(CourseSnapshotSchema.safeParse(merged).success).toBe(true);
  });

  it('lets a newer Grades read replace the older one', () => {
    const newer = { ...grades, coursework: grades.coursework.slice(0, 1), grades: [] };
    expect(mergeSnapshots(grades, newer).coursework).toHaveLength(1);
  });

  it('keeps roster-only students after the gradebook ones', () => {
    const extra = { key: 'id:9', name: 'New Student', email: 'new@students.school.example' };
    const roster = { ...people, students: [...people.students, extra] };
    expect(mergeSnapshots(grades, roster).students.at(-1)).toEqual(extra);
  });

  it('does not mix two classes', () => {
    expect(mergeSnapshots(readFixture('grades-nl'), people)).toBe(people);
  });
});

describe('summarizeSnapshot', () => {
  it('counts what the panel shows', () => {
    expect(
      summarizeSnapshot(mergeSnapshots(readFixture('grades-en'), readFixture('people-en'))),
    ).toEqual({
      courseName: 'Biology 101',
      section: 'Period 3',
      teacherEmail: 'alex.rivera@school.example',
      gradebookRead: true,
      courseworkCount: 8,
      studentCount: 8,
      studentsWithEmail: 7,
      unreadableCount: 1,
    });
  });
});

function readLarge(options: LargeClassOptions) {
  const page = buildLargeGradesPage(options);
  const result = readCourseSnapshot(parseHtml(page.html), detectPage(page.url) as ClassPageInfo);
  if (!result.ok) throw new Error(result.failure.code);
  return { page, snapshot: result.snapshot };
}

describe('the generated large class', () => {
  it('is deterministic', () => {
    expect(buildLargeGradesPage({ students: 5, coursework: 5 }).html).toBe(
      buildLargeGradesPage({ students: 5, coursework: 5 }).html,
    );
  });

  it('reads cell by cell as generated (12 × 10)', () => {
    const { snapshot } = readLarge({ students: 12, coursework: 10 });
    const states = snapshot.grades.slice(0, 10).map((grade) => grade.state);
    // Row 0 starts with the unreadable marker (cell 0), then the vocabulary cycle.
    expect(states).toEqual([
      'unreadable',
      'draft',
      'missing',
      'excused',
      'turned-in',
      'turned-in',
      'assigned',
      'returned',
      'empty',
      'returned',
    ]);
    expect(snapshot.grades.find((grade) => grade.score === 104)?.state).toBe('returned');
    expect(snapshot.coursework[0]).toMatchObject({ maxPoints: 100, category: 'Homework' });
    expect(snapshot.students[1]?.name).toBe('Siobhán de Vries');
  });

  it('reads all 200 students × 100 coursework, none of the stale view', () => {
    const { page, snapshot } = readLarge({});
    const summary = summarizeSnapshot(snapshot);
    expect(summary).toMatchObject({
      courseName: 'Chemistry – large class',
      section: 'All periods',
      teacherEmail: 'robin.bakker@school.example',
      courseworkCount: page.expected.coursework,
      studentCount: page.expected.students,
      unreadableCount: page.expected.unreadable,
    });
    expect(snapshot.grades).toHaveLength(page.expected.grades);
    expect(page.expected).toEqual({
      students: 200,
      coursework: 100,
      grades: 20000,
      unreadable: 207,
    });
    expect(snapshot.coursework.map((item) => item.title)).not.toContain('Stale column');
  }, 60_000);
});

// The generated sandbox-class Grades page reads back exactly as generated (e2e depends on it).
const PAGE = buildSandboxClassPage({
  courseId: '734512908812',
  courseName: 'Biology - Period 1',
  section: 'Riverside High',
  teacher: { name: 'Elena Ramírez', email: 'eramirez@riverside.example' },
  students: ['Zoë Müller', 'José Álvarez', "Siobhán O'Brien", 'Ava Smith', 'Liam Chen'].map(
    (name) => ({ name }),
  ),
});
const STATE: Record<CellKind, GradeState> = {
  returned: 'returned',
  'extra-credit': 'returned',
  excused: 'excused',
  draft: 'draft',
  missing: 'missing',
  'turned-in': 'turned-in',
  'turned-in-late': 'turned-in',
  assigned: 'assigned',
  empty: 'empty',
};

function readSandboxClass() {
  const page = detectPage(new URL(`https://classroom.google.com${PAGE.path}`)) as ClassPageInfo;
  const result = readCourseSnapshot(parseHtml(PAGE.html), page);
  if (!result.ok) throw new Error(result.failure.code);
  return result.snapshot;
}

describe('the generated sandbox class', () => {
  it('reads its class, teacher, coursework and students as generated', () => {
    const snapshot = readSandboxClass();
    expect(snapshot.course).toMatchObject({ courseId: '734512908812', name: 'Biology - Period 1' });
    expect(snapshot.teacherEmail).toBe('eramirez@riverside.example');
    expect(snapshot.coursework.map((cw) => [cw.id, cw.title, cw.maxPoints, cw.category])).toEqual(
      PAGE.coursework.map((cw) => [cw.id, cw.title, cw.maxPoints, cw.category]),
    );
    expect(snapshot.coursework[3]?.dueDate).toBeUndefined();
    expect(snapshot.coursework[0]?.dueDate).toEqual({ month: 9, day: 12 });
    expect(snapshot.students.map((s) => s.key)).toEqual(PAGE.studentKeys);
  });

  it('reads every cell as the state and score it was generated with', () => {
    const snapshot = readSandboxClass();
    const kinds = new Set<CellKind>();
    PAGE.coursework.forEach((cw, j) => {
      PAGE.studentKeys.forEach((key, i) => {
        const cell = PAGE.cell(j, i);
        kinds.add(cell.kind);
        const grade = snapshot.grades.find((g) => g.courseworkId === cw.id && g.studentKey === key);
        expect(grade?.state, `${cw.title} / ${key}`).toBe(STATE[cell.kind]);
        if (cell.score !== undefined) expect(grade?.score).toBe(cell.score);
      });
    });
    expect(kinds.size).toBe(8); // every kind appears in a class of five
  });

  it('reads a late hand-in ("Done late", no grade) as turned in and late', () => {
    const late = buildSandboxClassPage({
      courseId: '734512908813',
      courseName: 'Biology - Period 2',
      section: 'Riverside High',
      teacher: { name: 'Elena Ramírez', email: 'eramirez@riverside.example' },
      students: [{ name: 'Zoë Müller' }, { name: 'Liam Chen' }],
      cell: (_cw, _j, student) => ({ kind: student === 0 ? 'turned-in-late' : 'turned-in' }),
    });
    const page = detectPage(new URL(`https://classroom.google.com${late.path}`)) as ClassPageInfo;
    const result = readCourseSnapshot(parseHtml(late.html), page);
    if (!result.ok) throw new Error(result.failure.code);
    const graded = late.coursework.find((cw) => cw.maxPoints !== null)?.id;
    const cells = result.snapshot.grades.filter((g) => g.courseworkId === graded);
    expect(cells.map((g) => [g.state, g.late])).toEqual([
      ['turned-in', true],
      ['turned-in', false],
    ]);
  });
});
