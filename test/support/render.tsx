/** Renders a component into happy-dom and drives its controls as a user would (panel and options tests). */
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export function render(element: ReactElement): { container: HTMLElement; root: Root } {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(element));
  return { container, root };
}

/** Types into an input or picks a select option: React listens for the native events. */
export function change(element: Element | null, value: string) {
  if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement)) {
    throw new Error(`not a field: ${element?.outerHTML}`);
  }
  const prototype = Object.getPrototypeOf(element);
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  act(() => {
    setter?.call(element, value);
    element.dispatchEvent(
      new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  });
}

export function click(element: Element | null | undefined) {
  if (!(element instanceof HTMLElement)) throw new Error('nothing to click');
  act(() => element.click());
}

/** The button whose text is exactly `text`. */
export function button(container: HTMLElement, text: string): HTMLButtonElement | undefined {
  return [...container.querySelectorAll('button')].find((b) => b.textContent === text);
}

/** The control a <label> (by its text, which may hold more) or an aria-label names. */
export function labelled(container: HTMLElement, text: string): HTMLElement | null {
  const byAria = container.querySelector(`[aria-label="${text}"]`);
  if (byAria instanceof HTMLElement) return byAria;
  const label = [...container.querySelectorAll('label')].find((l) =>
    l.textContent?.startsWith(text),
  );
  const id = label?.getAttribute('for');
  return id ? container.querySelector(`[id="${id}"]`) : (label?.querySelector('input') ?? null);
}

export const testId = (container: HTMLElement, id: string) =>
  container.querySelector(`[data-testid="${id}"]`)?.textContent ?? undefined;

/** The input a <label> names, by the label's exact text. */
export function fieldByLabel(container: HTMLElement, text: string): HTMLElement | null {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent === text);
  const id = label?.getAttribute('for');
  return id ? container.querySelector(`[id="${id}"]`) : null;
}
