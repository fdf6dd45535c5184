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

/**
 * Marks an event as the user's, as the browser does for a real click or key press. happy-dom's
 * events have no `isTrusted` at all, and the panel ignores every event that is not trusted
 * (components/panel/trusted.ts); an event left unmarked is what page script could send.
 */
export function asUser<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
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
      asUser(
        new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
      ),
    );
  });
}

/** A user's click (a checkbox toggles, a submit button submits, as with `.click()`). */
export function userClick(element: Element | null | undefined) {
  if (!(element instanceof HTMLElement)) throw new Error('nothing to click');
  element.dispatchEvent(
    asUser(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })),
  );
}

export function click(element: Element | null | undefined) {
  act(() => userClick(element));
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
