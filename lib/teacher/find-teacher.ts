/**
 * Finds the signed-in teacher in the SIS by email (`/teachers?filter=email='…'`, the first
 * call of Google's own export, research §A). Exactly one teacher must answer to the email: a
 * grade export under the wrong teacher's classes is not something to guess at.
 */
import { RequestError } from '../errors';
import { t } from '../i18n/t';
import type { User } from '../oneroster/schemas';
import type { SisSession } from './sis-session';

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
