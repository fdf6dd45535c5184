/**
 * Pure page detection for classroom.google.com URLs (no DOM). Pages acted on:
 *   stream        /c/<course>                                  (optionally ?cjc=<join code>)
 *   classwork     /w/<course>/t/all, /w/<course>/tc/<topic>
 *   people        /r/<course>/sort-last-name, /r/<course>/sort-first-name
 *   grades        /c/<course>/gb/<sort>/<view>, /c/<course>/gb/<sort>
 *   assignment    /c/<course>/a/<coursework>/details
 *   student-work  /c/<course>/a/<coursework>/submissions/...
 *   class-other   any other page inside a class (/c/<course>/p/<post>, /c/<course>/m/<id>/details)
 *   home          /h, /h/archived
 * each optionally behind a /u/<account index>/ prefix. Course and coursework ids are base64 of
 * the numeric Classroom id (see classroom-id.ts). URL shapes: shared/reference/classroom-research.md §1.
 */
import { decodeClassroomId } from './classroom-id';

export const CLASSROOM_ORIGIN = 'https://classroom.google.com';

export type ClassPageKind =
  | 'stream'
  | 'classwork'
  | 'people'
  | 'grades'
  | 'assignment'
  | 'student-work'
  | 'class-other';

export type PageInfo =
  | { kind: 'home'; accountIndex: number }
  | { kind: 'unknown' }
  | {
      kind: ClassPageKind;
      accountIndex: number;
      /** The id as it appears in the URL (base64 of the numeric id). */
      urlCourseId: string;
      /** The numeric Classroom (API) course id. */
      courseId: string;
      /** The numeric coursework id, on assignment and student-work pages. */
      courseworkId?: string;
    };

const ID = '([A-Za-z0-9_-]+)';
const ACCOUNT = '^(?:/u/(\\d{1,2}))?';

/** Route table: first match wins, so more specific shapes come before the class-wide catch-all. */
const ROUTES: ReadonlyArray<{ kind: ClassPageKind; pattern: RegExp; hasCoursework?: boolean }> = [
  { kind: 'stream', pattern: new RegExp(`${ACCOUNT}/c/${ID}/?$`) },
  { kind: 'grades', pattern: new RegExp(`${ACCOUNT}/c/${ID}/gb/[a-z-]+(?:/[a-z-]+)?/?$`) },
  {
    kind: 'assignment',
    pattern: new RegExp(`${ACCOUNT}/c/${ID}/a/${ID}/details/?$`),
    hasCoursework: true,
  },
  {
    kind: 'student-work',
    pattern: new RegExp(`${ACCOUNT}/c/${ID}/a/${ID}/submissions(?:/[A-Za-z0-9_-]+)*/?$`),
    hasCoursework: true,
  },
  { kind: 'classwork', pattern: new RegExp(`${ACCOUNT}/w/${ID}/(?:t/all|tc/${ID})/?$`) },
  { kind: 'people', pattern: new RegExp(`${ACCOUNT}/r/${ID}/sort-(?:last|first)-name/?$`) },
  { kind: 'class-other', pattern: new RegExp(`${ACCOUNT}/[cwr]/${ID}(?:/[A-Za-z0-9_-]+)*/?$`) },
];

const HOME = new RegExp(`${ACCOUNT}/h(?:/archived)?/?$`);

/** Classifies a Classroom URL. Anything not on classroom.google.com is `unknown`. */
export function detectPage(input: URL | string): PageInfo {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input) : input;
  } catch {
    return { kind: 'unknown' };
  }
  if (url.origin !== CLASSROOM_ORIGIN) return { kind: 'unknown' };

  const path = url.pathname;
  const home = HOME.exec(path);
  if (home) return { kind: 'home', accountIndex: Number(home[1] ?? 0) };

  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const [, account, urlCourseId = '', courseworkSegment] = match;
    const courseId = decodeClassroomId(urlCourseId);
    if (!courseId) return { kind: 'unknown' };
    const info: PageInfo = {
      kind: route.kind,
      accountIndex: Number(account ?? 0),
      urlCourseId,
      courseId,
    };
    if (route.hasCoursework && courseworkSegment) {
      const courseworkId = decodeClassroomId(courseworkSegment);
      if (!courseworkId) return { kind: 'unknown' };
      info.courseworkId = courseworkId;
    }
    return info;
  }
  return { kind: 'unknown' };
}

/** True for pages that belong to one class: the panel lives there. */
export function isClassPage(info: PageInfo): info is Extract<PageInfo, { courseId: string }> {
  return info.kind !== 'home' && info.kind !== 'unknown';
}
