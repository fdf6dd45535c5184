import { t } from '@/lib/i18n/t';
import type { PreviewSources as Sources } from '@/lib/messaging/replies';
import { sourceText } from './preview-text';

/**
 * What the preview rests on and what it could not see: the data source, work the Classroom API
 * alone cannot confirm (Excused, manual marks: open the Grades tab), grades kept rather than
 * deleted for that reason, unrendered rows, and cells where the page and the API disagree.
 */
export function PreviewSources({ sources }: { sources: Sources }) {
  const apiOnly = sources.api && !sources.page;
  return (
    <div data-testid="preview-sources">
      <p className="panel__hint" data-testid="preview-source">
        {sourceText(sources)}
      </p>
      {apiOnly && (
        <p className="panel__hint" data-testid="preview-unconfirmed-notice">
          {t('previewNoticeUnconfirmed')}
        </p>
      )}
      {sources.unconfirmed.length > 0 && (
        <div data-testid="preview-unconfirmed">
          <p className="panel__hint">{t('previewUnconfirmedHeading')}</p>
          <ul>
            {sources.unconfirmed.map((cell) => (
              <li key={`${cell.courseworkId}\u0000${cell.studentKey}`}>
                {t('previewCell', cell.courseworkTitle, cell.studentName)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {sources.rendered && (
        <p className="panel__hint" data-testid="preview-rendered">
          {t('previewRendered', sources.rendered.students, sources.rendered.of)}
        </p>
      )}
      {sources.disagreements.length > 0 && (
        <div data-testid="preview-disagreements">
          <p className="panel__hint">{t('previewDisagreementsHeading')}</p>
          <ul>
            {sources.disagreements.map((cell) => (
              <li key={`${cell.courseworkId}\u0000${cell.studentKey}`}>
                {t(
                  'previewDisagreement',
                  cell.courseworkTitle,
                  cell.studentName,
                  cell.page,
                  cell.api,
                )}
              </li>
            ))}
          </ul>
          <p className="panel__hint">{t('previewDisagreementsDiagnostics')}</p>
        </div>
      )}
    </div>
  );
}
