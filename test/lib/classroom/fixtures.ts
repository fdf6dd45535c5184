/** Loads the committed Classroom fixtures (test/fixtures/classroom/) as documents. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectPage } from '@/lib/classroom/page';
import type { ClassPageInfo } from '@/lib/classroom/read-page';

export const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/classroom');

/** The hand-built fixtures, by name, with the URL each one is a capture of. */
export const FIXTURES = {
  'grades-en': 'https://classroom.google.com/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default',
  'grades-nl': 'https://classroom.google.com/u/1/c/MTYwMDIyMjgxMDU0/gb/sort-last-name/default',
  'people-en': 'https://classroom.google.com/r/NTk2MTc3NzQ1NDY4/sort-last-name',
  'people-nl': 'https://classroom.google.com/u/1/r/MTYwMDIyMjgxMDU0/sort-last-name',
  // Issue #13: a <table> gradebook under /u/2/, and a Grades view still aria-busy.
  'grades-table-u2': 'https://classroom.google.com/u/2/c/NzM0NTEyOTA4ODEy/gb/sort-name/default',
  'grades-busy': 'https://classroom.google.com/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default',
} as const;
export type FixtureName = keyof typeof FIXTURES;

/** Parses HTML into a document, as the browser would (happy-dom's DOMParser). */
export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** The fixture's HTML text. */
export function fixtureHtml(name: FixtureName): string {
  return readFileSync(join(FIXTURE_DIR, `${name}.html`), 'utf8');
}

/** The fixture as a document, with the page detection for its URL. */
export function loadFixture(name: FixtureName): { doc: Document; page: ClassPageInfo } {
  const page = detectPage(FIXTURES[name]);
  if (!('courseId' in page)) throw new Error(`${name}: not a class page`);
  return { doc: parseHtml(fixtureHtml(name)), page };
}
