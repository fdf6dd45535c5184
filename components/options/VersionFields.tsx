import { t } from '@/lib/i18n/t';
import type { OneRosterVersion, ScoreDateFormat } from '@/lib/oneroster/version';
import type { DraftErrors } from '@/lib/sis/connection-draft';
import { type ConnectionFormValues, formServiceBases } from '@/lib/sis/connection-form';
import { partnerHelp } from '@/lib/sis/partner-help';
import type { PartnerProfile } from '@/lib/sis/partners';
import type { ManagedField } from '@/lib/sis/settings-shapes';
import { TextField } from './TextField';

export interface VersionFieldsProps {
  profile: PartnerProfile;
  values: ConnectionFormValues;
  errors: DraftErrors;
  managedFields: readonly ManagedField[];
  onChange(patch: Partial<ConnectionFormValues>): void;
}

/**
 * "OneRoster version" (only the versions the SIS offers), and for 1.2 the two service bases the
 * Host URL leads to with the optional gradebook override.
 */
export function VersionFields({
  profile,
  values,
  errors,
  managedFields,
  onChange,
}: VersionFieldsProps) {
  const managed = (field: ManagedField) => managedFields.includes(field);
  const bases = formServiceBases(values);
  const hints = [
    values.versionSuggested ? t('versionSuggested') : undefined,
    partnerHelp(profile.id).versionHelp(),
  ].filter((hint): hint is string => hint !== undefined);
  return (
    <>
      <div className={`field${errors.version ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor="version">
          {t('fieldOneRosterVersion')}
        </label>
        <select
          id="version"
          className="field__input field__select"
          value={values.version}
          disabled={managed('oneRosterVersion')}
          aria-invalid={errors.version ? true : undefined}
          aria-describedby={errors.version ? 'version-error version-hint' : 'version-hint'}
          onChange={(event) => onChange({ version: event.target.value as OneRosterVersion })}
        >
          {profile.versions.map((version) => (
            <option key={version} value={version}>
              {version}
            </option>
          ))}
        </select>
        {errors.version && (
          <p id="version-error" className="field__error">
            {errors.version}
          </p>
        )}
        {managed('oneRosterVersion') && <p className="field__managed">{t('fieldManagedHint')}</p>}
        <p id="version-hint" className="field__hint" data-testid="version-hint">
          {hints.join(' ')}
        </p>
      </div>
      {values.version === '1.2' && (
        <>
          {bases && (
            <div className="field" data-testid="service-bases">
              <p className="field__label">{t('serviceBasesHeading')}</p>
              <p className="field__hint">{t('serviceBaseRostering', bases.rostering)}</p>
              <p className="field__hint">{t('serviceBaseGradebook', bases.gradebook)}</p>
            </div>
          )}
          <TextField
            id="gradebookUrl"
            label={t('fieldGradebookUrl')}
            type="url"
            value={values.gradebookUrl}
            hint={t('fieldGradebookUrlHint')}
            error={errors.gradebookUrl}
            managed={managed('gradebookUrl')}
            placeholder="https://"
            onChange={(gradebookUrl) => onChange({ gradebookUrl })}
          />
        </>
      )}
    </>
  );
}

export interface AdvancedFieldsProps {
  values: ConnectionFormValues;
  managedFields: readonly ManagedField[];
  onChange(patch: Partial<ConnectionFormValues>): void;
}

/** Settings few SISs need: 1.2's scoreDate format (the spec's date unless the SIS wants more). */
export function AdvancedFields({ values, managedFields, onChange }: AdvancedFieldsProps) {
  if (values.version !== '1.2') return null;
  return (
    <details className="guide" data-testid="advanced">
      <summary>{t('advancedSettings')}</summary>
      <div className="field">
        <label className="field__label" htmlFor="scoreDateFormat">
          {t('fieldScoreDateFormat')}
        </label>
        <select
          id="scoreDateFormat"
          className="field__input field__select"
          value={values.scoreDateFormat}
          disabled={managedFields.includes('scoreDateFormat')}
          onChange={(event) => onChange({ scoreDateFormat: event.target.value as ScoreDateFormat })}
        >
          <option value="date">{t('scoreDateFormatDate')}</option>
          <option value="date-time">{t('scoreDateFormatDateTime')}</option>
        </select>
      </div>
    </details>
  );
}
