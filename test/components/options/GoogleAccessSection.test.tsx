// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  GoogleAccessSection,
  type GoogleAccessSectionProps,
} from '@/components/options/GoogleAccessSection';
import { GOOGLE_SCOPES } from '@/lib/google/auth';
import { useLocale } from '../../support/fake-i18n';
import { button, change, click, fieldByLabel, render } from '../../support/render';

afterEach(() => {
  document.body.innerHTML = '';
});

const CLIENT_ID = '123456789012-abcdef123.apps.googleusercontent.com';
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';

function props(overrides: Partial<GoogleAccessSectionProps> = {}): GoogleAccessSectionProps {
  return {
    managed: false,
    fromBuild: false,
    redirectUri: REDIRECT,
    saving: false,
    checking: false,
    copied: false,
    onSave: vi.fn(),
    onCheck: vi.fn(),
    onCopy: vi.fn(),
    ...overrides,
  };
}

describe('GoogleAccessSection', () => {
  it.each([
    ['en', 'Google OAuth client ID', 'Save client ID', 'Redirect URI to register', 'Copy'],
    [
      'nl',
      'Google OAuth-client-ID',
      'Client-ID opslaan',
      'Te registreren omleidings-URI',
      'Kopiëren',
    ],
  ] as const)(
    'saves the typed client id and offers the redirect URI to copy (%s)',
    (locale, label, save, redirect, copy) => {
      useLocale(locale);
      const p = props();
      const { container } = render(<GoogleAccessSection {...p} />);
      change(fieldByLabel(container, label), ` ${CLIENT_ID} `);
      click(button(container, save));
      expect(p.onSave).toHaveBeenCalledWith(CLIENT_ID);
      expect((fieldByLabel(container, redirect) as HTMLInputElement).value).toBe(REDIRECT);
      click(button(container, copy));
      expect(p.onCopy).toHaveBeenCalledOnce();
    },
  );

  it('lists what the Workspace admin must do', () => {
    const { container } = render(<GoogleAccessSection {...props()} />);
    const items = [...container.querySelectorAll('[data-testid="google-checklist"] li')].map(
      (li) => li.textContent,
    );
    expect(items).toHaveLength(4);
    expect(items[0]).toContain('Web application');
    expect(items[0]).toContain('Internal');
    expect(items[1]).toContain('Data access');
    expect(items[2]).toContain('Trusted');
    expect(items[3]).toContain('18 or older');
  });

  it('shows the policy’s client id read-only, without Save, and still lets the admin check', () => {
    const p = props({ managed: true, clientId: CLIENT_ID });
    const { container } = render(<GoogleAccessSection {...p} />);
    const field = fieldByLabel(container, 'Google OAuth client ID') as HTMLInputElement;
    expect(field.value).toBe(CLIENT_ID);
    expect(field.readOnly).toBe(true);
    expect(container.textContent).toContain("Set by your organization's policy.");
    expect(button(container, 'Save client ID')).toBeUndefined();
    click(button(container, 'Check access'));
    expect(p.onCheck).toHaveBeenCalledOnce();
  });

  it('cannot check before a client id is in force', () => {
    const { container } = render(<GoogleAccessSection {...props()} />);
    expect(button(container, 'Check access')?.disabled).toBe(true);
  });

  it('shows the check’s outcome with the granted scopes, and a failure as an alert', () => {
    const ok = render(
      <GoogleAccessSection
        {...props({
          clientId: CLIENT_ID,
          check: {
            ok: true,
            message: 'Signed in as a@b.example; the Classroom API answered.',
            grantedScopes: [...GOOGLE_SCOPES],
          },
        })}
      />,
    );
    const outcome = ok.container.querySelector('[data-testid="google-check"]');
    expect(outcome?.textContent).toContain('Signed in as a@b.example');
    expect(outcome?.textContent).toContain(
      'Granted: classroom.courses.readonly, classroom.rosters.readonly',
    );
    expect(outcome?.querySelector('[role="alert"]')).toBeNull();
    const failed = render(
      <GoogleAccessSection
        {...props({
          clientId: CLIENT_ID,
          check: { ok: false, message: 'Nope', grantedScopes: [] },
        })}
      />,
    );
    expect(failed.container.querySelector('[role="alert"]')?.textContent).toBe('Nope');
  });

  it('starts empty and says the built-in client id is used when only the build sets one', () => {
    const { container } = render(
      <GoogleAccessSection {...props({ clientId: CLIENT_ID, fromBuild: true })} />,
    );
    expect((fieldByLabel(container, 'Google OAuth client ID') as HTMLInputElement).value).toBe('');
    expect(container.textContent).toContain("this extension's built-in client ID is used");
  });
});
