/**
 * The panel acts only on what the teacher really did. Page JavaScript can
 * dispatch events into reach and call `.click()`; the browser marks those events untrusted
 * (`isTrusted`, an unforgeable property only it sets), while a real click, key press or an
 * assistive technology's action is trusted. Every control's handler is wrapped in `trusted`.
 *
 * Two browser facts shape its use: a form's `submit` is trusted even when script calls
 * `requestSubmit()` or `.click()`s the submit button, so forms act on their submit button's click
 * (Enter in a field is a trusted click on it) and their submit only stays on the page
 * (`stayOnPage`); and React's onChange of a checkbox or radio is their click, so wrapping it
 * checks the click that toggled it.
 */
import type { FormEvent, SyntheticEvent } from 'react';

/** Runs `handler` for trusted events only; anything else (isTrusted false or absent) is dropped. */
export function trusted<E extends SyntheticEvent>(
  handler: ((event: E) => void) | undefined,
): (event: E) => void {
  return (event) => {
    if (event.nativeEvent.isTrusted !== true) return;
    handler?.(event);
  };
}

/** A form's submit: never navigates, never acts (its submit button's trusted click does). */
export function stayOnPage(event: FormEvent) {
  event.preventDefault();
}
