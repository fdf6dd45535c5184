/**
 * "Link SIS class": the teacher's active SIS classes (`/teachers/{id}/classes`) as options to
 * pick from, each with its code and term titles so sections with the same title can be told
 * apart. Also the re-check behind linking: a class is linkable only if it is one of these.
 */
import { RequestError } from '../errors';
import { t } from '../i18n/t';
import type { SisClassOption } from '../messaging/panel-protocol';
import type { OneRosterClass } from '../oneroster/schemas';
import { findTeacher, personName } from './find-teacher';
import type { SisSession } from './sis-session';
import { readTermTitles, titlesOf } from './term-titles';

/** The teacher's classes that are active (servers that ignore the status filter included). */
export async function listActiveClasses(
  sis: SisSession,
  teacherId: string,
): Promise<OneRosterClass[]> {
  const classes = await sis.read((client) => client.listClassesForTeacher(teacherId));
  return classes.filter((klass) => klass.status !== 'tobedeleted');
}

/** The class as an option in the picker. */
export function toClassOption(
  klass: OneRosterClass,
  titles: ReadonlyMap<string, string>,
): SisClassOption {
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
