import { t } from '@/lib/i18n/t';
import type { ExportSummaryView } from '@/lib/messaging/replies';
import { stateText } from './ExportSummarySection';

/**
 * Says that an export ended, for screen readers. It stays mounted while the view below it
 * changes: a live region only announces changes to a region that was already there.
 */
export function ExportAnnouncement({ summary }: { summary?: ExportSummaryView }) {
  return (
    <p className="visually-hidden" role="status" data-testid="export-announcement">
      {summary &&
        `${stateText(summary.state)}: ${t(
          'historyCounts',
          summary.created,
          summary.updated,
          summary.deleted,
          summary.unchanged,
          summary.failedCount ?? summary.failed.length,
        )}`}
    </p>
  );
}
