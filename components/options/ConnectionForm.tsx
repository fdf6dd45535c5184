import { t } from '@/lib/i18n/t';
import type { DraftErrors } from '@/lib/sis/connection-draft';
import type { ConnectionFormValues } from '@/lib/sis/connection-form';
import { partnerHelp } from '@/lib/sis/partner-help';
import { partnerProfile } from '@/lib/sis/partners';
import type { ManagedField, SecretState } from '@/lib/sis/settings-shapes';
import { AuthModeChoice } from './AuthModeChoice';
import { CredentialFields } from './CredentialFields';
import { CredentialGuide } from './CredentialGuide';
import { PartnerPicker } from './PartnerPicker';
import { TextField } from './TextField';
import { AdvancedFields, VersionFields } from './VersionFields';

export interface ConnectionFormProps {
  values: ConnectionFormValues;
  errors: DraftErrors;
  secretState: SecretState;
  vendorState: SecretState;
  managedFields: readonly ManagedField[];
  /** Why a kept secret must be typed again (the fields it is bound to changed), per field. */
  retype?: { secret?: string; vendorAuthorization?: string };
  busy: boolean;
  onChange(patch: Partial<ConnectionFormValues>): void;
  onAuthorize(): void;
}

/** Select your SIS, its addresses and credentials, and Authorize. */
export function ConnectionForm(props: ConnectionFormProps) {
  const { values, errors, managedFields, busy, onChange } = props;
  const managed = (field: ManagedField) => managedFields.includes(field);
  const profile = values.partner ? partnerProfile(values.partner) : undefined;
  return (
    <form
      className="connection-form"
      noValidate
      aria-label={t('connectionFormLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        props.onAuthorize();
      }}
    >
      <PartnerPicker
        value={values.partner}
        managed={managed('partner')}
        onChange={(partner) => onChange({ partner })}
      />
      {profile && (
        <>
          <CredentialGuide profile={profile} />
          {profile.composesHostUrl && !managed('hostUrl') && (
            <TextField
              id="applicationUrl"
              label={t('fieldApplicationUrl')}
              type="url"
              value={values.applicationUrl}
              hint={t('fieldApplicationUrlHint')}
              placeholder="https://"
              onChange={(applicationUrl) => onChange({ applicationUrl })}
            />
          )}
          <TextField
            id="hostUrl"
            label={t('fieldHostUrl')}
            type="url"
            value={values.hostUrl}
            hint={partnerHelp(profile.id).hostUrlHelp()}
            error={errors.hostUrl}
            managed={managed('hostUrl')}
            placeholder="https://"
            onChange={(hostUrl) => onChange({ hostUrl })}
          />
          <VersionFields
            profile={profile}
            values={values}
            errors={errors}
            managedFields={managedFields}
            onChange={onChange}
          />
          <AuthModeChoice
            profile={profile}
            value={values.authMode}
            version={values.version}
            error={errors.authMode}
            managed={managed('authMode')}
            onChange={(authMode) => onChange({ authMode })}
          />
          <CredentialFields {...props} profile={profile} />
          <AdvancedFields values={values} managedFields={managedFields} onChange={onChange} />
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('authorizing') : t('authorize')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
