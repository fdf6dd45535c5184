/**
 * Shared set-up of the teacher-handler tests: a sandbox SIS, the background behind its real
 * router (test/support/teacher-harness.ts), a one-coursework snapshot of the sandbox teacher's
 * first class, and every panel message with a valid payload.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/index';
import { buildSnapshot, firstActiveClass, sandboxRoster } from '../support/sandbox-snapshot';
import {
  createHarness,
  type Harness,
  type PanelRequest,
  panelSender,
} from '../support/teacher-harness';

export const COURSE = '596177745468';
export const OTHER_COURSE = '11159097167';
export const NO_CHOICES = { excludedCoursework: [], categories: {} };

let sis: Sandbox;
let h: Harness;
let classId: string;

export function snapshot(gradebook = true) {
  const students = sandboxRoster(sis, classId).map((s, i) => ({
    key: `id:${i}`,
    name: `${s.givenName} ${s.familyName}`,
    email: s.email,
  }));
  const snap = buildSnapshot({
    courseId: COURSE,
    students,
    coursework: [{ id: '1', title: 'Essay', maxPoints: 10, category: 'Homework' }],
    cell: () => ({ state: 'returned', score: 8 }),
  });
  return gradebook ? snap : { ...snap, coverage: { gradebook: false, roster: true } };
}

export const teacherId = () => sis.data.defaultTeacherId;
export const linkRequest = (sisClassId = classId) => ({
  courseId: COURSE,
  sisClassId,
  teacherSourcedId: teacherId(),
  teacherEmail: sis.teacherEmail,
});

/** Every panel message of COURSE with a valid payload. */
export const ALL_REQUESTS = () =>
  [
    ['findTeacherClasses', { courseId: COURSE, email: sis.teacherEmail }],
    ['linkClass', linkRequest()],
    ['unlinkClass', { courseId: COURSE }],
    ['setStudentMatch', { courseId: COURSE, studentKey: 'id:1', sisStudentId: null }],
    ['resetStudentMatch', { courseId: COURSE, studentKey: 'id:1' }],
    ['previewExport', { courseId: COURSE, snapshot: snapshot(), choices: NO_CHOICES }],
    ['startExport', { courseId: COURSE, snapshot: snapshot(), choices: NO_CHOICES }],
    ['connectGoogleAccount', { courseId: COURSE, accountEmail: sis.teacherEmail }],
  ] as const;

export const errorOf = async (
  type: string,
  data: PanelRequest,
  sender: object = panelSender(data.courseId),
) => {
  const reply = await h.send(type, data, sender);
  return reply.ok ? undefined : reply.error;
};

/** Registers the hooks: one sandbox per file, a fresh gradebook and background per test. */
export function setUpTeacherBackground() {
  beforeAll(async () => {
    sis = await startSandbox({ seed: 9, classes: 6, schoolYear: 2026 });
    classId = firstActiveClass(sis).sourcedId;
  });
  beforeEach(() => {
    sis.data.lineItems.clear();
    sis.data.results.clear();
    h = createHarness(sis);
  });
  afterAll(() => sis.close());
  return {
    get sis() {
      return sis;
    },
    get h() {
      return h;
    },
    get classId() {
      return classId;
    },
  };
}
