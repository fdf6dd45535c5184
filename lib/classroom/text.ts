/** Text helpers shared by the readers: what a person sees, in reading order. Pages: all. */
import { SELECTORS } from './selectors';

const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT, spelled out so no global is needed

/** Collapses runs of whitespace (including no-break spaces) and trims. */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The elements under `root` whose text is never data (`SELECTORS.ignoredText`, plus `extra`).
 * Found once per grid rather than per cell: one query instead of 20,000 on a large class.
 */
export function ignoredElements(root: Element, extra?: string): Set<Element> {
  const selector = extra ? `${SELECTORS.ignoredText}, ${extra}` : SELECTORS.ignoredText;
  return new Set(root.querySelectorAll(selector));
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
