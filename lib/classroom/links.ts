/**
 * Ids from Classroom link shapes (selectors.ts LINK_SHAPES; research §1): coursework columns link
 * to `/c/<cid>/a/<cwid>/…`, student rows to the student's work. Pages: Grades, People, banner.
 */
import { decodeClassroomId } from './classroom-id';
import { LINK_SHAPES } from './selectors';

/** A coursework link's ids: numeric course and coursework ids, plus the coursework URL id. */
export interface CourseworkLink {
  courseId: string;
  courseworkId: string;
  urlCourseworkId: string;
}

/** Reads a coursework link, or null when `href` is not one or its ids do not decode. */
export function parseCourseworkHref(href: string): CourseworkLink | null {
  const match = LINK_SHAPES.coursework.exec(href);
  if (!match) return null;
  const [, urlCourseId = '', urlCourseworkId = ''] = match;
  const courseId = decodeClassroomId(urlCourseId);
  const courseworkId = decodeClassroomId(urlCourseworkId);
  return courseId && courseworkId ? { courseId, courseworkId, urlCourseworkId } : null;
}

/**
 * Reads a link to a student's work: the numeric course id and the student's id (decoded when it
 * is base64 of a number, else the URL segment as is: the research could not tell which kind of
 * id that segment holds [uncertain]).
 */
export function parseStudentHref(href: string): { courseId: string; studentId: string } | null {
  const match = LINK_SHAPES.studentPage.exec(href) ?? LINK_SHAPES.submissionStudent.exec(href);
  if (!match) return null;
  const [, urlCourseId = '', studentSegment = ''] = match;
  const courseId = decodeClassroomId(urlCourseId);
  if (!courseId || !studentSegment) return null;
  return { courseId, studentId: decodeClassroomId(studentSegment) ?? studentSegment };
}

/** True when `href` is the stream of the course with numeric id `courseId`. */
export function isCourseStreamHref(href: string, courseId: string): boolean {
  const match = LINK_SHAPES.courseStream.exec(href);
  return match !== null && decodeClassroomId(match[1] ?? '') === courseId;
}
