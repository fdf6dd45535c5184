/**
 * The scene of the teacher export integration tests: a sandbox SIS whose default teacher's first
 * class is mirrored by a Classroom snapshot built in code (coursework with a long title, extra
 * credit, excused, draft and missing grades, an ungraded item, one without a due date, a student
 * matched by name only and one unknown to the SIS), the background behind its message router,
 * and what the SIS must hold afterwards, computed independently of the planner.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { CourseSnapshot } from '@/lib/classroom/model';
import { lineItemIdFor, resultIdFor } from '@/lib/export/plan';
import type { ReplyOf } from '@/lib/messaging/replies';
import { NO_FAULTS, type Sandbox, startSandbox } from '../../sandbox/index';
import {
  buildSnapshot,
  type CellSpec,
  type CourseworkSpec,
  firstActiveClass,
  type RosterStudent,
  sandboxRoster,
} from '../support/sandbox-snapshot';
import {
  createHarness,
  type Harness,
  type HarnessOptions,
  OPTIONS_SENDER,
} from '../support/teacher-harness';

export const COURSE = '596177745468';
const TITLE_LIMIT = 30;
export const NO_CHOICES = { excludedCoursework: [], categories: {} };

/** A = long title, extra credit, excused, draft, missing; C ungraded; D no due date. */
export const COURSEWORK: CourseworkSpec[] = [
  {
    id: '2001',
    title: 'The Great Gatsby: close reading of chapters 1–3',
    maxPoints: 100,
    dueDate: { year: 2025, month: 9, day: 15 },
    category: 'Homework',
  },
  {
    id: '2002',
    title: 'Quiz 1',
    maxPoints: 10,
    dueDate: { year: 2025, month: 11, day: 3 },
    category: 'Quizzes',
  },
  { id: '2003', title: 'Reading log', maxPoints: null, category: 'Homework' },
  { id: '2004', title: 'Participation', maxPoints: 5, category: 'Participation' },
  { id: '2005', title: 'Lab report', maxPoints: 20, dueDate: { year: 2026, month: 2, day: 10 } },
];

let sis: Sandbox;
let classId: string;
let roster: RosterStudent[];
let categoryOf: (title: string) => string;
let periodOf: (title: string) => string;

/** The grading period each dated coursework falls in (sandbox school year 2025–26). */
const PERIODS: Record<string, string> = {
  '2001': 'Quarter 1',
  '2002': 'Quarter 2',
  '2005': 'Quarter 3',
};
const pad = (n: number) => String(n).padStart(2, '0');
let h: Harness;

/** The default grades; `changes` overrides single cells, as "courseworkId/studentIndex". */
function cellFor(changes: Record<string, CellSpec | undefined> = {}) {
  return (cw: CourseworkSpec, s: number): CellSpec | undefined => {
    const key = `${cw.id}/${s}`;
    if (Object.hasOwn(changes, key)) return changes[key];
    if (s === roster.length) return { state: 'returned', score: 7 }; // the unmatched student
    switch (cw.id) {
      case '2001':
        if (s % 5 === 0) return { state: 'excused' };
        if (s === 1) return { state: 'returned', score: 105 }; // extra credit, sent as is
        if (s === 2) return { state: 'missing', score: 0, draft: true };
        if (s === 3) return { state: 'draft', score: 88 };
        return { state: 'returned', score: 60 + s };
      case '2002':
        return s === 4 ? { state: 'empty' } : { state: 'returned', score: s % 11 };
      case '2003':
        return { state: 'turned-in' };
      case '2004':
        return s % 2 === 0 ? { state: 'returned', score: 5 } : { state: 'assigned' };
      default:
        return s === 6 ? { state: 'missing' } : { state: 'returned', score: 15 };
    }
  };
}

/** The class in Classroom: the SIS students (the first by name only) plus one unknown to the SIS. */
export function snapshot(changes?: Record<string, CellSpec | undefined>): CourseSnapshot {
  const students = roster.map((student, index) =>
    index === 0
      ? { key: 'id:100', name: `${student.familyName}, ${student.givenName}` }
      : {
          key: `id:${100 + index}`,
          name: `${student.givenName} ${student.familyName}`,
          email: student.email.toUpperCase(),
        },
  );
  students.push({ key: 'id:999', name: 'Transfer Student', email: 'new@example.org' });
  return buildSnapshot({
    courseId: COURSE,
    students,
    coursework: COURSEWORK,
    cell: cellFor(changes),
  });
}

