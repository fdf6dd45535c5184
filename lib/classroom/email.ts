/** Finds email addresses in page text (People rows, the account button's label). */
import { z } from '../zod';

const EMAIL_IN_TEXT = /[^\s@()<>,;:"]+@[^\s@()<>,;:"]+\.[^\s@()<>,;:"]+/;
const Email = z.email();

/** The first address in `text` that zod accepts as an email, if any. */
export function findEmail(text: string): string | undefined {
  const candidate = EMAIL_IN_TEXT.exec(text)?.[0];
  return candidate && Email.safeParse(candidate).success ? candidate : undefined;
}
