/**
 * A CourseSnapshot built in code for a sandbox SIS class — what the page reader would produce
 * for a Classroom class with the SIS class's students — so export tests can state grades cell
 * by cell and know exactly what the SIS must end up holding.
 */
import {
  type CourseSnapshot,
  CourseSnapshotSchema,
  type DueDate,
  type GradeState,
} from '@/lib/classroom/model';
import type { Sandbox } from '../../sandbox/index';
import { urlIdOf } from './teacher-harness';

export interface RosterStudent {
  sourcedId: string;
  givenName: string;
  familyName: string;
  email: string;
}

/** The SIS class's students, in enrollment order. */
export function sandboxRoster(sis: Sandbox, classId: string): RosterStudent[] {
  return [...sis.data.enrollments.values()]
    .filter((e) => e.class.sourcedId === classId && e.role === 'student')
    .map((e) => sis.data.users.get(e.user.sourcedId))
    .filter((user) => user !== undefined)
    .map(({ sourcedId, givenName, familyName, email }) => ({
      sourcedId,
      givenName,
      familyName,
      email,
    }));
}

/** The default teacher's first active class. */
export function firstActiveClass(sis: Sandbox) {
  const teacherId = sis.data.defaultTeacherId;
  const classIds = new Set(
    [...sis.data.enrollments.values()]
      .filter((e) => e.user.sourcedId === teacherId)
      .map((e) => e.class.sourcedId),
  );
  const klass = [...sis.data.classes.values()].find(
    (c) => classIds.has(c.sourcedId) && c.status === 'active',
  );
  if (!klass) throw new Error('the sandbox teacher has no active class');
  return klass;
}

export interface CourseworkSpec {
  id: string;
  title: string;
  maxPoints: number | null;
  dueDate?: DueDate;
  category?: string;
}

/** One cell; undefined: no cell on the page. */
export interface CellSpec {
  state: GradeState;
  score?: number;
  draft?: boolean;
}

export interface ClassroomStudentSpec {
  key: string;
  name: string;
  email?: string;
}

export function buildSnapshot(input: {
  courseId: string;
  students: ClassroomStudentSpec[];
  coursework: CourseworkSpec[];
  cell: (coursework: CourseworkSpec, studentIndex: number) => CellSpec | undefined;
  teacherEmail?: string;
}): CourseSnapshot {
  return CourseSnapshotSchema.parse({
    schemaVersion: 1,
    readAt: new Date().toISOString(),
    course: {
      courseId: input.courseId,
      urlCourseId: urlIdOf(input.courseId),
      accountIndex: 0,
      name: 'English 10',
    },
    ...(input.teacherEmail ? { teacherEmail: input.teacherEmail } : {}),
    coverage: { gradebook: true, roster: true },
    coursework: input.coursework.map((cw) => ({
      id: cw.id,
      urlId: urlIdOf(cw.id),
      title: cw.title,
      maxPoints: cw.maxPoints,
      ...(cw.dueDate ? { dueDate: cw.dueDate } : {}),
      ...(cw.category ? { category: cw.category } : {}),
    })),
    students: input.students,
    grades: input.coursework.flatMap((cw) =>
      input.students.flatMap((student, index) => {
        const cell = input.cell(cw, index);
        if (!cell) return [];
        return [
          {
            courseworkId: cw.id,
            studentKey: student.key,
            state: cell.state,
            ...(cell.score === undefined ? {} : { score: cell.score }),
            draft: cell.draft ?? cell.state === 'draft',
            late: false,
            raw: cell.score === undefined ? '' : String(cell.score),
          },
        ];
      }),
    ),
  });
}
