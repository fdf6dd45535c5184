/**
 * "Visible view only" (selectors.ts contract 1): Classroom keeps old `c-wiz` views in the DOM,
 * hidden, so every query that feeds the snapshot goes through here. Pages: all.
 */
import { SELECTORS } from './selectors';

type MaybeVisible = Element & { checkVisibility?: () => boolean };

/**
 * True when `element` sits in a hidden subtree: by markup (hidden, aria-hidden, inline
 * display:none) everywhere, and by layout in a rendered document (`checkVisibility`), which
 * catches views hidden through a stylesheet class. Detached or parsed-only documents (no
 * window) have no layout, so only the markup test applies there.
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
