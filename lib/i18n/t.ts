/**
 * Every user-facing string goes through here, so English and Dutch stay complete
 * (public/_locales/{en,nl}/messages.json; test/i18n/locales.test.ts keeps their keys equal).
 * Works in every extension context, content scripts included.
 */
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** The translated text for `key`, with `$1`… placeholders filled from `substitutions`. */
export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  const text = browser.i18n.getMessage(key, substitutions.map(String));
  // An empty answer means a missing key at runtime (e.g. a stale build); show the key rather
  // than nothing so the gap is visible and reportable.
  return text || key;
}
