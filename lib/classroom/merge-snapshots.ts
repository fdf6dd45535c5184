/**
 * Combines reads of different pages of one class: the Grades page gives coursework, students and
 * grades, the People page the students' emails. The content script keeps the last snapshot per
 * class and merges each new read into it.
 */
import type { CourseSnapshot, Student } from './model';

/** `next` merged over `previous`: what `next` read wins, what only `previous` read is kept. */
export function mergeSnapshots(previous: CourseSnapshot, next: CourseSnapshot): CourseSnapshot {
  if (previous.course.courseId !== next.course.courseId) return next;
  const gradebook = next.coverage.gradebook ? next : previous.coverage.gradebook ? previous : null;
  const roster = next.coverage.roster ? next : previous.coverage.roster ? previous : null;
  const teacherEmail = next.teacherEmail ?? previous.teacherEmail;
  return {
    ...next,
    ...(teacherEmail ? { teacherEmail } : {}),
    coverage: { gradebook: gradebook !== null, roster: roster !== null },
    coursework: gradebook?.coursework ?? [],
    grades: gradebook?.grades ?? [],
    students: unionStudents(gradebook?.students ?? [], roster?.students ?? []),
  };
}

/** Gradebook students in page order with roster emails filled in, then roster-only students. */
function unionStudents(gradebook: Student[], roster: Student[]): Student[] {
  const emails = new Map(roster.map((student) => [student.key, student.email]));
  const merged = gradebook.map((student) => {
    const email = emails.get(student.key) ?? student.email;
    return email ? { ...student, email } : student;
  });
  const known = new Set(gradebook.map((student) => student.key));
  return [...merged, ...roster.filter((student) => !known.has(student.key))];
}
