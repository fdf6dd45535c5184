import { t } from '@/lib/i18n/t';
import type { ExportSummaryView } from '@/lib/messaging/replies';
import { stateText } from './ExportSummarySection';
import { formatTime } from './format';

export interface ExportHistoryProps {
  /** Newest first (the background keeps the last 20). */
  history: ExportSummaryView[];
}

/** Earlier exports of this class, collapsed by default; kept across Unlink. */
export function ExportHistory({ history }: ExportHistoryProps) {
  if (history.length === 0) return null;
  return (
    <details data-testid="export-history">
      <summary>{t('historyHeading', history.length)}</summary>
      <ol className="panel__list">
        {history.map((entry) => (
          <li key={entry.exportId}>
            <span>{formatTime(entry.finishedAt)}</span> – {stateText(entry.state)}:{' '}
            {t(
              'historyCounts',
              entry.created,
              entry.updated,
              entry.deleted,
              entry.unchanged,
              entry.failedCount ?? entry.failed.length,
            )}
            {entry.override && (
              <span className="panel__hint" data-testid="history-override">
                {' '}
                {t(
                  'historyOverride',
                  entry.override.account || t('historyAccountUnknown'),
                  entry.override.sisTeacher,
                )}
              </span>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
