/**
 * The teacher's own pick of the SIS student for a Classroom student (or "no SIS record"), for
 * students email and name could not place. The SIS student must be in the linked class (read
 * again from the SIS), and one SIS student belongs to one Classroom student: picking them for a
 * second student takes them from the first. A pick can be taken back, so that email and name
 * match the student again.
 */
import { RequestError } from '../errors';
import { t } from '../i18n/t';
import { type ClassLink, updateClassLink } from '../settings/class-links';
import type { SisSession } from './sis-session';

export interface StudentMatchChange {
  courseId: string;
  studentKey: string;
  sisStudentId: string | null;
}

/** The link's matches with the change applied. */
export function withStudentMatch(
  matches: ClassLink['studentMatches'],
  studentKey: string,
  sisStudentId: string | null,
): ClassLink['studentMatches'] {
  const next = Object.fromEntries(
    Object.entries(matches).filter(([, id]) => sisStudentId === null || id !== sisStudentId),
  );
  next[studentKey] = sisStudentId;
  return next;
}

/** The link's matches without the teacher's pick for one student. */
export function withoutStudentMatch(
  matches: ClassLink['studentMatches'],
  studentKey: string,
): ClassLink['studentMatches'] {
  return Object.fromEntries(Object.entries(matches).filter(([key]) => key !== studentKey));
}

/** Checks and stores the pick; returns the link's matches afterwards. */
export async function setStudentMatch(
  sis: SisSession,
  link: ClassLink,
  change: StudentMatchChange,
): Promise<ClassLink['studentMatches']> {
  if (change.sisStudentId !== null) {
    const students = await sis.read((client) => client.listStudentsForClass(link.sisClassId));
    const inClass = students.some(
      (student) => student.sourcedId === change.sisStudentId && student.status !== 'tobedeleted',
    );
    if (!inClass) throw new RequestError('student-not-in-class', t('errorStudentNotInClass'));
  }
  return changeMatches(link, change.courseId, (matches) =>
    withStudentMatch(matches, change.studentKey, change.sisStudentId),
  );
}

/** Forgets the pick for one student (automatic matching again); returns the link's matches. */
export async function resetStudentMatch(
  link: ClassLink,
  change: { courseId: string; studentKey: string },
): Promise<ClassLink['studentMatches']> {
  return changeMatches(link, change.courseId, (matches) =>
    withoutStudentMatch(matches, change.studentKey),
  );
}

/** Stores changed matches on the course's link; returns the link's matches afterwards. */
async function changeMatches(
  link: ClassLink,
  courseId: string,
  change: (matches: ClassLink['studentMatches']) => ClassLink['studentMatches'],
): Promise<ClassLink['studentMatches']> {
  const updated = await updateClassLink(courseId, (current) =>
    // Relinked to another class meanwhile: the matches belong to the old roster.
    current?.sisClassId === link.sisClassId
      ? { ...current, studentMatches: change(current.studentMatches) }
      : current,
  );
  return updated?.studentMatches ?? {};
}
