/**
 * Links a Classroom class to one of the teacher's SIS classes. Nothing the panel sends is taken
 * on trust: the teacher is looked up again by email, the class must be one of that teacher's
 * active classes, and its title, code and terms are read from the SIS, not from the page.
 */
import { RequestError } from '../errors';
import { t } from '../i18n/t';
import type { ClassLink } from '../settings/class-links';
import { findTeacher } from './find-teacher';
import type { SisSession } from './sis-session';
import { listActiveClasses } from './teacher-classes';
import { readTermTitles, titlesOf } from './term-titles';

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
  const same = previous?.sisClassId === klass.sourcedId;
  return {
    sisClassId: klass.sourcedId,
    title: (klass.title?.trim() || klass.sourcedId).slice(0, 1024),
    ...(klass.classCode ? { classCode: klass.classCode.slice(0, 256) } : {}),
    termIds,
    termTitles: titlesOf(termIds, titles).map((title) => title.slice(0, 256)),
    teacherSourcedId: teacher.sourcedId,
    teacherEmail: (teacher.email ?? request.teacherEmail).slice(0, 320),
    linkedAt: now.toISOString(),
    studentMatches: same ? previous.studentMatches : {},
    ...(same && previous.choices ? { choices: previous.choices } : {}),
  };
}
