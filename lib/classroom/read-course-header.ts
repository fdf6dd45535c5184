/**
 * Reads the class name and section from the banner of any class page (selectors.ts contract 2).
 * Pages: all class pages.
 */
import { isCourseStreamHref } from './links';
import { SELECTORS } from './selectors';
import { cleanText, textPieces } from './text';
import { queryVisible } from './visible';

/** The class as the banner names it. */
export interface CourseHeader {
  name: string;
  section?: string;
}

// Tab titles that name the app rather than the class.
const GENERIC_TITLES = /^(?:google )?classroom$/i;

/**
 * Name and section of the class `courseId` from the banner link to its stream (so a banner left
 * over from another class is ignored); falls back to the tab title. Null when neither names it.
 */
export function readCourseHeader(doc: Document, courseId: string): CourseHeader | null {
  for (const link of queryVisible(doc, SELECTORS.bannerCourseLink)) {
    if (!isCourseStreamHref(link.getAttribute('href') ?? '', courseId)) continue;
    const children = Array.from(link.children);
    const name = textOf(children.find((child) => child.matches(SELECTORS.courseName)));
    if (!name) continue;
    const section = textOf(children.find((child) => child.matches(SELECTORS.courseSection)));
    return section ? { name, section } : { name };
  }
  const title = cleanText(doc.title.replace(/\s[-–]\s(?:Google )?Classroom$/i, ''));
  return title && !GENERIC_TITLES.test(title) ? { name: title } : null;
}

const textOf = (element: Element | undefined) =>
  element ? cleanText(textPieces(element).join(' ')) : '';
