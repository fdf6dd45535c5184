import { t } from '@/lib/i18n/t';
import { SaveMessage, type SaveResult } from './SaveMessage';

/** A section's Save button (left out when the policy locks the section) and its outcome. */
export function SaveBar(props: {
  hidden: boolean;
  busy: boolean;
  message?: SaveResult;
  onSave: () => void;
}) {
  return (
    <>
      {!props.hidden && (
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            aria-busy={props.busy || undefined}
            onClick={props.onSave}
          >
            {t('save')}
          </button>
        </div>
      )}
      <SaveMessage result={props.message} />
    </>
  );
}
