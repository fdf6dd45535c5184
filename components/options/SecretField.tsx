import { t } from '@/lib/i18n/t';
import type { SecretState } from '@/lib/sis/settings-shapes';
import { TextField } from './TextField';

export interface SecretFieldProps {
  id: string;
  label: string;
  /** Undefined while the saved (or policy) value is kept. */
  value: string | undefined;
  state: SecretState;
  onChange(value: string | undefined): void;
  /**
   * Set when the kept value cannot be used with the form as edited (it is bound to the fields it
   * was saved with): the field asks for it again, with this text as its hint.
   */
  retype?: string;
  hint?: string;
  error?: string;
}

/**
 * A secret is never shown again once saved: the page only knows that one is saved ("••••• saved")
 * and can replace it. One set by the district policy cannot be replaced here.
 */
export function SecretField(props: SecretFieldProps) {
  const { id, label, value, state, onChange, retype, error } = props;
  // A saved value bound elsewhere is asked for again; a policy's cannot be typed here.
  const retyping = retype !== undefined && state === 'saved';
  const hint = (retyping && retype) || props.hint;
  if (value !== undefined || state === 'none' || retyping) {
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
          required={retyping}
        />
        {state === 'saved' && !retyping && (
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
      {retype && !error && (
        <p className="field__hint" id={`${id}-hint`}>
          {retype}
        </p>
      )}
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}
