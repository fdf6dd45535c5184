import { t } from '@/lib/i18n/t';
import type { SecretState } from '@/lib/messaging/options-protocol';
import { TextField } from './TextField';

export interface SecretFieldProps {
  id: string;
  label: string;
  /** Undefined while the saved (or policy) value is kept. */
  value: string | undefined;
  state: SecretState;
  onChange(value: string | undefined): void;
  hint?: string;
  error?: string;
}

/**
 * A secret is never shown again once saved: the page only knows that one is saved ("••••• saved")
 * and can replace it. One set by the district policy cannot be replaced here.
 */
export function SecretField({ id, label, value, state, onChange, hint, error }: SecretFieldProps) {
  if (value !== undefined || state === 'none') {
    return (
      <div className="secret">
        <TextField
          id={id}
          label={label}
          type="password"
          autoComplete="new-password"
          value={value ?? ''}
          onChange={onChange}
          hint={hint}
          error={error}
        />
        {state === 'saved' && (
          <button type="button" className="button button--text" onClick={() => onChange(undefined)}>
            {t('secretKeepSaved')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <span className="field__label" id={`${id}-label`}>
        {label}
      </span>
      <div className="secret__saved">
        <span className="secret__dots" data-testid={`${id}-saved`}>
          {state === 'managed' ? t('secretManaged') : t('secretSaved')}
        </span>
        {state === 'saved' && (
          <button
            type="button"
            className="button button--text"
            aria-describedby={`${id}-label`}
            onClick={() => onChange('')}
          >
            {t('secretReplace')}
          </button>
        )}
      </div>
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}
