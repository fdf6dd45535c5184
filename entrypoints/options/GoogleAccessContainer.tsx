/**
 * "Google Classroom data": saves the client id (checked for its shape here first, and again in
 * the background), copies the redirect URI, and runs the live check (the background signs the
 * admin in; the page only ever sees the outcome).
 */
import { useState } from 'react';
import {
  GoogleAccessSection,
  type GoogleCheckView,
} from '@/components/options/GoogleAccessSection';
import type { SaveResult } from '@/components/options/SaveMessage';
import { GoogleClientIdSchema } from '@/lib/google/client-id';
import { t } from '@/lib/i18n/t';
import type { AdminState } from '@/lib/messaging/replies';
import { sendRequest } from '@/lib/messaging/send';

export interface GoogleAccessContainerProps {
  state: AdminState;
  onState(state: AdminState): void;
}

export function GoogleAccessContainer({ state, onState }: GoogleAccessContainerProps) {
  const { google } = state;
  const [saving, setSaving] = useState(false);
  const [checking, setChecking] = useState(false);
  const [clientIdError, setClientIdError] = useState<string>();
  const [saveMessage, setSaveMessage] = useState<SaveResult>();
  const [check, setCheck] = useState<GoogleCheckView>();
  const [copied, setCopied] = useState(false);

  async function onSave(clientId: string) {
    if (saving) return;
    const valid = clientId === '' || GoogleClientIdSchema.safeParse(clientId).success;
    setClientIdError(valid ? undefined : t('googleClientIdInvalid'));
    setSaveMessage(undefined);
    if (!valid) return;
    setSaving(true);
    const reply = await sendRequest('saveGoogleAccess', { clientId });
    setSaving(false);
    if (!reply.ok) {
      setSaveMessage({ kind: 'error', text: reply.error.message });
      return;
    }
    onState(reply.data);
    setCheck(undefined);
    setSaveMessage({ kind: 'saved', text: clientId ? t('googleSaved') : t('googleCleared') });
  }

  async function onCheck() {
    if (checking) return;
    setChecking(true);
    setCheck(undefined);
    const reply = await sendRequest('checkGoogleAccess', {});
    setChecking(false);
    setCheck(
      reply.ok
        ? {
            ok: reply.data.outcome === 'ok',
            message: reply.data.message,
            grantedScopes: reply.data.grantedScopes,
          }
        : { ok: false, message: reply.error.message, grantedScopes: [] },
    );
  }

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(google.redirectUri);
      setCopied(true);
    } catch {
      // The URI stays on screen to copy by hand.
      setCopied(false);
    }
  }

  return (
    <GoogleAccessSection
      // A policy change starts the field afresh from the value in force.
      key={`${google.source ?? 'none'}:${google.managed}:${state.managed.locked}`}
      clientId={google.clientId}
      // A locked policy locks this too (the background refuses the save either way).
      managed={google.managed || state.managed.locked}
      fromBuild={google.source === 'build'}
      redirectUri={google.redirectUri}
      clientIdError={clientIdError}
      saving={saving}
      checking={checking}
      saveMessage={saveMessage}
      check={check}
      copied={copied}
      onSave={(clientId) => void onSave(clientId)}
      onCheck={() => void onCheck()}
      onCopy={() => void onCopy()}
    />
  );
}
