/**
 * The page side of scripts/bench-read.ts: bundled (with zod) into one script and injected into
 * the benchmark page, where it exposes the real reader as `benchRead`. Not part of the extension.
 */
import { detectPage } from '../lib/classroom/page';
import { type ClassPageInfo, readCourseSnapshot } from '../lib/classroom/read-page';

/** Reads the current document as the class page at `url`; returns what the panel would count. */
function benchRead(url: string) {
  const result = readCourseSnapshot(document, detectPage(url) as ClassPageInfo);
  if (!result.ok) return { ok: false as const, code: result.failure.code };
  const { coursework, students, grades } = result.snapshot;
  const unreadable = grades.filter((grade) => grade.state === 'unreadable').length;
  return {
    ok: true as const,
    coursework: coursework.length,
    students: students.length,
    grades: grades.length,
    unreadable,
  };
}

(globalThis as { benchRead?: typeof benchRead }).benchRead = benchRead;
