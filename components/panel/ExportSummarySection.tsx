import { useId } from 'react';
import { t } from '@/lib/i18n/t';
import type { ExportSummaryView } from '@/lib/messaging/replies';
import { formatTime } from './format';

export interface ExportSummarySectionProps {
  summary: ExportSummaryView;
  /** courseworkId → title, and student key → name, to say which grade failed. */
  titles: Readonly<Record<string, string>>;
  names: Readonly<Record<string, string>>;
}

/** The outcome of the last export: counts, what failed and why, and what was left unsent. */
export function ExportSummarySection({ summary, titles, names }: ExportSummarySectionProps) {
  const id = useId();
  const failedCount = summary.failedCount ?? summary.failed.length;
  const counts: Array<[string, string, number]> = [
    ['created', t('summaryCreated'), summary.created],
    ['updated', t('summaryUpdated'), summary.updated],
    ['deleted', t('summaryDeleted'), summary.deleted],
    ['unchanged', t('summaryUnchanged'), summary.unchanged],
    ['failed', t('summaryFailed'), failedCount],
  ];
  return (
    <section
      className="panel__section"
      aria-labelledby={`${id}-heading`}
      data-testid="export-summary"
    >
      <h3 id={`${id}-heading`} className="panel__heading">
        {stateText(summary.state)}
      </h3>
      <p className="panel__note">{t('summaryFinishedAt', formatTime(summary.finishedAt))}</p>
      <dl className="panel__summary" data-testid="summary-counts">
        {counts.map(([key, label, value]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd data-testid={`summary-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {summary.stopMessage && <p className="panel__error">{summary.stopMessage}</p>}
      {summary.pending > 0 && (
        <p className="panel__warning">{t('summaryPending', summary.pending)}</p>
      )}
      {summary.failed.length > 0 && (
        <>
          <h4 className="panel__heading">{t('summaryFailures')}</h4>
          <ul className="panel__list" data-testid="summary-failures">
            {summary.failed.map((failure, index) => {
              const title = titles[failure.courseworkId] ?? failure.courseworkId;
              const who = failure.studentKey
                ? (names[failure.studentKey] ?? failure.studentKey)
                : undefined;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: failures have no id and never reorder
                <li key={index}>
                  {who ? `${title} – ${who}: ` : `${title}: `}
                  {failure.message}
                </li>
              );
            })}
          </ul>
          {failedCount > summary.failed.length && (
            <p className="panel__note">
              {t('summaryMoreFailures', failedCount - summary.failed.length)}
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function stateText(state: ExportSummaryView['state']): string {
  switch (state) {
    case 'completed':
      return t('summaryCompleted');
    case 'completed-with-errors':
      return t('summaryCompletedWithErrors');
    case 'stopped':
      return t('summaryStopped');
    case 'cancelled':
      return t('summaryCancelled');
  }
}
