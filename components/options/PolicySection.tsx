import { t } from '@/lib/i18n/t';
import { SaveMessage, type SaveResult } from './SaveMessage';

export interface PolicySectionProps {
  includeSecret: boolean;
  lockSettings: boolean;
  /** Beside "Include the secret code" when it cannot be honoured. */
  secretError?: string;
  message?: SaveResult;
  onIncludeSecret(include: boolean): void;
  onLockSettings(lock: boolean): void;
  onDownload(): void;
}

/**
 * District deployment: the settings on this page as a policy for the Google Admin console, which
 * pushes them to every teacher's browser. The secret code is left out unless the admin asks.
 */
export function PolicySection(props: PolicySectionProps) {
  return (
    <section className="card" aria-labelledby="policy-heading" data-testid="policy">
      <h2 id="policy-heading" className="card__title">
        {t('policyHeading')}
      </h2>
      <p className="card__intro">{t('policyIntro')}</p>
      <div className={`check${props.secretError ? ' field--invalid' : ''}`}>
        <input
          id="includeSecret"
          type="checkbox"
          checked={props.includeSecret}
          aria-invalid={props.secretError ? true : undefined}
          aria-describedby={`${props.secretError ? 'includeSecret-error ' : ''}includeSecret-hint`}
          onChange={(event) => props.onIncludeSecret(event.target.checked)}
        />
        <label htmlFor="includeSecret">{t('includeSecretLabel')}</label>
      </div>
      {props.secretError && (
        <p id="includeSecret-error" className="field__error check__hint">
          {props.secretError}
        </p>
      )}
      <p id="includeSecret-hint" className="field__hint check__hint">
        {t('includeSecretHint')}
      </p>
      <div className="check">
        <input
          id="lockSettings"
          type="checkbox"
          checked={props.lockSettings}
          aria-describedby="lockSettings-hint"
          onChange={(event) => props.onLockSettings(event.target.checked)}
        />
        <label htmlFor="lockSettings">{t('lockSettingsLabel')}</label>
      </div>
      <p id="lockSettings-hint" className="field__hint check__hint">
        {t('lockSettingsHint')}
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={props.onDownload}>
          {t('downloadPolicy')}
        </button>
      </div>
      <SaveMessage result={props.message} />
    </section>
  );
}
