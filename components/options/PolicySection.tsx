import { t } from '@/lib/i18n/t';
import { CheckField } from './CheckField';
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
      <CheckField
        id="includeSecret"
        label={t('includeSecretLabel')}
        checked={props.includeSecret}
        error={props.secretError}
        hint={t('includeSecretHint')}
        onChange={props.onIncludeSecret}
      />
      <CheckField
        id="lockSettings"
        label={t('lockSettingsLabel')}
        checked={props.lockSettings}
        hint={t('lockSettingsHint')}
        onChange={props.onLockSettings}
      />
      <div className="actions">
        <button type="button" className="button" onClick={props.onDownload}>
          {t('downloadPolicy')}
        </button>
      </div>
      <SaveMessage result={props.message} />
    </section>
  );
}
