/**
 * The linked SIS class as it is right now, read just before planning (research §A: Google's
 * export reads line items, results, categories and grading periods the same way): what the
 * planner diffs against, and the roster students are matched to. Entities marked tobedeleted
 * count as absent, so an export writes them afresh (PUT makes them active again).
 */
import { RequestError } from '../errors';
import type { SisState } from '../export/plan-types';
import type { OneRosterClient } from '../oneroster/client';
import type { User } from '../oneroster/schemas';
import type { ClassLink } from '../settings/class-links';
import type { SisSession } from './sis-session';

export interface LinkedClassState {
  sis: SisState;
  /** The class's students (active ones). */
  students: User[];
}

// Answers meaning "this SIS has no such listing" (they are optional in OneRoster 1.1 practice).
const ABSENT = new Set(['not-found', 'not-oneroster', 'unexpected-status']);

const live = <T extends { status?: string }>(items: readonly T[]) =>
  items.filter((item) => item.status !== 'tobedeleted');

/** `work`'s answer, or `fallback` when the SIS has no such endpoint. */
async function optional<T, F>(
  sis: SisSession,
  work: (client: OneRosterClient) => Promise<T>,
  fallback: F,
): Promise<T | F> {
  try {
    return await sis.read(work);
  } catch (error) {
    if (error instanceof RequestError && ABSENT.has(error.code)) return fallback;
    throw error;
  }
}

/** Reads everything the planner needs about the linked class, in parallel. */
export async function readLinkedClass(sis: SisSession, link: ClassLink): Promise<LinkedClassState> {
  const classId = link.sisClassId;
  const [lineItems, results, categories, periods, students] = await Promise.all([
    sis.read((client) => client.listLineItemsForClass(classId)),
    // Without a results listing the planner falls back on what we wrote before (history).
    optional(sis, (client) => client.listResultsForClass(classId), undefined),
    optional(sis, (client) => client.listCategoriesForClass(classId), { categories: [] }),
    Promise.all(
      link.termIds.map((termId) =>
        optional(sis, (client) => client.listGradingPeriodsForTerm(termId), []),
      ),
    ),
    sis.read((client) => client.listStudentsForClass(classId)),
  ]);
  return {
    sis: {
      lineItems: live(lineItems),
      ...(results ? { results: live(results) } : {}),
      categories: live(categories.categories),
      gradingPeriods: live(periods.flat()),
    },
    students: live(students).filter((user) => !user.role || user.role === 'student'),
  };
}
