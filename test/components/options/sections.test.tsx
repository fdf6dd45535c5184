// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthorizeOutcome } from '@/components/options/AuthorizeOutcome';
import { ConnectionSummary } from '@/components/options/ConnectionSummary';
import { ManagedBanner } from '@/components/options/ManagedBanner';
import { TeacherPermissionSection } from '@/components/options/TeacherPermissionSection';
import type { AdminState } from '@/lib/messaging/replies';
import { NOT_CONNECTED } from '../../support/admin-state';
import { useLocale } from '../../support/fake-i18n';
import { fieldByLabel, render } from '../../support/render';

afterEach(() => {
  document.body.innerHTML = '';
});

const EDITABLE = { exportEnabled: false, allowTeacherOverride: false };

describe('TeacherPermissionSection', () => {
  it.each([
    ['en', 'Enable export of coursework and grades', 'Save'],
    ['nl', 'Exporteren van schoolwerk en cijfers inschakelen', 'Opslaan'],
  ] as const)(
    'uses the admin page’s wording (%s) and saves the new value',
    (locale, label, save) => {
      useLocale(locale);
      const onSave = vi.fn();
      const { container } = render(
        <TeacherPermissionSection
          saved={{ exportEnabled: true, allowTeacherOverride: false }}
          readOnly={EDITABLE}
          busy={false}
          onSave={onSave}
        />,
      );
      const checkbox = fieldByLabel(container, label) as HTMLInputElement;
      expect(checkbox.checked).toBe(true);
      act(() => checkbox.click());
      act(() =>
        [...container.querySelectorAll('button')].find((b) => b.textContent === save)?.click(),
      );
      expect(onSave).toHaveBeenCalledWith({ exportEnabled: false, allowTeacherOverride: false });
    },
  );

  it('is read-only, without Save, when the policy sets it', () => {
    const { container } = render(
      <TeacherPermissionSection
        saved={{ exportEnabled: true, allowTeacherOverride: false }}
        readOnly={{ exportEnabled: true, allowTeacherOverride: true }}
        busy={false}
        onSave={vi.fn()}
      />,
    );
    expect((container.querySelector('#exportEnabled') as HTMLInputElement).disabled).toBe(true);
    expect((container.querySelector('#allowTeacherOverride') as HTMLInputElement).disabled).toBe(
      true,
    );
    expect(container.querySelector('button')).toBeNull();
  });

  it('lets the admin allow another SIS teacher, off by default, and saves only what the policy leaves', () => {
    useLocale('en');
    const onSave = vi.fn();
    const { container } = render(
      <TeacherPermissionSection
        saved={{ exportEnabled: true, allowTeacherOverride: false }}
        readOnly={{ exportEnabled: true, allowTeacherOverride: false }}
        busy={false}
        onSave={onSave}
      />,
    );
    const override = fieldByLabel(
      container,
      'Let teachers choose another SIS teacher’s classes',
    ) as HTMLInputElement;
    expect(override.checked).toBe(false);
    expect(override.disabled).toBe(false);
    act(() => override.click());
    act(() =>
      [...container.querySelectorAll('button')].find((b) => b.textContent === 'Save')?.click(),
    );
    expect(onSave).toHaveBeenCalledWith({ allowTeacherOverride: true });
  });
});

describe('ConnectionSummary', () => {
  const state = (overrides: Partial<AdminState>): AdminState => ({
    ...NOT_CONNECTED,
    connected: true,
    connection: {
      partner: 'other',
      hostUrl: 'https://sis.example.org/ims/oneroster/v1p1/',
      orgName: 'Riverside',
      verifiedAt: '2026-11-28T10:00:00.000Z',
      categories: null,
    },
    ...overrides,
  });
  const title = (container: HTMLElement) => container.querySelector('.summary__title')?.textContent;

  it('says connected, or that this browser must allow the SIS address again', () => {
    expect(
      title(render(<ConnectionSummary state={state({})} onRemove={vi.fn()} />).container),
    ).toBe('Connected to Riverside');
    const { container } = render(
      <ConnectionSummary state={state({ hostAccessMissing: true })} onRemove={vi.fn()} />,
    );
    expect(title(container)).toBe(
      'Connected, but this browser no longer lets the extension reach the SIS. Click Authorize to allow it again.',
    );
    expect(container.querySelector('.summary__title--on')).toBeNull();
  });
});

describe('AuthorizeOutcome', () => {
  it('announces errors as alerts with the seed’s tip, and success as status', () => {
    const error = render(<AuthorizeOutcome outcome={{ kind: 'error', message: 'Nope.' }} />);
    expect(error.container.querySelector('[aria-live=polite] [role=alert]')?.textContent).toBe(
      'Nope.Tip: if you see an error, refresh the page and try again.',
    );
    const ok = render(
      <AuthorizeOutcome
        outcome={{
          kind: 'success',
          orgName: 'Riverside',
          clockSkewMs: 7 * 60_000,
          categoriesListed: false,
        }}
      />,
    );
    const status = ok.container.querySelector('[role=status]')?.textContent ?? '';
    expect(status).toContain('Connected to Riverside.');
    expect(status).toContain('about 7 minutes');
    expect(status).toContain('did not list grading categories');
  });
});

describe('the OneRoster version on the connection card (issue #14)', () => {
  it('shows the version and both 1.2 bases in the summary, and 1.1 for a legacy connection', () => {
    const connection = {
      partner: 'infinite-campus' as const,
      hostUrl: 'https://d.infinitecampus.org/campus/api/oneroster/v1p2/app/ims/oneroster/',
      version: '1.2' as const,
      gradebookUrl: 'https://gb.example.org/gradebook/v1p2/',
      verifiedAt: '2026-11-28T10:00:00.000Z',
      categories: null,
    };
    const detail = (state: AdminState) =>
      render(<ConnectionSummary state={state} onRemove={vi.fn()} />).container.querySelector(
        '[data-testid=connection-version]',
      )?.textContent;
    expect(detail({ ...NOT_CONNECTED, connected: true, connection })).toBe(
      'OneRoster 1.2 · rostering: https://d.infinitecampus.org/campus/api/oneroster/v1p2/app/ims/oneroster/rostering/v1p2/ · gradebook: https://gb.example.org/gradebook/v1p2/',
    );
    const { version: _v, gradebookUrl: _g, ...legacy } = connection;
    expect(detail({ ...NOT_CONNECTED, connected: true, connection: legacy })).toBe('OneRoster 1.1');
  });

  it('says which version Authorize confirmed, with the bases', () => {
    const ok = render(
      <AuthorizeOutcome
        outcome={{
          kind: 'success',
          version: '1.2',
          bases: { rostering: 'https://s/r/', gradebook: 'https://s/g/' },
          categoriesListed: true,
        }}
      />,
    );
    expect(ok.container.querySelector('[data-testid=authorize-version]')?.textContent).toBe(
      'Connected over OneRoster 1.2 — rostering: https://s/r/, gradebook: https://s/g/',
    );
  });
});

describe('ManagedBanner', () => {
  it.each([
    ['en', 'Managed by your organization'],
    ['nl', 'Beheerd door je organisatie'],
  ] as const)('says the page is managed (%s)', (locale, text) => {
    useLocale(locale);
    const { container } = render(<ManagedBanner locked />);
    expect(container.querySelector('[role=note]')?.textContent).toContain(text);
  });
});
