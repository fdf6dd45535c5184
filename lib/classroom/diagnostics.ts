/**
 * "Copy diagnostics": a scrubbed outline of the page for the maintainers when reading fails.
 * It keeps what a selector fix needs — tags, roles, aria-label shapes, link shapes, the NAMES of
 * data-* and aria-* attributes, hidden markers, counts of the contract's hooks — and nothing a
 * person typed: no names, emails, titles or grades (`shapeText`, `shapeHref`). Pages: all.
 */
import { CELL_WORDS, OUT_OF_WORDS } from './gradebook-text';
import { CLASSROOM_ORIGIN, detectPage, isClassPage } from './page';
import { readCourseSnapshot } from './read-page';
import { SELECTORS, type SelectorName } from './selectors';
import { activeView, pageReadiness } from './visible-text';

/** Limits that keep the outline small enough to paste into an email or an issue. */
export interface DiagnosticsLimits {
  maxDepth: number;
  maxLines: number;
}
const DEFAULT_LIMITS: DiagnosticsLimits = { maxDepth: 40, maxLines: 1500 };

// Subtrees that are ours, code, or drawing: never useful, sometimes full of data.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta']);
const LEAF = new Set(['svg', 'img', 'sis-export-panel']);

/** A cell where the page and the Classroom API disagreed in the last preview. */
export interface CellDisagreement {
  /** The page's cell text. */
  page: string;
  /** The API's value, summarised (Google's submission state, grades). */
  api: string;
}

/** At most this many disagreements are listed; the count says how many there were. */
const MAX_DISAGREEMENTS = 20;

/**
 * The outline of `doc` as plain text, with `path` (a URL path) shaped like its links, and the
 * last preview's page/API disagreements (how a reader that misreads real pages is found), shaped
 * like the page's text: no names, emails or grades.
 */
export function describePage(
  doc: Document,
  path: string,
  limits = DEFAULT_LIMITS,
  disagreements: readonly CellDisagreement[] = [],
): string {
  // "Visible" here is by markup only (contract 1 without layout), which is cheap on a page with
  // 20,000 cells and is what a maintainer can reproduce from the outline.
  const hiddenRoots = Array.from(doc.querySelectorAll(SELECTORS.hidden));
  const counts = (Object.keys(SELECTORS) as SelectorName[]).map((name) => {
    const all = Array.from(doc.querySelectorAll(SELECTORS[name]));
    const visible = all.filter((element) => !hiddenRoots.some((root) => root.contains(element)));
    return `  ${name}: ${all.length} (visible ${name === 'hidden' ? all.length : visible.length})`;
  });
  const outline = doc.body ? describeElement(doc.body, 0, limits) : [];
  const shown = outline.slice(0, limits.maxLines);
  if (outline.length > shown.length) shown.push(`… ${outline.length - shown.length} more lines`);
  return [
    'SIS Grade Export – page structure (no names, emails or grades)',
    `path: ${shapeHref(path)}`,
    `lang: ${languageTag(doc.documentElement.getAttribute('lang') ?? '')}`,
    'reader:',
    ...describeReader(doc, path),
    'selector matches:',
    ...counts,
    `page vs Classroom API, last preview: ${disagreements.length} cell(s) disagree`,
    ...disagreements
      .slice(0, MAX_DISAGREEMENTS)
      .map((cell) => `  page "${shapeText(cell.page)}" · API "${shapeApiValue(cell.api)}"`),
    'outline:',
    ...shown,
  ].join('\n');
}

