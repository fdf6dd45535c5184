/**
 * Deterministic OneRoster sourcedIds. A line item's id depends only on the Classroom course and
 * coursework, a result's only on its line item and the SIS student, so every export — a retry,
 * a resumed export, an export after unlink/relink or disconnect/reconnect — addresses the same
 * SIS resources. That is what makes duplicates impossible (Google's own export warns that
 * reconnecting may duplicate assignments; ours must not).
 */
import { v5 as uuidv5 } from 'uuid';

/**
 * The product's fixed UUIDv5 namespace. NEVER change it: every id ever exported derives from it,
 * and a new namespace would make the next export create a second copy of everything.
 */
export const ID_NAMESPACE = '6f0b3f8e-4c1a-5d2b-9a7e-3c5d1e2f4a60';

/** sourcedId of the line item for one Classroom coursework. */
export function lineItemIdFor(classroomCourseId: string, courseworkId: string): string {
  return uuidv5(`classroom-course:${classroomCourseId}/coursework:${courseworkId}`, ID_NAMESPACE);
}

/** sourcedId of one student's result on one line item. */
export function resultIdFor(lineItemId: string, sisStudentId: string): string {
  return uuidv5(`line-item:${lineItemId}/student:${sisStudentId}`, ID_NAMESPACE);
}
