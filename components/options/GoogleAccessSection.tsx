import { useState } from 'react';
import { t } from '@/lib/i18n/t';
import { SaveMessage, type SaveResult } from './SaveMessage';
import { TextField } from './TextField';

/** The outcome of the live check, as the section shows it. */
export interface GoogleCheckView {
  ok: boolean;
  message: string;
  /** The scopes Google granted (full URLs). */
  grantedScopes: string[];
}

export interface GoogleAccessSectionProps {
  /** The client id in force (the policy's when managed); the field starts from it. */
  clientId?: string;
  /** The district policy sets it: shown read-only, no Save. */
  managed: boolean;
  /** The build's default is in force (nothing saved here). */
  fromBuild: boolean;
  /** What the admin registers as the OAuth client's redirect URI; '' when unavailable. */
  redirectUri: string;
  clientIdError?: string;
  saving: boolean;
  checking: boolean;
  saveMessage?: SaveResult;
  check?: GoogleCheckView;
  /** The redirect URI was just copied. */
  copied: boolean;
  onSave(clientId: string): void;
  onCheck(): void;
  onCopy(): void;
}

/**
 * "Google Classroom data": the school's Google OAuth client id, the redirect URI to register for
 * it, what the Workspace admin must do (classroom-evidence.md §2.5), and a live check.
 */
export function GoogleAccessSection(props: GoogleAccessSectionProps) {
  const [clientId, setClientId] = useState(props.fromBuild ? '' : (props.clientId ?? ''));
  const shown = props.managed ? (props.clientId ?? '') : clientId;
  return (
    <section className="card" aria-labelledby="google-heading" data-testid="google-access">
      <h2 id="google-heading" className="card__title">
        {t('googleHeading')}
      </h2>
      <p className="card__intro">{t('googleIntro')}</p>
      <TextField
        id="googleClientId"
        label={t('googleClientIdLabel')}
        value={shown}
        managed={props.managed}
        error={props.clientIdError}
        placeholder="123456789012-abc123.apps.googleusercontent.com"
        hint={
          props.managed
            ? t('googleClientIdManaged')
            : props.fromBuild && clientId === ''
              ? t('googleClientIdBuild')
              : t('googleClientIdHint')
        }
        onChange={setClientId}
      />
      <div className="field">
        <label className="field__label" htmlFor="googleRedirectUri">
          {t('googleRedirectLabel')}
        </label>
        {props.redirectUri ? (
          <div className="actions">
            <input
              id="googleRedirectUri"
              className="field__input"
              type="text"
              readOnly
              value={props.redirectUri}
              spellCheck={false}
            />
            <button type="button" className="button button--text" onClick={props.onCopy}>
              {t('googleCopy')}
            </button>
            <span aria-live="polite">{props.copied ? t('googleCopied') : ''}</span>
          </div>
        ) : (
          <p className="field__hint">{t('googleRedirectUnavailable')}</p>
        )}
      </div>
      <h3 className="card__subtitle">{t('googleChecklistHeading')}</h3>
      <ol className="checklist" data-testid="google-checklist">
        <li>{t('googleChecklistClient')}</li>
        <li>{t('googleChecklistApiAccess')}</li>
        <li>{t('googleChecklistTrusted')}</li>
        <li>{t('googleChecklistAge')}</li>
      </ol>
      <div className="actions">
        {!props.managed && (
          <button
            type="button"
            className="button button--primary"
            aria-busy={props.saving || undefined}
            onClick={() => props.onSave(clientId.trim())}
          >
            {t('googleSave')}
          </button>
        )}
        <button
          type="button"
          className="button"
          aria-busy={props.checking || undefined}
          disabled={!props.clientId}
          onClick={props.onCheck}
        >
          {t('googleCheck')}
        </button>
      </div>
      <SaveMessage result={props.saveMessage} />
      <div aria-live="polite" className="outcome" data-testid="google-check">
        {props.checking && <p>{t('googleChecking')}</p>}
        {!props.checking && props.check && (
          <>
            <p
              role={props.check.ok ? undefined : 'alert'}
              className={props.check.ok ? 'notice' : 'notice notice--error'}
            >
              {props.check.message}
            </p>
            {props.check.grantedScopes.length > 0 && (
              <p className="field__hint">
                {t(
                  'googleCheckScopes',
                  props.check.grantedScopes
                    .map((scope) => scope.replace(/^.*\/auth\//, ''))
                    .join(', '),
                )}
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
