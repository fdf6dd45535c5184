// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelProps } from '@/components/panel/Panel';
import { useLocale } from '../../support/fake-i18n';
import { button, click, render } from '../../support/render';

afterEach(() => {
  document.body.innerHTML = '';
});

const READY = { state: 'ready', connected: true, exportAllowed: true } as const;
/** The page has been read (the button waits for it: Google is asked for the page's account). */
const READ = {
  state: 'read',
  summary: {
    courseName: 'Biology',
    teacherEmail: 'teacher@school.example',
    gradebookRead: false,
    courseworkCount: 0,
    studentCount: 0,
    studentsWithEmail: 0,
    unreadableCount: 0,
  },
} as const;

function panel(props: Partial<PanelProps>) {
  return render(
    <Panel
      courseId="596177745468"
      status={READY}
      reading={READ}
      onCopyDiagnostics={() => {}}
      diagnosticsCopy="idle"
      {...props}
    />,
  );
}

describe('Sign in with Google in the panel', () => {
  it.each([
    ['en', 'Sign in with Google'],
    ['nl', 'Inloggen met Google'],
  ] as const)('offers the button and signs in on the teacher’s click (%s)', (locale, label) => {
    useLocale(locale);
    const onSignIn = vi.fn();
    const { container } = panel({ googleSignIn: { busy: false, onSignIn } });
    click(button(container, label));
    expect(onSignIn).toHaveBeenCalledOnce();
  });

  it('ignores a click page script sends (untrusted)', () => {
    const onSignIn = vi.fn();
    const { container } = panel({ googleSignIn: { busy: false, onSignIn } });
    act(() => button(container, 'Sign in with Google')?.click());
    expect(onSignIn).not.toHaveBeenCalled();
  });

  it('does not sign in twice while Google’s window is open, and shows why a sign-in failed', () => {
    const onSignIn = vi.fn();
    const { container } = panel({
      googleSignIn: {
        busy: true,
        onSignIn,
        error: 'Google sign-in was cancelled, or access was not allowed.',
      },
    });
    click(button(container, 'Signing in…'));
    expect(onSignIn).not.toHaveBeenCalled();
    expect(
      container.querySelector('[data-testid="google-sign-in"] [role="alert"]')?.textContent,
    ).toBe('Google sign-in was cancelled, or access was not allowed.');
  });

  it('is not shown while teachers may not work (not connected)', () => {
    const { container } = panel({
      status: { state: 'ready', connected: false, exportAllowed: false },
      googleSignIn: { busy: false, onSignIn: vi.fn() },
    });
    expect(container.querySelector('[data-testid="google-sign-in"]')).toBeNull();
  });

  it('is not shown without googleSignIn (not set up, or signed in)', () => {
    const { container } = panel({});
    expect(container.querySelector('[data-testid="google-sign-in"]')).toBeNull();
  });
});
