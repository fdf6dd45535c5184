/**
 * "Download policy": built from what the page shows (the connection form as Authorize would
 * send it, the permission and export rules in force). The secret code goes in only when the admin
 * ticks the box AND has typed it on this page: the background never hands a saved secret back.
 */
import { useState } from 'react';
import { PolicySection } from '@/components/options/PolicySection';
import type { SaveResult } from '@/components/options/SaveMessage';
import { t } from '@/lib/i18n/t';
import type { AdminState } from '@/lib/messaging/replies';
import { buildPolicy, toAdminConsoleJson } from '@/lib/settings/managed-policy';
import { checkConnectionDraft, type DraftErrors } from '@/lib/sis/connection-draft';
import { type ConnectionFormValues, toDraft } from '@/lib/sis/connection-form';
import { downloadJson } from './download-json';

export const POLICY_FILE_NAME = 'sis-grade-export-policy.json';

export interface PolicyContainerProps {
  state: AdminState;
  values: ConnectionFormValues;
  /** Shows the connection form's problems beside its fields. */
  onFormErrors(errors: DraftErrors): void;
}

export function PolicyContainer({ state, values, onFormErrors }: PolicyContainerProps) {
  const [includeSecret, setIncludeSecret] = useState(false);
  const [lockSettings, setLockSettings] = useState(state.managed.locked);
  const [secretError, setSecretError] = useState<string>();
  const [message, setMessage] = useState<SaveResult>();

  function onDownload() {
    setMessage(undefined);
    const draft = toDraft(values);
    const checked = draft && checkConnectionDraft(draft, { secretAvailable: true });
    if (!checked?.ok) {
      if (checked) onFormErrors(checked.errors);
      setMessage({ kind: 'error', text: t('policyNeedsConnection') });
      return;
    }
    const missingSecret = includeSecret && !checked.secret;
    setSecretError(missingSecret ? t('policyNeedsSecret') : undefined);
    if (missingSecret) return;
    const policy = buildPolicy({
      connection: checked.fields,
      secrets: includeSecret
        ? { secret: checked.secret, vendorAuthorization: checked.vendorAuthorization || undefined }
        : undefined,
      exportEnabled: state.exportEnabled,
      allowTeacherOverride: state.allowTeacherOverride,
      exportDefaults: state.exportDefaults,
      // The client id in force, unless it is only the build's default (every browser has that).
      googleClientId: state.google.source === 'build' ? undefined : state.google.clientId,
      lockSettings,
    });
    downloadJson(POLICY_FILE_NAME, toAdminConsoleJson(policy));
    setMessage({ kind: 'saved', text: t('policyDownloaded', POLICY_FILE_NAME) });
  }

  return (
    <PolicySection
      includeSecret={includeSecret}
      lockSettings={lockSettings}
      secretError={secretError}
      message={message}
      onIncludeSecret={(include) => {
        setIncludeSecret(include);
        if (!include) setSecretError(undefined);
      }}
      onLockSettings={setLockSettings}
      onDownload={onDownload}
    />
  );
}
