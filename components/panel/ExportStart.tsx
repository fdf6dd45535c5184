import { t } from '@/lib/i18n/t';
import { trusted } from './trusted';

export interface ExportStartProps {
  /** The grades are known (a Grades page was read, or the Classroom API will be): preview. */
  gradebookRead: boolean;
  loading: boolean;
  /** An earlier export of this class did not finish (cancelled, stopped, or cut off). */
  unfinished: boolean;
  error?: string;
  onPreview(): void;
}

/** "Export grades": opens the preview; explains when it cannot yet, or what was left unsent. */
export function ExportStart({
  gradebookRead,
  loading,
  unfinished,
  error,
  onPreview,
}: ExportStartProps) {
  return (
    <div className="panel__section" data-testid="export-start">
      {unfinished && (
        <p className="panel__warning" data-testid="export-unfinished">
          {t('exportUnfinished')}
        </p>
      )}
      {!gradebookRead && <p className="panel__hint">{t('exportOpenGrades')}</p>}
      <button
        type="button"
        className="panel__button panel__button--primary"
        disabled={!gradebookRead || loading}
        aria-busy={loading || undefined}
        onClick={trusted(onPreview)}
      >
        {t('exportGrades')}
      </button>
      <div aria-live="polite">
        {loading && <p className="panel__hint">{t('exportPreparingPreview')}</p>}
        {error && (
          <p role="alert" className="panel__error" data-testid="export-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
