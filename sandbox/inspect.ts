/**
 * Read-only questions tests ask about the gradebook, answered from the store (stored shape: 1.1
 * user ids, refs without href), whichever version wrote it. Duplicates are never refused, so
 * `resultsFor` returning two results is how a test sees a client that duplicated one.
 */
import type { DistrictData, LineItem, Result } from './model.ts';
import type { UserIds } from './present-v1p2.ts';

export interface GradebookInspector {
  /** A class's line items, in the order they were created. */
  lineItems(classId: string): LineItem[];
  /** The results of a class's line items. */
  results(classId: string): Result[];
  /** Every result for one line item and student (1.1 sourcedId or 1.2 GUID). */
  resultsFor(lineItemId: string, studentId: string): Result[];
  /** A user's 1.2 GUID from their 1.1 sourcedId. */
  userGuid(legacyId: string): string;
  /** A user's 1.1 sourcedId from their 1.2 GUID (undefined when no user has it). */
  legacyUserId(guid: string): string | undefined;
}

export function createInspector(data: DistrictData, ids: UserIds): GradebookInspector {
  const lineItems = (classId: string) =>
    [...data.lineItems.values()].filter((l) => l.class.sourcedId === classId);
  return {
    lineItems,
    results(classId) {
      const own = new Set(lineItems(classId).map((l) => l.sourcedId));
      return [...data.results.values()].filter((r) => own.has(r.lineItem.sourcedId));
    },
    resultsFor(lineItemId, studentId) {
      const legacy = ids.legacy(studentId) ?? studentId;
      return [...data.results.values()].filter(
        (r) => r.lineItem.sourcedId === lineItemId && r.student.sourcedId === legacy,
      );
    },
    userGuid: ids.guid,
    legacyUserId: ids.legacy,
  };
}
