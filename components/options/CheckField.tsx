import type { ReactNode } from 'react';

export interface CheckFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint: ReactNode;
  /** Shown under the box, announced, and tied to it with aria-describedby. */
  error?: string;
  disabled?: boolean;
}

/** One labelled checkbox with its hint (and error); the ids tie them together, as in TextField. */
export function CheckField({
  id,
  label,
  checked,
  onChange,
  hint,
  error,
  disabled,
}: CheckFieldProps) {
  return (
    <>
      <div className={`check${error ? ' field--invalid' : ''}`}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${error ? `${id}-error ` : ''}${id}-hint`}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {error && (
        <p id={`${id}-error`} className="field__error check__hint">
          {error}
        </p>
      )}
      <p id={`${id}-hint`} className="field__hint check__hint">
        {hint}
      </p>
    </>
  );
}
