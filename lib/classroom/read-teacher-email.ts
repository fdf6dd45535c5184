/**
 * Reads the signed-in teacher's email from the account button (selectors.ts contract 3): the
 * teacher to find in the SIS. Pages: every Classroom page.
 */
import { findEmail } from './email';
import { SELECTORS } from './selectors';

/** The signed-in account's email from the account button's label, if the page shows it. */
export function readTeacherEmail(doc: Document): string | undefined {
  for (const button of doc.querySelectorAll(SELECTORS.accountButton)) {
    const label = button.getAttribute('aria-label') ?? '';
    // "Google Account: Name (email)": prefer the parenthesised part, then any address.
    const email = findEmail(/\(([^()]+)\)/.exec(label)?.[1] ?? '') ?? findEmail(label);
    if (email) return email;
  }
  return undefined;
}
