/**
 * WXT's fake browser leaves `i18n.getMessage` unimplemented. This fills it in with Chrome's
 * documented algorithm over the real locale files, so unit tests see the same strings users do:
 * named placeholders ($NAME$) resolve to their `content`, then $1…$9 take the substitutions.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';
import nl from '../../public/_locales/nl/messages.json';

interface LocaleEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
type LocaleFile = Record<string, LocaleEntry>;

export const LOCALES = { en: en as LocaleFile, nl: nl as LocaleFile };
export type Locale = keyof typeof LOCALES;

export function formatMessage(entry: LocaleEntry, substitutions: string[]): string {
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const withNamed = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    return placeholders[name.toLowerCase()]?.content ?? whole;
  });
  return withNamed.replace(/\$(\d)|\$\$/g, (_match, index?: string) =>
    index === undefined ? '$' : (substitutions[Number(index) - 1] ?? ''),
  );
}

export function useLocale(locale: Locale): void {
  const file = LOCALES[locale];
  fakeBrowser.i18n.getMessage = ((name: string, substitutions?: string | string[]) => {
    const entry = file[name];
    if (!entry) return '';
    const list = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
    return formatMessage(entry, list);
  }) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => locale;
}
