import { t } from '@/lib/i18n/t';
import type { OneRosterVersion } from '@/lib/oneroster/version';
import type { AuthMode, PartnerProfile } from '@/lib/sis/partners';

export interface AuthModeChoiceProps {
  profile: PartnerProfile;
  value: AuthMode;
  /** 1.2 signs in with OAuth 2 only: OAuth 1.0a is not offered. */
  version: OneRosterVersion;
  /** Beside the choice (a policy's OAuth 1.0a with 1.2). */
  error?: string;
  managed: boolean;
  onChange(mode: AuthMode): void;
}

const label = (mode: AuthMode) => (mode === 'oauth2' ? t('authModeOAuth2') : t('authModeOAuth1'));

/** OAuth 2 or OAuth 1.0a, for SISs that accept both; a plain line for those with one. */
export function AuthModeChoice(props: AuthModeChoiceProps) {
  const { profile, value, managed, onChange } = props;
  const error = props.error && (
    <p id="authMode-error" className="field__error">
      {props.error}
    </p>
  );
  if (props.version === '1.2' || profile.authModes.length === 1) {
    return (
      <div className={`field${props.error ? ' field--invalid' : ''}`}>
        <p className="field__hint" data-testid="auth-mode">
          {props.version === '1.2'
            ? t('authModeOnlyVersion')
            : t('authModeOnly', label(profile.authModes[0]))}
        </p>
        {error}
      </div>
    );
  }
  return (
    <fieldset className="field choice">
      <legend className="field__label">{t('fieldAuthMode')}</legend>
      {profile.authModes.map((mode) => (
        <label key={mode} className="choice__option">
          <input
            type="radio"
            name="authMode"
            value={mode}
            checked={value === mode}
            disabled={managed}
            onChange={() => onChange(mode)}
          />
          {label(mode)}
        </label>
      ))}
      {error}
      {managed && <p className="field__managed">{t('fieldManagedHint')}</p>}
    </fieldset>
  );
}
