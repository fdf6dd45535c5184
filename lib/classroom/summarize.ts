/** The few numbers the panel shows about a snapshot. */
import type { CourseSnapshot } from './model';

/** What the panel tells the teacher it read from the page. */
export interface SnapshotSummary {
  courseName: string;
  section?: string;
  teacherEmail?: string;
  /** A Grades page has been read (otherwise the counts below are not known yet). */
  gradebookRead: boolean;
  courseworkCount: number;
  studentCount: number;
  studentsWithEmail: number;
  /** Cells whose text was not understood: shown, never exported. */
  unreadableCount: number;
}

/** Summarizes `snapshot` for the panel. */
export function summarizeSnapshot(snapshot: CourseSnapshot): SnapshotSummary {
  const { name, section } = snapshot.course;
  return {
    courseName: name,
    ...(section ? { section } : {}),
    ...(snapshot.teacherEmail ? { teacherEmail: snapshot.teacherEmail } : {}),
    gradebookRead: snapshot.coverage.gradebook,
    courseworkCount: snapshot.coursework.length,
    studentCount: snapshot.students.length,
    studentsWithEmail: snapshot.students.filter((student) => student.email).length,
    unreadableCount: snapshot.grades.filter((grade) => grade.state === 'unreadable').length,
  };
}