/** Google's submission states stay (they are the point); numbers go, like on the page. */
function shapeApiValue(text: string): string {
  return text
    .replace(/\d+(?:[.,]\d+)*/g, '#')
    .replace(/[^A-Za-z_#·\s-]/g, '?')
    .slice(0, 80);
}

/**
 * What the reader made of the page, in counts only: whether it could read now (tab visible,
 * active view not busy, contract 2), and what a read finds (or why it fails), including rows read
 * without a student link (keyed by name) and rows rendered against the class total.
 */
function describeReader(doc: Document, path: string): string[] {
  const views = Array.from(doc.querySelectorAll(SELECTORS.topView));
  const active = activeView(doc);
  const lines = [
    `  readiness: ${pageReadiness(doc)} (visibility ${doc.visibilityState})`,
    `  views under body: ${views.length}, active: ${active ? `#${views.indexOf(active) + 1}` : 'none'}${active?.getAttribute('aria-busy') === 'true' ? ' (aria-busy)' : ''}`,
  ];
  let page: ReturnType<typeof detectPage>;
  try {
    page = detectPage(new URL(path, CLASSROOM_ORIGIN));
  } catch {
    return lines;
  }
  if (!isClassPage(page)) return [...lines, `  page: ${page.kind}`];
  const result = readCourseSnapshot(doc, page);
  if (!result.ok) return [...lines, `  page: ${page.kind}, read fails: ${result.failure.code}`];
  const { coursework, students, grades, rendered, teacherEmail, course } = result.snapshot;
  const withoutId = rendered?.withoutId ?? 0;
  return [
    ...lines,
    `  page: ${page.kind}, read: ok`,
    `  class name: ${course.name ? 'found' : 'none'}, section: ${course.section ? 'found' : 'none'}, teacher email: ${teacherEmail ? 'found' : 'none'}`,
    `  coursework: ${coursework.length}, students: ${students.length}, cells: ${grades.length}`,
    `  student rows without an id link (keyed by name): ${withoutId}`,
    `  rows rendered: ${rendered ? `${rendered.students} of ${rendered.of ?? 'unknown'}` : 'n/a'}`,
  ];
}

/** One element and its children, indented; runs of identical siblings collapse to "×N". */
function describeElement(element: Element, depth: number, limits: DiagnosticsLimits): string[] {
  const indent = '  '.repeat(depth);
  const line = `${indent}${describeTag(element)}`;
  if (LEAF.has(element.localName) || depth >= limits.maxDepth) {
    return [element.children.length && !LEAF.has(element.localName) ? `${line} …` : line];
  }
  const lines = [line];
  let previous: string[] | null = null;
  let repeats = 0;
  const flush = () => {
    if (!previous) return;
    const [first = '', ...rest] = previous;
    lines.push(repeats > 1 ? `${first} ×${repeats}` : first, ...rest);
  };
  for (const child of element.children) {
    if (SKIPPED.has(child.localName)) continue;
    const described = describeElement(child, depth + 1, limits);
    if (previous && described.join('\n') === previous.join('\n')) {
      repeats += 1;
      continue;
    }
    flush();
    previous = described;
    repeats = 1;
  }
  flush();
  return lines;
}

/** `tag[role=…][aria-label="shape"][href="shape"]{data: …}{aria: …}` plus its own text shape. */
function describeTag(element: Element): string {
  let tag = element.localName;
  const role = element.getAttribute('role');
  // ARIA role and language values are tokens from fixed lists, never names.
  if (role) tag += `[role=${/^[a-z]+(?: [a-z]+)*$/.test(role) ? role : shapeText(role)}]`;
  const label = element.getAttribute('aria-label');
  if (label !== null) tag += `[aria-label="${shapeText(label)}"]`;
  const href = element.getAttribute('href');
  if (href !== null) tag += `[href="${shapeHref(href)}"]`;
  if (element.hasAttribute('hidden')) tag += '[hidden]';
  if (/display:\s*none/.test(element.getAttribute('style') ?? '')) tag += '{display:none}';
  const names = element.getAttributeNames();
  const data = names.filter((name) => name.startsWith('data-'));
  const aria = names.filter((name) => name.startsWith('aria-') && name !== 'aria-label');
  if (data.length) tag += `{data: ${data.join(' ')}}`;
  if (aria.length) tag += `{aria: ${aria.join(' ')}}`;
  const ownText = Array.from(element.childNodes)
    .filter((node) => node.nodeType === 3)
    .map((node) => node.nodeValue ?? '')
    .join(' ');
  const text = shapeText(ownText);
  return text ? `${tag} "${text}"` : tag;
}

/** A BCP 47 language tag as is ("nl", "en-GB"); anything else shaped. */
function languageTag(lang: string): string {
  return /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(lang) ? lang : shapeText(lang);
}

/*
 * Shapes of page text and links: the structure survives, the people do not. Words become `w`
 * unless they are Classroom's own interface words, numbers `#`, email addresses `@`, and ids in
 * link paths `:id`.
 */

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
