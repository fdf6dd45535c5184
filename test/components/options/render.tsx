/** Renders a component into happy-dom for the options-page component tests. */
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

/** The input a <label> names, by the label's exact text. */
export function fieldByLabel(container: HTMLElement, text: string): HTMLElement | null {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent === text);
  const id = label?.getAttribute('for');
  return id ? container.querySelector(`[id="${id}"]`) : null;
}
