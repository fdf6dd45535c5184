/**
 * Whose SIS classes a teacher may work with. The OneRoster credential is district-wide, so the SIS
 * would let anyone read any teacher's roster and write into any class: this check is the only
 * gate. The SIS teacher must be the signed-in account (emails compared without case); an admin
 * may allow choosing another SIS teacher (`allowTeacherOverride`, policy-capable, off by
 * default), and every export made that way carries the override into the history.
 *
 * Who is signed in comes from an {@link IdentitySource}. Today that is the account the content
 * script read from the Classroom page; a Google-verified identity (the teacher's own token) plugs
 * in through the same seam, and `source` says which one vouched.
 */
import { RequestError } from '../errors';
import { emailKey } from '../export/match';
import { t } from '../i18n/t';

export interface SignedInAccount {
  /** The account's email, or undefined when it could not be told. */
  email: string | undefined;
  /** 'page': read from the Classroom page by the content script; 'google': verified by Google. */
  source: 'page' | 'google';
}

/** Who is signed in, given what the panel's page reported. */
export type IdentitySource = (reportedByPage: string | undefined) => Promise<SignedInAccount>;

/** The page's account as the content script read it. */
export const pageIdentity: IdentitySource = async (email) => ({ email, source: 'page' });

/** An export (or link) made for an SIS teacher other than the signed-in account. */
export interface TeacherOverride {
  /** The signed-in account; empty when it could not be read. */
  account: string;
  /** The SIS teacher whose class was used. */
  sisTeacher: string;
}

/**
 * Checks that the signed-in account may act as the SIS teacher with `sisTeacherEmail`.
 * Returns undefined when it is that teacher, the override to record when the admin allows
 * choosing another; throws 'account-unknown' or 'teacher-not-you' otherwise.
 */
export function checkSisTeacher(
  account: SignedInAccount,
  sisTeacherEmail: string,
  overrideAllowed: boolean,
): TeacherOverride | undefined {
  const key = emailKey(account.email);
  if (key && key === emailKey(sisTeacherEmail)) return undefined;
  if (overrideAllowed) return { account: account.email ?? '', sisTeacher: sisTeacherEmail };
  if (!account.email) throw new RequestError('account-unknown', t('errorAccountUnknown'));
  throw new RequestError(
    'teacher-not-you',
    t('errorTeacherNotYou', account.email, sisTeacherEmail),
  );
}
