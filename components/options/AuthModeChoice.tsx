import { t } from '@/lib/i18n/t';
import type { AuthMode, PartnerProfile } from '@/lib/sis/partners';

export interface AuthModeChoiceProps {
  profile: PartnerProfile;
  value: AuthMode;
  managed: boolean;
  onChange(mode: AuthMode): void;
}

const label = (mode: AuthMode) => (mode === 'oauth2' ? t('authModeOAuth2') : t('authModeOAuth1'));

/** OAuth 2 or OAuth 1.0a, for SISs that accept both; a plain line for those with one. */
export function AuthModeChoice({ profile, value, managed, onChange }: AuthModeChoiceProps) {
  if (profile.authModes.length === 1) {
    return (
      <p className="field__hint" data-testid="auth-mode">
        {t('authModeOnly', label(profile.authModes[0]))}
      </p>
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
      {managed && <p className="field__managed">{t('fieldManagedHint')}</p>}
    </fieldset>
  );
}
