/**
 * The per-course student key. Classroom's student links carry the student's id (selectors.ts
 * contract 5), which survives renames and tells apart two students with the same name, so the
 * key is built from it alone. Pages: Grades, People.
 */

/** The snapshot key for a student id read from a link. */
export function studentKey(studentId: string): string {
  return `id:${studentId}`;
}
