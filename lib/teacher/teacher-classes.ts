/**
 * "Link SIS class": the signed-in teacher found in the SIS by email, their active SIS classes
 * (`/teachers/{id}/classes`) as options to pick from, each with its code and term titles so
 * sections with the same title can be told apart, and the link to one of them, re-checked in
 * the SIS: a class is linkable only if it is one of these.
 */
import { RequestError } from '../errors';
import type { JournalStore } from '../export/journal-store';
import { t } from '../i18n/t';
import type { OneRosterClass, User } from '../oneroster/schemas';
import {
  type ClassLink,
  getClassLink,
  linkVersion,
  removeClassLink,
  saveClassLink,
} from '../settings/class-links';
import type { ExportRunner } from './export-runner';
import type { SisSession } from './sis-session';

/** The teacher's classes that are active (servers that ignore the status filter included). */
export async function listActiveClasses(
  sis: SisSession,
  teacherId: string,
): Promise<OneRosterClass[]> {
  const classes = await sis.read((client) => client.listClassesForTeacher(teacherId));
  return classes.filter((klass) => klass.status !== 'tobedeleted');
}

/** An SIS class as the panel's picker offers it. */
export interface ClassOption {
  sourcedId: string;
  title: string;
  classCode?: string;
  termTitles: string[];
}

/** The class as an option in the picker. */
export function toClassOption(
  klass: OneRosterClass,
  titles: ReadonlyMap<string, string>,
): ClassOption {
  return {
    sourcedId: klass.sourcedId,
    title: klass.title?.trim() || klass.sourcedId,
    ...(klass.classCode ? { classCode: klass.classCode } : {}),
    termTitles: titlesOf(
      klass.terms.map((term) => term.sourcedId),
      titles,
    ),
  };
}

/** The SIS teacher with `email` and their active classes, sorted by title. */
export async function findTeacherClasses(sis: SisSession, email: string) {
  const teacher = await findTeacher(sis, email);
  const classes = await listActiveClasses(sis, teacher.sourcedId);
  if (classes.length === 0) throw new RequestError('no-classes', t('errorNoClasses', email));
  const termIds = classes.flatMap((klass) => klass.terms.map((term) => term.sourcedId));
  const titles = await readTermTitles(sis, termIds);
  const options = classes
    .map((klass) => toClassOption(klass, titles))
    .sort((a, b) => a.title.localeCompare(b.title) || a.sourcedId.localeCompare(b.sourcedId));
  return {
    teacher: {
      sourcedId: teacher.sourcedId,
      name: personName(teacher),
      email: teacher.email ?? email,
    },
    classes: options,
  };
}

/*
 * Finds the signed-in teacher in the SIS by email (`/teachers?filter=email='…'`, the first
 * call of Google's own export, research §A). Exactly one teacher must answer to the email: a
 * grade export under the wrong teacher's classes is not something to guess at.
 */
/** "Given Family", else the username or email. */
export function personName(user: Pick<User, 'givenName' | 'familyName' | 'username' | 'email'>) {
  const name = [user.givenName, user.familyName].filter(Boolean).join(' ').trim();
  return name || user.username || user.email || '';
}

/**
 * The one active SIS teacher with `email` (compared without case, as the client's filter
 * check does; asked again in lower case when the SIS's filter finds nobody). Several: the one whose stored email is exactly `email`, else 'teacher-ambiguous'.
 * None: 'teacher-not-found', whose text asks the teacher to check the email.
 */
export async function findTeacher(sis: SisSession, email: string): Promise<User> {
  let found = await sis.read((client) => client.findTeachersByEmail(email));
  // OneRoster's `=` filter is case-sensitive at many SISs, which mostly store emails in lower
  // case; an address typed or shown with capitals would otherwise find nobody.
  const lower = email.toLowerCase();
  if (found.length === 0 && lower !== email) {
    found = await sis.read((client) => client.findTeachersByEmail(lower));
  }
  const active = found.filter((user) => user.status !== 'tobedeleted');
  if (active.length === 0)
    throw new RequestError('teacher-not-found', t('errorTeacherNotFound', email));
  const [only] = active;
  if (active.length === 1 && only) return only;
  const exact = active.filter((user) => user.email?.trim() === email.trim());
  const [match] = exact;
  if (exact.length === 1 && match) return match;
  throw new RequestError('teacher-ambiguous', t('errorTeacherAmbiguous', email));
}

