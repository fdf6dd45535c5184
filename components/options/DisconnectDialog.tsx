import { useEffect, useRef, useState } from 'react';
import { t } from '@/lib/i18n/t';
import { CheckField } from './CheckField';

export interface DisconnectDialogProps {
  open: boolean;
  busy: boolean;
  onCancel(): void;
  /** `deleteGradeData`: also delete the grades kept in this browser (unticked by default). */
  onConfirm(choice: { deleteGradeData: boolean }): void;
}

/**
 * "Remove" → "Disconnect": says what disconnecting does, in the seed's terms, before it happens.
 * A modal <dialog> keeps focus inside and closes on Escape.
 */
export function DisconnectDialog({ open, busy, onCancel, onConfirm }: DisconnectDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [deleteGradeData, setDeleteGradeData] = useState(false);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setDeleteGradeData(false); // each time a fresh choice
      element.showModal();
    }
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
        <p>{t('disconnectStopsExports')}</p>
        <p>{t('disconnectReconnect')}</p>
        <p>{t('disconnectKept')}</p>
      </div>
      <CheckField
        id="disconnect-delete-grades"
        label={t('disconnectDeleteGrades')}
        checked={deleteGradeData}
        onChange={setDeleteGradeData}
        hint={t('disconnectDeleteGradesHint')}
      />
      <div className="actions actions--end">
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          onClick={() => onConfirm({ deleteGradeData })}
        >
          {t('disconnect')}
        </button>
      </div>
    </dialog>
  );
}
