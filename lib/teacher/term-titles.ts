/**
 * Titles of the SIS terms a class runs in ("Fall 2025"), to tell apart sections with the same
 * name. Classes carry only term ids; each title costs one `GET /academicSessions/{id}`, so titles
 * are cached per connection for the worker's lifetime (a teacher's classes share a few terms).
 */
import { RequestError } from '../errors';
import type { SisSession } from './sis-session';

/** Failures (already retried) that may not happen on the next try. */
const PASSING = new Set(['network', 'timeout', 'server-error', 'rate-limited']);

/**
 * Title of each term id, in order; a term the SIS will not describe is left out (it is only a
 * label: linking must not fail for it).
 */
export async function readTermTitles(
  sis: SisSession,
  termIds: readonly string[],
): Promise<Map<string, string>> {
  const missing = [...new Set(termIds)].filter((id) => !sis.termTitles.has(id));
  await Promise.all(
    missing.map(async (id) => {
      try {
        const term = await sis.read((client) => client.getAcademicSession(id));
        sis.termTitles.set(id, term?.title?.trim() || null);
      } catch (error) {
        // Remember a refusal (403, no such endpoint); a passing failure may work next time.
        const passing = error instanceof RequestError && PASSING.has(error.code);
        if (!passing) sis.termTitles.set(id, null);
      }
    }),
  );
  const titles = new Map<string, string>();
  for (const id of termIds) {
    const title = sis.termTitles.get(id);
    if (title) titles.set(id, title);
  }
  return titles;
}

/** The titles of `termIds` that are known, in order. */
export function titlesOf(termIds: readonly string[], titles: ReadonlyMap<string, string>) {
  return termIds.flatMap((id) => {
    const title = titles.get(id);
    return title ? [title] : [];
  });
}
