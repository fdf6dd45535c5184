/**
 * What a person sees on a Classroom page: the visible view only (selectors.ts contract 1), its
 * text in reading order, and an email address in that text (People rows, the account button's
 * label). Every query that feeds the snapshot goes through here. Pages: all.
 */
import { z } from '../zod';
import { SCOPED_BASE, SELECTORS, type SelectorName } from './selectors';

type MaybeVisible = Element & { checkVisibility?: () => boolean };

/**
 * True when `element` sits in a hidden subtree: by markup (hidden, aria-hidden, inline
 * display:none) everywhere, and by layout in a rendered document (`checkVisibility`), which
 * catches views hidden through a stylesheet class. Classroom keeps old `c-wiz` views in the DOM,
 * hidden. Detached or parsed-only documents (no window) have no layout, so only the markup test
 * applies there.
 */
export function isHidden(element: Element): boolean {
  if (element.closest(SELECTORS.hidden)) return true;
  const check = (element as MaybeVisible).checkVisibility;
  const rendered = element.ownerDocument.defaultView !== null && element.isConnected;
  return rendered && typeof check === 'function' ? !check.call(element) : false;
}

/** Every match of `selector` under `root` that is not hidden, in document order. */
export function queryVisible(root: ParentNode, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector)).filter((element) => !isHidden(element));
}

/** Every element under `root` that the hook `name` selects, in document order. */
export function queryHook(root: ParentNode, name: SelectorName): Element[] {
  const base = SCOPED_BASE[name];
  if (!base) return Array.from(root.querySelectorAll(SELECTORS[name]));
  const selector = SELECTORS[name];
  return Array.from(root.querySelectorAll(base)).filter((element) => element.matches(selector));
}

/** The first element under `root` that the hook `name` selects, if any. */
export function firstHook(root: ParentNode, name: SelectorName): Element | undefined {
  return queryHook(root, name)[0];
}

/**
 * The active Wiz view: the first `body > c-wiz` without `aria-hidden="true"` (contract 1); where
 * the page has no `body > c-wiz`, the first outermost `c-wiz` that is not aria-hidden. Null when
 * the page has no view at all (nothing to wait for).
 */
export function activeView(doc: Document): Element | null {
  const top = Array.from(doc.querySelectorAll(SELECTORS.topView));
  const views = top.length
    ? top
    : Array.from(doc.querySelectorAll(SELECTORS.view)).filter(
        (view) => !view.parentElement?.closest(SELECTORS.view),
      );
  return views.find((view) => view.getAttribute('aria-hidden') !== 'true') ?? null;
}

/** Whether the page can be read now, or why not (contract 2). */
export type PageReadiness = 'ready' | 'background-tab' | 'view-busy';

/**
 * Classroom does not paint in a background tab and marks a loading view `aria-busy`; a read
 * then would see an empty or half-built page.
 */
export function pageReadiness(doc: Document): PageReadiness {
  if (doc.visibilityState !== 'visible') return 'background-tab';
  return activeView(doc)?.getAttribute('aria-busy') === 'true' ? 'view-busy' : 'ready';
}

const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT, spelled out so no global is needed

/** Collapses runs of whitespace (including no-break spaces) and trims. */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The elements under `root` whose text is never data (`SELECTORS.ignoredText`, plus `extra`).
 * Found once per grid rather than per cell: one query instead of 20,000 on a large class.
 */
export function ignoredElements(root: Element, extra?: SelectorName): Set<Element> {
  const ignored = new Set(root.querySelectorAll(SELECTORS.ignoredText));
  if (extra) for (const element of queryHook(root, extra)) ignored.add(element);
  return ignored;
}

/**
 * The non-empty text pieces under `root`, each cleaned, skipping text inside any element of
 * `ignored` (default: `ignoredElements(root)`). Separate pieces stay separate: "Assigned" and
 * "No grade" in two elements are two pieces, not "AssignedNo grade" as `textContent` would give.
 */
export function textPieces(
  root: Element,
  ignored: ReadonlySet<Element> = ignoredElements(root),
): string[] {
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_TEXT);
  const pieces: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = cleanText(node.nodeValue ?? '');
    if (!text || (ignored.size > 0 && isInside(node, root, ignored))) continue;
    pieces.push(text);
  }
  return pieces;
}

/** True when an ancestor of `node` below `root` is one of `elements`. */
function isInside(node: Node, root: Element, elements: ReadonlySet<Element>): boolean {
  for (let element = node.parentElement; element && element !== root; ) {
    if (elements.has(element)) return true;
    element = element.parentElement;
  }
  return false;
}

const EMAIL_IN_TEXT = /[^\s@()<>,;:"]+@[^\s@()<>,;:"]+\.[^\s@()<>,;:"]+/;
const Email = z.email();

/** The first address in `text` that zod accepts as an email, if any. */
export function findEmail(text: string): string | undefined {
  const candidate = EMAIL_IN_TEXT.exec(text)?.[0];
  return candidate && Email.safeParse(candidate).success ? candidate : undefined;
}
