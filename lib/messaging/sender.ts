/**
 * Who sent a runtime message. The background trusts nothing else: a message must come from this
 * extension, and then either from a Classroom tab's top frame (the panel) or from our own options
 * page. Anything else (another extension, an iframe, a future extension page) has no audience.
 */
import { CLASSROOM_ORIGIN, detectPage, isClassPage } from '../classroom/page';
import type { Audience } from './requests';

/** The fields of `runtime.MessageSender` that the check reads. */
export interface SenderLike {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export interface SelfIdentity {
  extensionId: string;
  /** Absolute URL of the options page, e.g. chrome-extension://<id>/options.html. */
  optionsUrl: string;
}

export function senderAudience(sender: SenderLike, self: SelfIdentity): Audience | null {
  if (!sender.id || sender.id !== self.extensionId || !sender.url) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  if (url.origin === CLASSROOM_ORIGIN && sender.tab && (sender.frameId ?? 0) === 0) return 'panel';
  if (withoutQuery(url) === withoutQuery(new URL(self.optionsUrl))) return 'options';
  return null;
}

/**
 * Scheme, host and path. Not `URL.origin`: for chrome-extension: URLs it is the opaque "null",
 * which would make every extension's pages look alike.
 */
function withoutQuery(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * The URL of the page the message came from, as it is now. Classroom navigates with pushState,
 * and `sender.url` stays the URL the document was loaded with (`/h` after clicking into a class);
 * the tab's URL follows in-app navigation. Only a top-frame Classroom tab URL is taken, so a
 * message cannot borrow another origin's URL.
 */
export function currentPageUrl(sender: SenderLike): string | undefined {
  const tabUrl = sender.tab?.url;
  if ((sender.frameId ?? 0) === 0 && tabUrl && URL.canParse(tabUrl)) {
    if (new URL(tabUrl).origin === CLASSROOM_ORIGIN) return tabUrl;
  }
  return sender.url;
}

/**
 * True when `url` is a page of the Classroom class `courseId`. The router applies it to every
 * message that names a class: the sender check above proves a message comes from a Classroom
 * tab, this one that the tab is a page of THAT class, so a panel (or a script) on class A cannot
 * link, preview or export class B by naming B's id. Pages: every class page (lib/classroom/page.ts).
 */
export function isPageOfCourse(url: string, courseId: string): boolean {
  const page = detectPage(url);
  return isClassPage(page) && page.courseId === courseId;
}
