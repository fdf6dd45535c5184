import { t } from '@/lib/i18n/t';
import { partnerHelp } from '@/lib/sis/partner-help';
import { PARTNER_IDS, type PartnerId, partnerProfile } from '@/lib/sis/partners';

export interface PartnerPickerProps {
  value: PartnerId | '';
  managed: boolean;
  onChange(partner: PartnerId): void;
}

/** "Select your SIS", with the SIS's availability from Google's partner-status table. */
export function PartnerPicker({ value, managed, onChange }: PartnerPickerProps) {
  const profile = value ? partnerProfile(value) : undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor="partner">
        {t('selectSisLabel')}
      </label>
      <select
        id="partner"
        className="field__input field__select"
        value={value}
        disabled={managed}
        aria-describedby={profile ? 'partner-status' : undefined}
        onChange={(event) => onChange(event.target.value as PartnerId)}
      >
        {value === '' && <option value="">{t('selectSisPlaceholder')}</option>}
        {PARTNER_IDS.map((id) => (
          <option key={id} value={id}>
            {partnerProfile(id).name()}
          </option>
        ))}
      </select>
      {managed && <p className="field__managed">{t('fieldManagedHint')}</p>}
      {profile && (
        <p id="partner-status" className="partner-status" data-testid="partner-status">
          {partnerHelp(profile.id).status()}
        </p>
      )}
    </div>
  );
}
