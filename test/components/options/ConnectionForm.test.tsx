// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionForm, type ConnectionFormProps } from '@/components/options/ConnectionForm';
import type { ConnectionFormValues } from '@/lib/sis/connection-form';
import { useLocale } from '../../support/fake-i18n';
import { change, fieldByLabel, render } from '../../support/render';

const VALUES: ConnectionFormValues = {
  partner: 'infinite-campus',
  applicationUrl: '',
  hostUrl: 'https://d.infinitecampus.org/campus/oneroster/app/ims/oneroster/v1p1/',
  authMode: 'oauth2',
  accessKey: 'InfiniteCampus_abc',
  secret: '',
  tokenUrl: '',
  vendorAuthorization: '',
  signatureMethod: 'HMAC-SHA256',
  version: '1.1',
  versionSuggested: false,
  gradebookUrl: '',
  scoreDateFormat: 'date',
};

function props(overrides: Partial<ConnectionFormProps> = {}): ConnectionFormProps {
  return {
    values: VALUES,
    errors: {},
    secretState: 'none',
    vendorState: 'none',
    managedFields: [],
    busy: false,
    onChange: vi.fn(),
    onAuthorize: vi.fn(),
    ...overrides,
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('ConnectionForm', () => {
  it('labels the fields exactly as Google’s admin page does, in English', () => {
    const { container } = render(<ConnectionForm {...props()} />);
    for (const label of [
      'Select your SIS',
      'Host URL',
      'Token URL',
      'Access key',
      'Secret code',
      'Vendor authorization',
    ]) {
      expect(fieldByLabel(container, label), label).not.toBeNull();
    }
    expect(container.querySelector('button[type=submit]')?.textContent).toBe('Authorize');
    expect((fieldByLabel(container, 'Secret code') as HTMLInputElement).type).toBe('password');
    expect(container.textContent).toContain('the only one this SIS accepts');
  });

  it('and in Dutch', () => {
    useLocale('nl');
    const { container } = render(<ConnectionForm {...props()} />);
    for (const label of [
      'Selecteer je SIS',
      'Host-URL',
      'Token-URL',
      'Toegangssleutel',
      'Geheime code',
      'Leveranciersautorisatie',
    ]) {
      expect(fieldByLabel(container, label), label).not.toBeNull();
    }
    expect(container.querySelector('button[type=submit]')?.textContent).toBe('Autoriseren');
  });

  it('ties each error to its field for screen readers', () => {
    const { container } = render(
      <ConnectionForm {...props({ errors: { hostUrl: 'Enter the address.' } })} />,
    );
    const host = fieldByLabel(container, 'Host URL');
    expect(host?.getAttribute('aria-invalid')).toBe('true');
    const [errorId] = (host?.getAttribute('aria-describedby') ?? '').split(' ');
    expect(container.querySelector(`[id="${errorId}"]`)?.textContent).toBe('Enter the address.');
    expect(fieldByLabel(container, 'Access key')?.hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows OAuth 1.0a fields for an SIS that offers it, without a token URL', () => {
    const { container } = render(
      <ConnectionForm
        {...props({ values: { ...VALUES, partner: 'other', authMode: 'oauth1' } })}
      />,
    );
    expect(fieldByLabel(container, 'Token URL')).toBeNull();
    expect(fieldByLabel(container, 'Signature method')).not.toBeNull();
    expect(fieldByLabel(container, 'Vendor authorization')).toBeNull();
    expect(container.querySelectorAll('input[type=radio]')).toHaveLength(2);
  });

  it('offers the Application URL helper for Skyward only', () => {
    const skyward = render(
      <ConnectionForm {...props({ values: { ...VALUES, partner: 'skyward' } })} />,
    );
    expect(fieldByLabel(skyward.container, 'Application URL')).not.toBeNull();
    const other = render(
      <ConnectionForm {...props({ values: { ...VALUES, partner: 'other' } })} />,
    );
    expect(fieldByLabel(other.container, 'Application URL')).toBeNull();
  });

  it('never shows a saved secret, only that one is saved, and lets it be replaced', () => {
    const onChange = vi.fn();
    const { container } = render(
      <ConnectionForm
        {...props({ values: { ...VALUES, secret: undefined }, secretState: 'saved', onChange })}
      />,
    );
    expect(fieldByLabel(container, 'Secret code')).toBeNull();
    expect(container.querySelector('[data-testid=secret-saved]')?.textContent).toBe('••••• saved');
    const replace = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Replace',
    );
    act(() => replace?.click());
    expect(onChange).toHaveBeenCalledWith({ secret: '' });
  });

  it('asks for a saved secret again, with why, once a field it is bound to changed', () => {
    const retype = 'Host URL changed: type the secret code again.';
    const { container } = render(
      <ConnectionForm
        {...props({
          values: { ...VALUES, secret: undefined, vendorAuthorization: undefined },
          secretState: 'saved',
          vendorState: 'saved',
          retype: { secret: retype },
        })}
      />,
    );
    const secret = fieldByLabel(container, 'Secret code') as HTMLInputElement;
    expect(secret.value).toBe('');
    expect(secret.required).toBe(true);
    expect(container.querySelector('[data-testid=secret-saved]')).toBeNull();
    const hintId = (secret.getAttribute('aria-describedby') ?? '').split(' ').at(-1);
    expect(container.querySelector(`[id="${hintId}"]`)?.textContent).toBe(retype);
    expect(
      [...container.querySelectorAll('button')].some((b) => b.textContent === 'Keep the saved one'),
    ).toBe(false);
    // The vendor authorization, not bound elsewhere here, stays "saved".
    expect(container.querySelector('[data-testid=vendorAuthorization-saved]')).not.toBeNull();
  });

  it('makes policy-set fields read-only and says who set them', () => {
    const { container } = render(
      <ConnectionForm
        {...props({
          values: { ...VALUES, secret: undefined },
          secretState: 'managed',
          managedFields: ['partner', 'hostUrl', 'secret'],
        })}
      />,
    );
    expect((fieldByLabel(container, 'Host URL') as HTMLInputElement).readOnly).toBe(true);
    expect((fieldByLabel(container, 'Select your SIS') as HTMLSelectElement).disabled).toBe(true);
    expect((fieldByLabel(container, 'Access key') as HTMLInputElement).readOnly).toBe(false);
    expect(container.textContent).toContain('Set by your organization.');
    expect(container.textContent).toContain('••••• set by your organization');
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Replace')).toBe(
      false,
    );
  });

  it('asks for an SIS first, and authorizes on submit', () => {
    const onAuthorize = vi.fn();
    const empty = render(<ConnectionForm {...props({ values: { ...VALUES, partner: '' } })} />);
    expect(fieldByLabel(empty.container, 'Host URL')).toBeNull();
    const { container } = render(<ConnectionForm {...props({ onAuthorize })} />);
    act(() => container.querySelector('form')?.requestSubmit());
    expect(onAuthorize).toHaveBeenCalledOnce();
  });
});

describe('ConnectionForm: OneRoster version (issue #14)', () => {
  const V12: ConnectionFormValues = {
    ...VALUES,
    hostUrl: 'https://d.infinitecampus.org/campus/api/oneroster/v1p2/app/ims/oneroster',
    version: '1.2',
    versionSuggested: true,
  };
  const options = (select: Element | null) =>
    [...((select as HTMLSelectElement | null)?.options ?? [])].map((option) => option.value);

  it('offers only the versions the SIS offers, under the label “OneRoster version”', () => {
    const ic = render(<ConnectionForm {...props()} />);
    expect(options(fieldByLabel(ic.container, 'OneRoster version'))).toEqual(['1.2', '1.1']);
    const aeries = render(
      <ConnectionForm {...props({ values: { ...VALUES, partner: 'aeries' } })} />,
    );
    expect(options(fieldByLabel(aeries.container, 'OneRoster version'))).toEqual(['1.1']);
  });

  it('for 1.2: says the Host URL suggested it, shows both bases, the override, OAuth 2 only', () => {
    const { container } = render(
      <ConnectionForm {...props({ values: { ...V12, partner: 'other' } })} />,
    );
    expect(container.querySelector('[data-testid=version-hint]')?.textContent).toContain(
      'Suggested from the Host URL.',
    );
    expect(container.querySelector('[data-testid=service-bases]')?.textContent).toContain(
      'Gradebook: https://d.infinitecampus.org/campus/api/oneroster/v1p2/app/ims/oneroster/gradebook/v1p2/',
    );
    expect(fieldByLabel(container, 'Gradebook base URL')).not.toBeNull();
    expect(container.querySelector('input[name=authMode]')).toBeNull();
    expect(container.querySelector('[data-testid=auth-mode]')?.textContent).toBe(
      'Sign-in method: OAuth 2, the only one OneRoster 1.2 allows.',
    );
    expect(options(fieldByLabel(container, 'Score date format'))).toEqual(['date', 'date-time']);
  });

  it('for 1.1: no bases, no override, no scoreDate option; the admin’s pick is sent up', () => {
    const onChange = vi.fn();
    const { container } = render(
      <ConnectionForm {...props({ values: { ...VALUES, partner: 'other' }, onChange })} />,
    );
    expect(container.querySelector('[data-testid=service-bases]')).toBeNull();
    expect(fieldByLabel(container, 'Gradebook base URL')).toBeNull();
    expect(fieldByLabel(container, 'Score date format')).toBeNull();
    expect(container.querySelector('[data-testid=version-hint]')?.textContent).not.toContain(
      'Suggested',
    );
    change(fieldByLabel(container, 'OneRoster version'), '1.2');
    expect(onChange).toHaveBeenCalledWith({ version: '1.2' });
  });

  it('locks the policy’s version and shows a refused OAuth 1.0a beside the sign-in method', () => {
    const { container } = render(
      <ConnectionForm
        {...props({
          values: { ...V12, partner: 'other', authMode: 'oauth1' },
          managedFields: ['oneRosterVersion'],
          errors: { authMode: 'OneRoster 1.2 signs in with OAuth 2 only.' },
        })}
      />,
    );
    expect((fieldByLabel(container, 'OneRoster version') as HTMLSelectElement).disabled).toBe(true);
    expect(container.querySelector('#authMode-error')?.textContent).toBe(
      'OneRoster 1.2 signs in with OAuth 2 only.',
    );
  });
});
