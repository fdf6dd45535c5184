/** Sends one of the options page's save messages and keeps its busy flag and announced result. */
import { useState } from 'react';
import type { SaveResult } from '@/components/options/SaveMessage';
import { t } from '@/lib/i18n/t';
import type { AdminState } from '@/lib/messaging/replies';
import type { RequestOf } from '@/lib/messaging/requests';
import { sendRequest } from '@/lib/messaging/send';

type SaveMessageType = 'saveTeacherPermission' | 'saveExportDefaults';

export function useSave<K extends SaveMessageType>(type: K, onState: (state: AdminState) => void) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SaveResult>();
  async function save(data: RequestOf<K>) {
    // The button stays enabled while saving (disabling it would drop the keyboard focus).
    if (busy) return;
    setBusy(true);
    setResult(undefined);
    const reply = await sendRequest(type, data);
    setBusy(false);
    if (!reply.ok) {
      setResult({ kind: 'error', text: reply.error.message });
      return;
    }
    onState(reply.data);
    setResult({ kind: 'saved', text: t('saved') });
  }
  return { busy, result, save, setResult };
}
