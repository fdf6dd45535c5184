import { useEffect, useRef } from 'react';
import { t } from '@/lib/i18n/t';

export interface DisconnectDialogProps {
  open: boolean;
  busy: boolean;
  onCancel(): void;
  onConfirm(): void;
}

/**
 * "Remove" → "Disconnect": says what disconnecting does, in the seed's terms, before it happens.
 * A modal <dialog> keeps focus inside and closes on Escape.
 */
export function DisconnectDialog({ open, busy, onCancel, onConfirm }: DisconnectDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="disconnect-title"
      aria-describedby="disconnect-consequences"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="disconnect-title">{t('disconnectTitle')}</h2>
      <div id="disconnect-consequences">
        <p>{t('disconnectConsequences')}</p>
        <p>{t('disconnectSecrets')}</p>
        <p>{t('disconnectReconnect')}</p>
      </div>
      <div className="actions actions--end">
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={onConfirm}>
          {t('disconnect')}
        </button>
      </div>
    </dialog>
  );
}
