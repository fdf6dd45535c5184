import { useId, useState } from 'react';
import { t } from '@/lib/i18n/t';
import type { SisClassOption } from '@/lib/messaging/replies';
import { SisClassPicker } from './SisClassPicker';
import { stayOnPage, trusted } from './trusted';

/** Where looking up the teacher's SIS classes stands. */
export type ClassSearch =
  | { state: 'idle' }
  | { state: 'searching' }
  | { state: 'found'; teacherName: string; classes: SisClassOption[] }
  | { state: 'error'; message: string };

export interface LinkClassProps {
  /** The signed-in account as the page shows it (the snapshot's teacherEmail); empty if not. */
  accountEmail: string;
  /**
   * The admin lets teachers type another SIS teacher's email; otherwise the account's email is
   * the only one (the background enforces it: this only spares a refusal).
   */
  overrideAllowed: boolean;
  search: ClassSearch;
  linking: boolean;
  /** Why linking failed, as the background said it (translated). */
  linkError?: string;
  onFind(email: string): void;
  onLink(sisClassId: string): void;
}

/** "Link SIS class": find the teacher's SIS classes by email, then pick the one to link. */
export function LinkClass(props: LinkClassProps) {
  const { accountEmail, overrideAllowed, search } = props;
  const [typed, setTyped] = useState<string>();
  const id = useId();
  // The page's email may be read after the panel appears: it is followed until the teacher types
  // (only possible where the admin allows another SIS teacher).
  const email = (overrideAllowed ? typed : undefined) ?? accountEmail;
  const searching = search.state === 'searching';
  const accountMissing = !overrideAllowed && accountEmail === '';
  const message =
    search.state === 'error'
      ? search.message
      : (props.linkError ?? (accountMissing ? t('errorAccountUnknown') : undefined));
  return (
    <section className="panel__section" aria-labelledby={`${id}-heading`} data-testid="link-class">
      <h3 id={`${id}-heading`} className="panel__heading">
        {t('linkHeading')}
      </h3>
      <p className="panel__hint">{t('linkIntro')}</p>
      <form onSubmit={stayOnPage}>
        <div className="panel__field">
          <label className="panel__label" htmlFor={`${id}-email`}>
            {t('linkEmailLabel')}
          </label>
          <input
            id={`${id}-email`}
            className="panel__input"
            type="email"
            required
            autoComplete="email"
            spellCheck={false}
            value={email}
            readOnly={!overrideAllowed}
            aria-describedby={`${id}-email-hint`}
            onChange={trusted((event) => setTyped(event.target.value))}
          />
          <span id={`${id}-email-hint`} className="panel__hint">
            {overrideAllowed ? t('linkEmailHint') : t('linkEmailOwnHint')}
          </span>
        </div>
        <button
          type="submit"
          className="panel__button"
          disabled={searching || email.trim() === ''}
          aria-busy={searching || undefined}
          // Also Enter in the field (a trusted click on this button). An invalid address is left
          // to the submit that follows, which shows the browser's own message.
          onClick={trusted((event) => {
            if (event.currentTarget.form?.checkValidity() !== false) props.onFind(email.trim());
          })}
        >
          {t('linkFind')}
        </button>
      </form>
      <div aria-live="polite" data-testid="link-status">
        {searching && <p className="panel__hint">{t('linkSearching')}</p>}
        {message && (
          <p role="alert" className="panel__error" data-testid="link-error">
            {message}
          </p>
        )}
      </div>
      {search.state === 'found' && (
        <SisClassPicker
          teacherName={search.teacherName}
          classes={search.classes}
          linking={props.linking}
          onLink={props.onLink}
        />
      )}
    </section>
  );
}
