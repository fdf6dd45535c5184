/**
 * Carrying a class link over when the admin moves the SIS connection to another OneRoster version
 * (1.1 → 1.2, oneroster-1.2.md §5.5). Class ids survive the switch; user ids may not (Infinite
 * Campus gives every 1.2 user a new GUID and keeps the 1.1 id in `metadata.ic.legacysourceId`).
 * So the class is kept by its sourcedId, the teacher is found again by email, the teacher's manual
 * student matches are remapped through the legacy id (else the Classroom student's email), and
 * the line items we exported are found again by their deterministic ids in the class's listing.
 * Results already in the SIS are adopted by the planner (lib/export/plan.ts), so nothing is
 * created twice. What was found is stored on the link for the panel's notice.
 */
import type { CourseSnapshot } from '../classroom/model';
import { RequestError } from '../errors';
import { lineItemIdFor } from '../export/plan';
import { t } from '../i18n/t';
import { legacySourceId, type User } from '../oneroster/schemas';
import {
  type CarriedOver,
  type ClassLink,
  linkVersion,
  updateClassLink,
} from '../settings/class-links';
import type { SisSession } from './sis-session';
import { findTeacher } from './teacher-classes';

/** True when the link was made under another version than the connection speaks now. */
export function needsCarryOver(link: Pick<ClassLink, 'version'>, sis: SisSession): boolean {
  return linkVersion(link) !== sis.profile.version;
}

/**
 * Whether a stored (old-version) id is the user's legacy id. IC's legacy id is the 1.1 id
 * without its role prefix (`s+123` → `123`), so a short letters-and-separator prefix is allowed.
 */
export function isLegacyOf(oldId: string, legacyId: string): boolean {
  if (oldId === legacyId) return true;
  if (!oldId.endsWith(legacyId)) return false;
  return /^[a-z]{1,12}[^a-z0-9]$/i.test(oldId.slice(0, -legacyId.length));
}

const emailKey = (email: string | undefined) => email?.trim().toLowerCase() || undefined;

/** The manual matches in the new roster's ids, and how each was found. */
export function remapStudents(
  matches: ClassLink['studentMatches'],
  roster: readonly User[],
  classroom: CourseSnapshot['students'],
): { matches: ClassLink['studentMatches']; students: CarriedOver['students'] } {
  const legacy = roster.flatMap((user) => {
    const id = legacySourceId(user);
    return id ? [{ id, sourcedId: user.sourcedId }] : [];
  });
  const byEmail = new Map(
    roster.flatMap((user) => {
      const key = emailKey(user.email);
      return key ? [[key, user.sourcedId] as const] : [];
    }),
  );
  const emails = new Map(classroom.map((student) => [student.key, emailKey(student.email)]));
  const next: ClassLink['studentMatches'] = {};
  const viaLegacy = new Set<string>();
  let lost = 0;
  for (const [key, oldId] of Object.entries(matches)) {
    if (oldId === null) {
      next[key] = null; // "no SIS record" is the teacher's word, whatever the version
      continue;
    }
    // An id the new roster still has (a SIS that kept its ids, or a pick made since the switch)
    // is found by the old id itself.
    const kept = roster.some((user) => user.sourcedId === oldId) ? oldId : undefined;
    const found = kept ?? legacy.find((entry) => isLegacyOf(oldId, entry.id))?.sourcedId;
    const email = emails.get(key);
    const byMail = email ? byEmail.get(email) : undefined;
    if (found) viaLegacy.add(key);
    const id = found ?? byMail;
    if (id) next[key] = id;
    else lost++;
  }
  const mailed = classroom.filter((student) => {
    const email = emailKey(student.email);
    // "No SIS record" stays the teacher's word: such a student is not matched, by email or not.
    if (viaLegacy.has(student.key) || matches[student.key] === null) return false;
    return email !== undefined && byEmail.has(email);
  }).length;
  return { matches: next, students: { byLegacyId: viaLegacy.size, byEmail: mailed, lost } };
}

/**
 * Carries `link` over to the connection's version and stores it (unless it was relinked or
 * unlinked meanwhile); returns the link to plan with. Throws 'link-lost' when the SIS no longer
 * shows the class.
 */
export async function carryOverLink(
  sis: SisSession,
  courseId: string,
  link: ClassLink,
  snapshot: { students: CourseSnapshot['students']; coursework: ReadonlyArray<{ id: string }> },
  now: Date,
): Promise<ClassLink> {
  const to = sis.profile.version;
  const classId = link.sisClassId;
  const lost = () => new RequestError('link-lost', t('errorLinkLostAfterSwitch', to));
  const [klass, teacher, students, lineItems] = await Promise.all([
    sis.read((client) => client.getClass(classId)),
    findTeacher(sis, link.teacherEmail),
    sis.read((client) => client.listStudentsForClass(classId)),
    sis.read((client) => client.listLineItemsForClass(classId)),
  ]).catch((error: unknown) => {
    // A class the new version does not know answers 404 on every class path.
    throw error instanceof RequestError && error.code === 'not-found' ? lost() : error;
  });
  if (!klass || klass.status === 'tobedeleted') throw lost();
  const roster = students.filter((user) => user.status !== 'tobedeleted');
  const remapped = remapStudents(link.studentMatches, roster, snapshot.students);
  const ours = new Set(snapshot.coursework.map((cw) => lineItemIdFor(courseId, cw.id)));
  const found = lineItems.filter(
    (item) => item.status !== 'tobedeleted' && ours.has(item.sourcedId),
  ).length;
  const carried: ClassLink = {
    ...link,
    version: to,
    teacherSourcedId: teacher.sourcedId,
    studentMatches: remapped.matches,
    carriedOver: {
      from: linkVersion(link),
      to,
      at: now.toISOString(),
      students: remapped.students,
      lineItems: found,
    },
  };
  const stored = await updateClassLink(courseId, (current) =>
    current?.sisClassId === classId && linkVersion(current) === linkVersion(link)
      ? carried
      : current,
  );
  return stored ?? carried;
}
