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
 * the numeric Classroom id (`decodeClassroomId`). The links on those pages (coursework columns,
 * a student's work, the banner's class link) are Classroom URLs too, so their shapes and ids are
 * read here as well. URL shapes: shared/reference/classroom-research.md §1.
 */

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

/*
 * Classroom puts ids in its URLs as base64 of the decimal API id: `/c/NTk2MTc3NzQ1NDY4` is course
 * 596177745468, and coursework ids in `/a/<id>` use the same scheme.
 *
 * Two real-world wrinkles (shared/reference/classroom-research.md §1):
 * - the `=` padding is left out, so we add it back before decoding;
 * - ids whose decimal length leaves a base64 remainder carry a trailing `Z` instead of padding
 *   (`MTExNTkwOTcxNjda` → "11159097167Z"), so one trailing `Z` after the digits is accepted.
 */

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const DECODED = /^(\d+)Z?$/;

/** Decodes a URL id segment to the numeric Classroom id, or null when it is not one. */
export function decodeClassroomId(segment: string): string | null {
  if (!SEGMENT.test(segment) || segment.length % 4 === 1) return null;
  const base64 = segment.replaceAll('-', '+').replaceAll('_', '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  let decoded: string;
  try {
    decoded = atob(padded);
  } catch {
    return null;
  }
  const digits = DECODED.exec(decoded)?.[1];
  return digits && digits.length <= 30 ? digits : null;
}

/**
 * Link shapes (research §1). Coursework: `/c/<cid>/a/<cwid>/…`; `sa` = short-answer question
 * [inferred from a test mock]. Student: `/c/<cid>/sp/<sid>/…` [assumed: the student-work page]
 * or the verified submission shape `/c/<cid>/a/<cwid>/submissions/…/student/<sid>`. Pages:
 * Grades (coursework columns, student rows), People (student rows), every class page (banner).
 */
const LINK_SHAPES = {
  coursework: /\/c\/([A-Za-z0-9_-]+)\/(?:a|sa)\/([A-Za-z0-9_-]+)(?:[/?#]|$)/,
  studentPage: /\/c\/([A-Za-z0-9_-]+)\/sp\/([A-Za-z0-9_-]+)(?:[/?#]|$)/,
  submissionStudent: /\/c\/([A-Za-z0-9_-]+)\/.*\/student\/([A-Za-z0-9_-]+)(?:[/?#]|$)/,
} as const;

/** A coursework link's ids: numeric course and coursework ids, plus the coursework URL id. */
export interface CourseworkLink {
  courseId: string;
  courseworkId: string;
  urlCourseworkId: string;
}

/** Reads a coursework link, or null when `href` is not one or its ids do not decode. */
export function parseCourseworkHref(href: string): CourseworkLink | null {
  const match = LINK_SHAPES.coursework.exec(href);
  if (!match) return null;
  const [, urlCourseId = '', urlCourseworkId = ''] = match;
  const courseId = decodeClassroomId(urlCourseId);
  const courseworkId = decodeClassroomId(urlCourseworkId);
  return courseId && courseworkId ? { courseId, courseworkId, urlCourseworkId } : null;
}

/**
 * Reads a link to a student's work: the numeric course id and the student's id (decoded when it
 * is base64 of a number, else the URL segment as is: the research could not tell which kind of
 * id that segment holds [uncertain]).
 */
export function parseStudentHref(href: string): { courseId: string; studentId: string } | null {
  const match = LINK_SHAPES.studentPage.exec(href) ?? LINK_SHAPES.submissionStudent.exec(href);
  if (!match) return null;
  const [, urlCourseId = '', studentSegment = ''] = match;
  const courseId = decodeClassroomId(urlCourseId);
  if (!courseId || !studentSegment) return null;
  return { courseId, studentId: decodeClassroomId(studentSegment) ?? studentSegment };
}

const COURSE_STREAM_PATH = /^(?:\/u\/\d{1,2})?\/c\/([A-Za-z0-9_-]+)\/?$/;

/**
 * True when `href` (relative or absolute) is the stream of the course with numeric id
 * `courseId`: its path, after an optional `/u/<n>` account prefix, is exactly `/c/<id>`
 * (the class header and sidebar links, evidence §1.3).
 */
export function isCourseStreamHref(href: string, courseId: string): boolean {
  let url: URL;
  try {
    url = new URL(href, CLASSROOM_ORIGIN);
  } catch {
    return false;
  }
  if (url.origin !== CLASSROOM_ORIGIN) return false;
  const match = COURSE_STREAM_PATH.exec(url.pathname);
  return match !== null && decodeClassroomId(match[1] ?? '') === courseId;
}
