/**
 * The sandbox teacher's classes as Classroom Grades pages, and what the SIS must hold after
 * exporting one: the expectation is computed from the generated page and the sandbox roster
 * alone (with the product's id function, whose determinism is what "no duplicates" rests on).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineItemIdFor, resultIdFor } from '../../../lib/export/plan';
import type { Klass, Sandbox, User } from '../../../sandbox/index.ts';
import {
  buildSandboxClassPage,
  type SandboxClassInput,
  type SandboxClassPage,
} from '../../fixtures/classroom/sandbox-class';

const PAGES_DIR = join(import.meta.dirname, '../../../test-results/classroom-pages');

/** The sandbox teacher's active classes, in the SIS's order, with their enrolled students. */
export function teacherClasses(sis: Sandbox): Array<{ klass: Klass; students: User[] }> {
  const teacher = [...sis.data.users.values()].find((u) => u.email === sis.teacherEmail);
  const enrollments = [...sis.data.enrollments.values()].filter((e) => e.status === 'active');
  const taught = new Set(
    enrollments
      .filter((e) => e.user.sourcedId === teacher?.sourcedId)
      .map((e) => e.class.sourcedId),
  );
  return [...sis.data.classes.values()]
    .filter((klass) => taught.has(klass.sourcedId) && klass.status === 'active')
    .map((klass) => ({
      klass,
      students: enrollments
        .filter((e) => e.class.sourcedId === klass.sourcedId && e.role === 'student')
        .map((e) => sis.data.users.get(e.user.sourcedId))
        .filter((user): user is User => user !== undefined),
    }));
}

export interface ClassFixture {
  courseId: string;
  klass: Klass;
  page: SandboxClassPage;
  /** The file the Classroom server serves for `page.path`. */
  file: string;
  /** Classroom row → the SIS student it is (undefined: not in the SIS). */
  rows: Array<User | undefined>;
  /** The class's SIS students the page does not render (a lazily loaded row; the API has them). */
  unrendered: User[];
}

/**
 * Writes the Grades page of `klass` as Classroom course `courseId`. `renamed` rows show another
 * first name than the SIS has (so only the teacher can match them); `visitors` are Classroom
 * students the SIS does not know.
 */
export function writeClassFixture(
  sis: Sandbox,
  klass: { klass: Klass; students: User[] },
  courseId: string,
  options: {
    renamed?: number[];
    visitors?: string[];
    coursework?: SandboxClassInput['coursework'];
    cell?: SandboxClassInput['cell'];
    /** The last this many students of the class have no row on the page. */
    unrendered?: number;
  } = {},
): ClassFixture {
  const teacher = [...sis.data.users.values()].find((u) => u.email === sis.teacherEmail);
  const shown = klass.students.length - (options.unrendered ?? 0);
  const unrendered = klass.students.slice(shown);
  klass = { ...klass, students: klass.students.slice(0, shown) };
  const rows: Array<User | undefined> = [
    ...klass.students,
    ...(options.visitors ?? []).map(() => undefined),
  ];
  const names = [
    ...klass.students.map((s, i) =>
      options.renamed?.includes(i) ? `Kiddo ${s.familyName}` : `${s.givenName} ${s.familyName}`,
    ),
    ...(options.visitors ?? []),
  ];
  const page = buildSandboxClassPage({
    courseId,
    courseName: klass.klass.title,
    section: klass.klass.classCode,
    teacher: {
      name: `${teacher?.givenName} ${teacher?.familyName}`,
      email: sis.teacherEmail,
    },
    students: names.map((name) => ({ name })),
    coursework: options.coursework,
    cell: options.cell,
  });
  mkdirSync(PAGES_DIR, { recursive: true });
  const file = join(PAGES_DIR, `grades-${courseId}.html`);
  writeFileSync(file, page.html);
  return { courseId, klass: klass.klass, page, file, rows, unrendered };
}

/**
 * The class's Stream page (/c/<id>): the Grades page's class header and account, no grid. What
 * the page reader finds there is the course and the account only.
 */
export function writeStreamPage(fixture: ClassFixture): { path: string; file: string } {
  const html = fixture.page.html.replace(
    /<c-wiz>[\s\S]*<\/c-wiz>/,
    '<c-wiz><div role="main"><h2>Stream</h2><p>Announce something to your class</p></div></c-wiz>',
  );
  const path = fixture.page.path.replace(/\/gb\/.*$/, '');
  const file = join(PAGES_DIR, `stream-${fixture.courseId}.html`);
  writeFileSync(file, html);
  return { path, file };
}

export interface LineItemFacts {
  sourcedId: string;
  title: string;
  class: string;
  category?: string;
  resultValueMin: number;
  resultValueMax?: number;
  hasDueDate: boolean;
}
export interface ResultFacts {
  sourcedId: string;
  lineItem: string;
  student: string;
  score: number;
  scoreStatus: string;
  comment?: string;
}

/** What the SIS must hold for the class after a full export with the given categories. */
export function expectedSisState(fixture: ClassFixture, categoryOf: (title: string) => string) {
  const lineItems: LineItemFacts[] = [];
  const results: ResultFacts[] = [];
  fixture.page.coursework.forEach((cw, j) => {
    if (cw.maxPoints === null) return; // ungraded: never exported
    const lineItem = lineItemIdFor(fixture.courseId, cw.id);
    lineItems.push({
      sourcedId: lineItem,
      title: cw.title,
      class: fixture.klass.sourcedId,
      category: categoryOf(cw.title),
      resultValueMin: 0,
      resultValueMax: cw.maxPoints,
      hasDueDate: true,
    });
    fixture.rows.forEach((student, i) => {
      if (!student) return;
      const cell = fixture.page.cell(j, i);
      // Drafts and missing work are not sent by default; no grade, nothing to send.
      const sent =
        cell.kind === 'returned' || cell.kind === 'extra-credit'
          ? { score: cell.score ?? NaN, scoreStatus: 'fully graded' }
          : cell.kind === 'excused'
            ? { score: 0, scoreStatus: 'exempt' }
            : undefined;
      if (!sent) return;
      const sourcedId = resultIdFor(lineItem, student.sourcedId);
      results.push({ sourcedId, lineItem, student: student.sourcedId, ...sent, comment: '' });
    });
  });
  return { lineItems: byId(lineItems), results: byId(results) };
}

/** What the SIS holds for the class, in the same shape. */
export function sisStateOf(sis: Sandbox, classId: string) {
  const lineItems = [...sis.data.lineItems.values()].filter((li) => li.class.sourcedId === classId);
  const ids = new Set(lineItems.map((li) => li.sourcedId));
  return {
    lineItems: byId(
      lineItems.map((li) => ({
        sourcedId: li.sourcedId,
        title: li.title,
        class: li.class.sourcedId,
        category: li.category?.sourcedId,
        resultValueMin: li.resultValueMin,
        resultValueMax: li.resultValueMax,
        hasDueDate: Boolean(li.dueDate),
      })),
    ),
    results: byId(
      [...sis.data.results.values()]
        .filter((r) => ids.has(r.lineItem.sourcedId))
        .map((r) => ({
          sourcedId: r.sourcedId,
          lineItem: r.lineItem.sourcedId,
          student: r.student.sourcedId,
          score: r.score,
          scoreStatus: r.scoreStatus,
          comment: r.comment,
        })),
    ),
  };
}

const byId = <T extends { sourcedId: string }>(items: T[]) =>
  [...items].sort((a, b) => a.sourcedId.localeCompare(b.sourcedId));
