import type { ReactNode } from 'react';
import { t } from '@/lib/i18n/t';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  /** Shown beside the field, announced, and tied to it with aria-describedby. */
  error?: string;
  /** Set by the district policy: shown, not editable. */
  managed?: boolean;
  type?: 'text' | 'password' | 'url';
  /** Must be filled in (e.g. a saved secret that has to be typed again). */
  required?: boolean;
  autoComplete?: string;
  placeholder?: string;
}

/** One labelled input with its hint and error; the ids tie them together for screen readers. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, hint, error, managed = false } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error && errorId, hint && hintId, managed && `${id}-managed`]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__input"
        type={props.type ?? 'text'}
        value={value}
        readOnly={managed}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
        placeholder={props.placeholder}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      {managed && (
        <p id={`${id}-managed`} className="field__managed">
          {t('fieldManagedHint')}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
