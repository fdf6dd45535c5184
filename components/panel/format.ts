/**
 * Dates and class titles as the panel shows them. Dates use the browser's language (the same one
 * Chrome picks the extension's locale from), so a Dutch teacher reads Dutch dates.
 */
import type { ClassLinkView, SisClassOption } from '@/lib/messaging/replies';

/** "12 Mar 2026, 10:02" (or the browser language's form); the raw text if it is no date. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Biology - Period 3 (BIO-P3-1, Fall 2026, Spring 2027)": title, then code and terms. */
export function classTitle(
  sisClass: Pick<SisClassOption | ClassLinkView, 'title' | 'classCode' | 'termTitles'>,
): string {
  const details = [sisClass.classCode, sisClass.termTitles.join(', ')].filter(Boolean).join(', ');
  return details ? `${sisClass.title} (${details})` : sisClass.title;
}

/** Lower case without accents, so "eco" finds "Écologie" and "o'brien" finds "O'Brien". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Whether a class fits what the teacher typed: every word in its title, code or terms. */
export function matchesClassQuery(sisClass: SisClassOption, query: string): boolean {
  const haystack = foldText(
    [sisClass.title, sisClass.classCode ?? '', ...sisClass.termTitles].join(' '),
  );
  return foldText(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
