/**
 * Reads the student roster of the visible People page: names, keys and emails (selectors.ts
 * contract 6). Page: People `/r/<cid>/sort-last-name`. Teachers' rows have no student link and
 * are left out; the signed-in teacher comes from the account button (read-teacher-email.ts).
 */
import { findEmail } from './email';
import { parseStudentHref } from './links';
import type { Student } from './model';
import { SELECTORS } from './selectors';
import { studentKey } from './student-key';
import { cleanText, ignoredElements, textPieces } from './text';
import { queryVisible } from './visible';

/** The students listed on the visible People page of course `courseId`, in page order. */
export function readPeopleRoster(root: ParentNode, courseId: string): Student[] {
  const students: Student[] = [];
  const seen = new Set<string>();
  for (const link of queryVisible(root, SELECTORS.peopleStudentLink)) {
    const parsed = parseStudentHref(link.getAttribute('href') ?? '');
    const row = link.closest(SELECTORS.peopleRow);
    if (!parsed || parsed.courseId !== courseId || !row) continue;
    const key = studentKey(parsed.studentId);
    const name = cleanText(textPieces(link).join(' '));
    if (!name || seen.has(key)) continue;
    seen.add(key);
    const email = findEmail(textPieces(row, ignoredElements(row).add(link)).join(' '));
    students.push({ key, name, ...(email ? { email } : {}) });
  }
  return students;
}
