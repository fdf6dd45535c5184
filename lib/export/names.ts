/**
 * Name comparison for matching Classroom students to SIS students when emails don't match.
 * Classroom shows "Zoë Müller" or, sorted by last name, "Müller, Zoë"; a SIS has givenName and
 * familyName, maybe typed without accents or with a different apostrophe ("O’Brien"/"O'Brien").
 */

/** Order-free key of a person's name: accents, case, punctuation and spacing ignored. */
export function nameKey(name: string): string {
  const comma = name.indexOf(',');
  // "Last, First" → "First Last"; token order is ignored below, but the comma must go.
  const ordered = comma >= 0 ? `${name.slice(comma + 1)} ${name.slice(0, comma)}` : name;
  return ordered
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`ʼ.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** Email key: case-insensitive, surrounding space ignored; null when absent. */
export function emailKey(email: string | undefined | null): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}
