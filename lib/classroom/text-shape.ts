/**
 * Shapes of page text and links for diagnostics: the structure survives, the people do not.
 * Words become `w` unless they are Classroom's own interface words, numbers `#`, email
 * addresses `@`, and ids in link paths `:id`. Pages: all (used by diagnostics.ts).
 */
import { CELL_WORDS, OUT_OF_WORDS } from './grade-vocabulary';

// Interface words kept as they are: they show which vocabulary a page uses without naming
// anyone. Everything else a person could have typed (names, titles, comments) becomes `w`.
const KEPT_WORDS = new Set(
  [
    ...Object.keys(CELL_WORDS),
    ...OUT_OF_WORDS,
    'google account google-account points punten ungraded due no date geen inleverdatum',
    'class average overall grade gemiddelde totaalcijfer students teachers leerlingen docenten',
    'jan feb mar apr may jun jul aug sep oct nov dec mrt mei okt',
  ]
    .flatMap((phrase) => phrase.split(/[\s/]+/))
    // Dutch name particles ("Anouk de Vries") are never kept, even where the interface uses
    // them ("van de", "te laat").
    .filter((word) => !['van', 'de', 'der', 'den', 'te', 'ten', 'ter', 'uit'].includes(word)),
);

const TOKEN =
  /([^\s@()<>,;:"]+@[^\s@()<>,;:"]+)|(\d+(?:[.,]\d+)*)|(\p{L}[\p{L}\p{M}'’-]*)|(\s+)|(.)/gu;

/** The shape of `text`: `Google Account: Jane Doe (jane@x.org)` → `Google Account: w w (@)`. */
export function shapeText(text: string): string {
  let shape = '';
  for (const [, email, number, word, space, other] of text.matchAll(TOKEN)) {
    if (email) shape += '@';
    else if (number) shape += '#';
    else if (word) shape += KEPT_WORDS.has(word.toLowerCase()) ? word : 'w';
    else if (space) shape += ' ';
    // Keep ASCII punctuation (it is structure); anything else could spell something.
    else if (other) shape += /[!-/:-?[-`{-~•·–—]/.test(other) ? other : '?';
  }
  return shape.trim().slice(0, 120);
}

// Route words of Classroom paths (research §1); any other segment may be an id or a name.
const ROUTE_WORDS = new Set(
  'u h c w r a sa m p g tg sp gb t tc details submissions by-status and-sort-last-name and-sort-first-name and-sort-name all done student sort-last-name sort-first-name sort-name default archived SignOutOptions'.split(
    ' ',
  ),
);

/** The shape of a link: host kept, path route words kept, other segments `:id`, no query. */
export function shapeHref(href: string): string {
  const match = /^(?:[a-z][a-z0-9+.-]*:)?(\/\/[^/?#]*)?([^?#]*)([?#].*)?$/i.exec(href);
  if (!match) return '?';
  const [, host = '', path = '', rest] = match;
  const segments = path.split('/').map((segment) => {
    if (segment === '' || ROUTE_WORDS.has(segment)) return segment;
    return /^\d{1,2}$/.test(segment) ? '#' : ':id';
  });
  return `${host}${segments.join('/')}${rest ? '?…' : ''}`;
}
