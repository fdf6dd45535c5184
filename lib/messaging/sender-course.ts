/**
 * A panel acts only for the class its page shows. The sender check (sender.ts) proves a message
 * comes from a Classroom tab; this one proves the tab is a page of THAT class, so a panel (or a
 * script) on class A cannot link, preview or export class B by naming B's id. Pages: every class
 * page (lib/classroom/page.ts).
 */

import { detectPage, isClassPage } from '../classroom/page';
import { RequestError } from '../errors';
import { t } from '../i18n/t';
import type { RequestContext } from './router';

/** True when `url` is a page of the Classroom class `courseId`. */
export function isPageOfCourse(url: string, courseId: string): boolean {
  const page = detectPage(url);
  return isClassPage(page) && page.courseId === courseId;
}

/**
 * Throws 'wrong-course' unless the request came from a page of `courseId`. Options-page
 * requests have no class page and are refused too: these messages are the panel's alone.
 */
export function assertSenderCourse(context: RequestContext, courseId: string): void {
  if (!isPageOfCourse(context.url, courseId)) {
    throw new RequestError('wrong-course', t('errorWrongCourse'));
  }
}