/** What the SIS must hold for `snap` under the default rules (drafts and missing not sent). */
export function expectedState(snap: CourseSnapshot) {
  const graded = COURSEWORK.filter((cw) => cw.maxPoints !== null);
  const lineItems = graded.map((cw) => ({
    sourcedId: lineItemIdFor(COURSE, cw.id),
    title:
      cw.title.length > TITLE_LIMIT ? `${cw.title.slice(0, TITLE_LIMIT - 1).trimEnd()}…` : cw.title,
    description: cw.title,
    class: { sourcedId: classId },
    category: {
      sourcedId: categoryOf(
        cw.category === 'Quizzes' || cw.category === 'Homework' ? cw.category : 'Projects',
      ),
    },
    resultValueMin: 0,
    resultValueMax: cw.maxPoints,
    // Without a due date the export time is used, and its period depends on the day of the run.
    ...(cw.dueDate
      ? {
          dueDate: `${cw.dueDate.year}-${pad(cw.dueDate.month)}-${pad(cw.dueDate.day)}T00:00:00.000Z`,
          gradingPeriod: { sourcedId: periodOf(PERIODS[cw.id] ?? '') },
        }
      : {}),
  }));
  const results = snap.grades.flatMap((grade) => {
    const index = Number(grade.studentKey.slice(3)) - 100;
    const student = roster[index];
    const cw = graded.find((item) => item.id === grade.courseworkId);
    if (!student || !cw) return [];
    const lineItemId = lineItemIdFor(COURSE, cw.id);
    const base = {
      sourcedId: resultIdFor(lineItemId, student.sourcedId),
      lineItemId,
      studentId: student.sourcedId,
    };
    if (grade.state === 'excused') return [{ ...base, score: 0, scoreStatus: 'exempt' }];
    if (grade.state === 'returned')
      return [{ ...base, score: grade.score, scoreStatus: 'fully graded' }];
    return [];
  });
  return { lineItems, results };
}

/** The class's line items and results as the sandbox holds them. */
export function sisState() {
  const lineItems = [...sis.data.lineItems.values()].filter((li) => li.class.sourcedId === classId);
  const ids = new Set(lineItems.map((li) => li.sourcedId));
  const results = [...sis.data.results.values()].filter((r) => ids.has(r.lineItem.sourcedId));
  return { lineItems, results };
}

export function expectSisToHold(snap: CourseSnapshot) {
  const want = expectedState(snap);
  const have = sisState();
  expect(have.lineItems.map((li) => li.sourcedId).sort()).toEqual(
    want.lineItems.map((li) => li.sourcedId).sort(),
  );
  for (const expected of want.lineItems) {
    const stored = sis.data.lineItems.get(expected.sourcedId);
    expect(stored, expected.title).toMatchObject({ ...expected, status: 'active' });
  }
  expect(have.results.map((r) => r.sourcedId).sort()).toEqual(
    want.results.map((r) => r.sourcedId).sort(),
  );
  for (const expected of want.results) {
    const stored = sis.data.results.get(expected.sourcedId);
    expect(stored).toMatchObject({
      lineItem: { sourcedId: expected.lineItemId },
      student: { sourcedId: expected.studentId },
      score: expected.score,
      scoreStatus: expected.scoreStatus,
      comment: '',
    });
  }
  return want;
}

export const writes = () =>
  sis.requestLog.entries.filter((e) => e.method === 'PUT' || e.method === 'DELETE');

/** Connects, sets the admin's rules, finds the teacher's classes and links the first one. */
export async function linkClass(authMode: 'oauth1' | 'oauth2' = 'oauth1') {
  await h.connect(authMode);
  const rules = {
    categoryId: categoryOf('Projects'),
    exportDrafts: false,
    missingWork: 'skip',
    titleLimit: TITLE_LIMIT,
  };
  expect(await h.send('saveExportDefaults', rules, OPTIONS_SENDER)).toMatchObject({ ok: true });
  const found = await h.ask<ReplyOf<'findTeacherClasses'>>('findTeacherClasses', {
    courseId: COURSE,
    email: sis.teacherEmail,
  });
  return h.ask<ReplyOf<'linkClass'>>('linkClass', {
    courseId: COURSE,
    sisClassId: classId,
    teacherSourcedId: found.teacher.sourcedId,
    teacherEmail: sis.teacherEmail,
  });
}

export async function exportNow(snap: CourseSnapshot) {
  const started = await h.ask<ReplyOf<'startExport'>>('startExport', {
    courseId: COURSE,
    snapshot: snap,
    choices: NO_CHOICES,
  });
  const state = await h.waitForExport(COURSE);
  return { started, state, summary: state.history[0] };
}

/** Registers the scene's hooks (a fresh SIS gradebook and background per test). */
export function setUpTeacherScene(options: HarnessOptions = {}) {
  beforeAll(async () => {
    sis = await startSandbox({ seed: 23, schoolYear: 2026, students: 60, classes: 6 });
    classId = firstActiveClass(sis).sourcedId;
    roster = sandboxRoster(sis, classId);
    periodOf = (title) =>
      [...sis.data.academicSessions.values()].find((p) => p.title === title)?.sourcedId ?? '';
    categoryOf = (title) =>
      [...sis.data.categories.values()].find((c) => c.title === title)?.sourcedId ?? '';
  });
  beforeEach(() => {
    sis.setFaults(NO_FAULTS);
    sis.data.lineItems.clear();
    sis.data.results.clear();
    sis.requestLog.clear();
    h = createHarness(sis, options);
  });
  afterAll(() => sis.close());
  return {
    /** Replaces this test's background by one with other options (e.g. engine concurrency). */
    restart(options: HarnessOptions) {
      h = createHarness(sis, options);
    },
    get sis() {
      return sis;
    },
    get h() {
      return h;
    },
    get classId() {
      return classId;
    },
    get roster() {
      return roster;
    },
  };
}
