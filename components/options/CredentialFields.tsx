import { t } from '@/lib/i18n/t';
import type { DraftErrors } from '@/lib/sis/connection-draft';
import type { ConnectionFormValues } from '@/lib/sis/connection-form';
import { partnerHelp } from '@/lib/sis/partner-help';
import type { PartnerProfile } from '@/lib/sis/partners';
import type { ManagedField, SecretState, SignatureMethod } from '@/lib/sis/settings-shapes';
import { SecretField } from './SecretField';
import { TextField } from './TextField';

export interface CredentialFieldsProps {
  profile: PartnerProfile;
  values: ConnectionFormValues;
  errors: DraftErrors;
  secretState: SecretState;
  vendorState: SecretState;
  managedFields: readonly ManagedField[];
  retype?: { secret?: string; vendorAuthorization?: string };
  onChange(patch: Partial<ConnectionFormValues>): void;
}

/** Access key, secret code and what the sign-in method adds (token URL or signature method). */
export function CredentialFields(props: CredentialFieldsProps) {
  const { profile, values, errors, managedFields, onChange } = props;
  const managed = (field: ManagedField) => managedFields.includes(field);
  const oauth2 = values.authMode === 'oauth2';
  return (
    <>
      {oauth2 && (
        <TextField
          id="tokenUrl"
          label={t('fieldTokenUrl')}
          type="url"
          value={values.tokenUrl}
          hint={partnerHelp(profile.id).tokenUrlHelp()}
          error={errors.tokenUrl}
          managed={managed('tokenUrl')}
          placeholder="https://"
          onChange={(tokenUrl) => onChange({ tokenUrl })}
        />
      )}
      <TextField
        id="accessKey"
        label={t('fieldAccessKey')}
        value={values.accessKey}
        hint={oauth2 ? t('accessKeyHintOAuth2') : t('accessKeyHintOAuth1')}
        error={errors.accessKey}
        managed={managed('accessKey')}
        onChange={(accessKey) => onChange({ accessKey })}
      />
      <SecretField
        id="secret"
        label={t('fieldSecret')}
        value={values.secret}
        state={props.secretState}
        retype={props.retype?.secret}
        error={errors.secret}
        onChange={(secret) => onChange({ secret })}
      />
      {profile.vendorAuthorizationHeader && (
        <SecretField
          id="vendorAuthorization"
          label={t('fieldVendorAuthorization')}
          value={values.vendorAuthorization}
          state={props.vendorState}
          retype={props.retype?.vendorAuthorization}
          hint={t('fieldVendorAuthorizationHint')}
          error={errors.vendorAuthorization}
          onChange={(vendorAuthorization) => onChange({ vendorAuthorization })}
        />
      )}
      {!oauth2 && (
        <div className="field">
          <label className="field__label" htmlFor="signatureMethod">
            {t('fieldSignatureMethod')}
          </label>
          <select
            id="signatureMethod"
            className="field__input field__select"
            value={values.signatureMethod}
            disabled={managed('signatureMethod')}
            onChange={(event) =>
              onChange({ signatureMethod: event.target.value as SignatureMethod })
            }
          >
            <option value="HMAC-SHA256">HMAC-SHA256</option>
            <option value="HMAC-SHA1">HMAC-SHA1</option>
          </select>
        </div>
      )}
    </>
  );
}
