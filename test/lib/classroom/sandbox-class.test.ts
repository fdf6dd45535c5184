// @vitest-environment happy-dom
/** The generated sandbox-class Grades page reads back exactly as generated (e2e depends on it). */
import { describe, expect, it } from 'vitest';
import type { GradeState } from '@/lib/classroom/model';
import { detectPage } from '@/lib/classroom/page';
import { type ClassPageInfo, readCourseSnapshot } from '@/lib/classroom/read-snapshot';
import { buildSandboxClassPage, type CellKind } from '../../fixtures/classroom/sandbox-class';
import { parseHtml } from './fixtures';

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
  assigned: 'assigned',
  empty: 'empty',
};

function read() {
  const page = detectPage(new URL(`https://classroom.google.com${PAGE.path}`)) as ClassPageInfo;
  const result = readCourseSnapshot(parseHtml(PAGE.html), page);
  if (!result.ok) throw new Error(result.failure.code);
  return result.snapshot;
}

describe('the generated sandbox class', () => {
  it('reads its class, teacher, coursework and students as generated', () => {
    const snapshot = read();
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
    const snapshot = read();
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
});