/*
 * Titles of the SIS terms a class runs in ("Fall 2025"), to tell apart sections with the same
 * name. Classes carry only term ids; each title costs one `GET /academicSessions/{id}`, so titles
 * are cached per connection for the worker's lifetime (a teacher's classes share a few terms).
 */
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

/*
 * Links a Classroom class to one of the teacher's SIS classes. Nothing the panel sends is taken
 * on trust: the teacher is looked up again by email, the class must be one of that teacher's
 * active classes, and its title, code and terms are read from the SIS, not from the page.
 */
export interface LinkRequest {
  sisClassId: string;
  teacherSourcedId: string;
  teacherEmail: string;
}

const notYours = () => new RequestError('class-not-yours', t('errorClassNotYours'));

/**
 * The link to store, checked against the SIS. Relinking the same SIS class keeps the manual
 * student matches and preview choices; another class starts afresh (its roster differs).
 */
export async function buildClassLink(
  sis: SisSession,
  request: LinkRequest,
  previous: ClassLink | undefined,
  now: Date,
): Promise<ClassLink> {
  const teacher = await findTeacher(sis, request.teacherEmail);
  if (teacher.sourcedId !== request.teacherSourcedId) throw notYours();
  const classes = await listActiveClasses(sis, teacher.sourcedId);
  if (!classes.some((klass) => klass.sourcedId === request.sisClassId)) throw notYours();
  const klass = await sis.read((client) => client.getClass(request.sisClassId));
  if (!klass || klass.status === 'tobedeleted') throw notYours();

  const termIds = klass.terms.map((term) => term.sourcedId);
  const titles = await readTermTitles(sis, termIds);
  const version = sis.profile.version;
  const same = previous?.sisClassId === klass.sourcedId;
  // Manual matches name SIS students by id, which may differ in another OneRoster version.
  const sameIds = same && linkVersion(previous) === version;
  return {
    sisClassId: klass.sourcedId,
    title: (klass.title?.trim() || klass.sourcedId).slice(0, 1024),
    ...(klass.classCode ? { classCode: klass.classCode.slice(0, 256) } : {}),
    termIds,
    termTitles: titlesOf(termIds, titles).map((title) => title.slice(0, 256)),
    teacherSourcedId: teacher.sourcedId,
    teacherEmail: (teacher.email ?? request.teacherEmail).slice(0, 320),
    linkedAt: now.toISOString(),
    studentMatches: sameIds ? previous.studentMatches : {},
    ...(same && previous.choices ? { choices: previous.choices } : {}),
    // The ids above are in this version; a later switch carries the link over (version-switch.ts).
    version,
  };
}

/** What linking and unlinking touch besides the link itself. */
export interface LinkDependencies {
  /** A running export of the class blocks both: its writes go to the linked SIS class. */
  runner: Pick<ExportRunner, 'refuseIfRunning'>;
  store: Pick<JournalStore, 'remove'>;
}

/** Links the class (re-checked in the SIS, see buildClassLink) and stores the link. */
export async function linkClass(
  sis: SisSession,
  courseId: string,
  request: LinkRequest,
  now: Date,
  deps: LinkDependencies,
): Promise<ClassLink> {
  deps.runner.refuseIfRunning(courseId);
  const previous = await getClassLink(courseId);
  const link = await buildClassLink(sis, request, previous, now);
  await saveClassLink(courseId, link);
  // An unfinished export to the previous SIS class is not to be resumed into this one.
  if (previous && previous.sisClassId !== link.sisClassId) await deps.store.remove(courseId);
  return link;
}

/** Removes the link; the history (and the SIS's line items) stay. */
export async function unlinkClass(courseId: string, deps: LinkDependencies): Promise<void> {
  deps.runner.refuseIfRunning(courseId);
  await removeClassLink(courseId);
  await deps.store.remove(courseId); // its unfinished writes are given up with the link
}
