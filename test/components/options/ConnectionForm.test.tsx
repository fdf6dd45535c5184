// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionForm, type ConnectionFormProps } from '@/components/options/ConnectionForm';
import type { ConnectionFormValues } from '@/lib/sis/connection-form';
import { useLocale } from '../../support/fake-i18n';
import { fieldByLabel, render } from '../../support/render';

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
