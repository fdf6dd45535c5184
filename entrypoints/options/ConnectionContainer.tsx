/**
 * The connection card's behaviour: check the form, ask for the host permission from the click,
 * let the background authorize, and disconnect after confirmation.
 */
import { useState } from 'react';
import type { Outcome } from '@/components/options/AuthorizeOutcome';
import { ConnectionSection } from '@/components/options/ConnectionSection';
import { t } from '@/lib/i18n/t';
import type { AdminState } from '@/lib/messaging/replies';
import { sendRequest } from '@/lib/messaging/send';
import {
  type ConnectionDraft,
  checkConnectionDraft,
  connectionOrigins,
  draftField,
  fieldForAuthorizeError,
} from '@/lib/sis/connection-draft';
import { keptSecretsOf, toDraft } from '@/lib/sis/connection-form';
import { requestHostAccess } from '@/lib/sis/host-access';
import type { ConnectionFormState } from './use-connection-form';

export interface ConnectionContainerProps {
  state: AdminState;
  form: ConnectionFormState;
  /** A new state after Authorize or Disconnect. */
  onState(state: AdminState): void;
}

export function ConnectionContainer({ state, form, onState }: ConnectionContainerProps) {
  const { values, errors, setErrors } = form;
  const onReset = (next: AdminState) => {
    onState(next);
    form.reset(next);
  };
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [disconnecting, setDisconnecting] = useState(false);

  async function authorize(draft: ConnectionDraft, granted: Promise<boolean>, origins: string[]) {
    if (!(await granted)) {
      setOutcome({ kind: 'error', message: t('errorHostPermissionDenied', origins.join(' ')) });
      return;
    }
    const reply = await sendRequest('authorizeConnection', draft);
    if (!reply.ok) {
      // The background names the field when the code alone does not ('wrong-base').
      const field = draftField(reply.error.field) ?? fieldForAuthorizeError(reply.error.code);
      if (field) setErrors({ [field]: t('fieldCheckThis') });
      setOutcome({ kind: 'error', message: reply.error.message });
      return;
    }
    const { state: next, ...check } = reply.data;
    onReset(next);
    setOutcome({ kind: 'success', ...check });
  }

  function onAuthorize() {
    const draft = toDraft(values);
    if (!draft || busy) return;
    const checked = checkConnectionDraft(draft, {
      secretAvailable: state.secret !== 'none',
      kept: keptSecretsOf(state),
    });
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) {
      setOutcome({ kind: 'invalid' });
      const first = Object.keys(checked.errors)[0];
      if (first) document.getElementById(first)?.focus();
      return;
    }
    const origins = connectionOrigins(checked.fields);
    // Called before anything is awaited: Chrome only asks during the click's user gesture.
    const granted = requestHostAccess(origins).catch(() => false);
    setBusy(true);
    setOutcome({ kind: 'idle' });
    void authorize(draft, granted, origins).finally(() => setBusy(false));
  }

  async function onConfirmDisconnect(choice: { deleteGradeData: boolean }) {
    setDisconnecting(true);
    const reply = await sendRequest('disconnect', choice);
    setDisconnecting(false);
    setConfirming(false);
    if (!reply.ok) {
      setOutcome({ kind: 'error', message: reply.error.message });
      return;
    }
    onReset(reply.data.state);
    const { hostAccessRevoked, gradeDataDeleted } = reply.data;
    setOutcome({ kind: 'disconnected', hostAccessRevoked, gradeDataDeleted });
  }

  return (
    <ConnectionSection
      state={state}
      form={{
        values,
        errors,
        busy,
        onChange: form.change,
        onAuthorize,
      }}
      outcome={outcome}
      confirmingDisconnect={confirming}
      disconnecting={disconnecting}
      onRemove={() => setConfirming(true)}
      onCancelDisconnect={() => setConfirming(false)}
      onConfirmDisconnect={onConfirmDisconnect}
    />
  );
}
