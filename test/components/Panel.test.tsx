// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelProps } from '@/components/panel/Panel';
import { useLocale } from '../support/fake-i18n';
import { click } from '../support/render';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
type Required = Pick<PanelProps, 'courseId' | 'status'>;
function render(props: Required & Partial<PanelProps>) {
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const full: PanelProps = {
    reading: { state: 'reading' },
    onCopyDiagnostics: () => {},
    diagnosticsCopy: 'idle',
    ...props,
  };
  act(() => root.render(<Panel {...full} />));
  return root;
}
afterEach(() => container.remove());

describe('Panel', () => {
  it('is a labelled region titled "Link SIS class / Export grades"', () => {
    render({ courseId: '596177745468', status: { state: 'loading' } });
    const region = container.querySelector('section');
    expect(region?.getAttribute('aria-label')).toBe('Link SIS class / Export grades');
    expect(container.querySelector('h2')?.textContent).toBe('Link SIS class / Export grades');
    expect(container.textContent).toContain('Classroom class 596177745468');
    expect([...container.querySelectorAll('[role=status]')].map((e) => e.textContent)).toEqual([
      'Reading the class from the page…',
      'Checking the SIS connection…',
    ]);
  });

  it('tells the teacher to ask the admin when no SIS is connected', () => {
    render({ courseId: '1', status: { state: 'ready', connected: false, exportAllowed: false } });
    expect(container.querySelector('[data-testid=panel-status]')?.textContent).toMatch(
      /Ask your Classroom administrator/,
    );
  });

  it.each([
    [
      'authorize',
      false,
      "Your school has set up the connection to its student information system, but this browser may not use it yet. Open the extension's options and click Authorize (once per browser).",
    ],
    [
      'host-access',
      true,
      "This browser no longer lets the extension reach your school's student information system. Open the extension's options and click Authorize to allow it again.",
    ],
  ] as const)(
    'sends the teacher to the options page when this browser must %s',
    (setup, connected, message) => {
      const onOpenSettings = vi.fn();
      render({
        courseId: '1',
        status: { state: 'ready', connected, exportAllowed: connected, setup },
        children: <p data-testid="workflow">link and export</p>,
        onOpenSettings,
      });
      expect(container.querySelector('[data-testid=panel-status]')?.textContent).toBe(message);
      expect(container.querySelector('[data-testid=workflow]')).toBeNull();
      const open = [...container.querySelectorAll('button')].find(
        (b) => b.textContent === "Open the extension's options",
      );
      click(open);
      expect(onOpenSettings).toHaveBeenCalledOnce();
    },
  );

  it('speaks Dutch when sending the teacher to the options page', () => {
    useLocale('nl');
    render({
      courseId: '1',
      status: { state: 'ready', connected: false, exportAllowed: false, setup: 'authorize' },
      onOpenSettings: () => {},
    });
    expect(container.textContent).toContain(
      'Open de opties van de extensie en klik op Autoriseren',
    );
    expect(container.querySelector('button:not(.panel__toggle)')?.textContent).toBe(
      'Opties van de extensie openen',
    );
  });

  it('says why the options page could not be opened', () => {
    render({
      courseId: '1',
      status: { state: 'ready', connected: false, exportAllowed: false, setup: 'authorize' },
      onOpenSettings: () => {},
      openSettingsError: 'The extension did not answer.',
    });
    expect(container.querySelector('[role=alert]')?.textContent).toBe(
      'The extension did not answer.',
    );
  });

  it('announces a failure as an alert with its reason, and retries', () => {
    const onRetry = vi.fn();
    render({
      courseId: '1',
      status: {
        state: 'error',
        message: 'The extension could not be reached: The extension did not answer.',
      },
      onRetry,
    });
    expect(container.querySelector('[role=alert]')?.textContent).toBe(
      'The extension could not be reached: The extension did not answer.',
    );
    const retry = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Try again',
    );
    click(retry);
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('tells the teacher whom to ask when the admin turned export off', () => {
    render({
      courseId: '1',
      status: { state: 'ready', connected: true, exportAllowed: false },
      children: <p data-testid="workflow">link and export</p>,
    });
    expect(container.querySelector('[data-testid=panel-status]')?.textContent).toBe(
      "Your school's administrator has turned off grade export for teachers. Ask your Classroom administrator to turn it on in the extension's options.",
    );
    expect(container.querySelector('[data-testid=workflow]')).toBeNull();
  });

  it('shows the teacher workflow only when connected and allowed, widening on request', () => {
    render({
      courseId: '1',
      status: { state: 'ready', connected: true, exportAllowed: true },
      wide: true,
      children: <p data-testid="workflow">link and export</p>,
    });
    expect(container.querySelector('[data-testid=workflow]')).not.toBeNull();
    expect(container.querySelector('[data-testid=panel-status]')).toBeNull();
    expect(container.querySelector('section')?.className).toBe('panel panel--wide');
  });

  it('offers "Sign in with Google" once the page is read (so Google is asked for its account)', () => {
    const ready = { state: 'ready', connected: true, exportAllowed: true } as const;
    const googleSignIn = { busy: false, onSignIn: () => {} };
    const signIn = () => container.querySelector('[data-testid=google-sign-in]');
    render({ courseId: '1', status: ready, googleSignIn, reading: { state: 'reading' } });
    expect(signIn()).toBeNull();
    container.remove();
    render({
      courseId: '1',
      status: ready,
      googleSignIn,
      reading: { state: 'failed', failure: { code: 'no-grid' } },
    });
    expect(signIn()?.textContent).toContain('Sign in with Google');
  });

  it('collapses and expands from its toggle button', () => {
    render({ courseId: '1', status: { state: 'loading' } });
    const toggle = container.querySelector('button');
    const body = container.querySelector('.panel__body') as HTMLElement;
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(toggle?.getAttribute('aria-controls')).toBe(body.id);
    click(toggle);
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(body.hidden).toBe(true);
    expect(toggle?.textContent).toBe('Show panel');
    click(toggle);
    expect(body.hidden).toBe(false);
  });

  it('speaks Dutch in a Dutch browser', () => {
    useLocale('nl');
    render({ courseId: '7', status: { state: 'ready', connected: false, exportAllowed: false } });
    expect(container.querySelector('h2')?.textContent).toBe(
      'SIS-klas koppelen / Cijfers exporteren',
    );
    expect(container.textContent).toContain('Classroom-klas 7');
  });
});
