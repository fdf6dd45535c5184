import { useId } from 'react';
import { t } from '@/lib/i18n/t';
import type { Preview } from '@/lib/messaging/replies';
import type { ExportChoices } from '@/lib/messaging/requests';
import { PreviewRow } from './PreviewRow';
import { PreviewSources } from './PreviewSources';
import { totalsText } from './preview-text';
import { trusted } from './trusted';

export interface ExportPreviewProps {
  preview: Preview;
  choices: ExportChoices;
  /** courseworkId → when it was last exported (ISO). */
  lastExported: Readonly<Record<string, string>>;
  /** A new preview is being computed after a change of choices. */
  updating: boolean;
  error?: string;
  onChoices(choices: ExportChoices): void;
  onExport(): void;
  onClose(): void;
}

/**
 * "Preview, then export": what the export would do to each coursework item, with the teacher's
 * choices (untick, category) and the totals; nothing is sent until Export. Each change of choices
 * asks for a new preview, so the table always shows exactly what Export would send.
 */
export function ExportPreview(props: ExportPreviewProps) {
  const { preview, choices, updating } = props;
  const id = useId();
  const include = (courseworkId: string, included: boolean) => {
    const others = choices.excludedCoursework.filter((cw) => cw !== courseworkId);
    props.onChoices({
      ...choices,
      excludedCoursework: included ? others : [...others, courseworkId],
    });
  };
  const pickCategory = (courseworkId: string, categoryId: string) => {
    props.onChoices({
      ...choices,
      categories: { ...choices.categories, [courseworkId]: categoryId },
    });
  };
  return (
    <section
      className="panel__section"
      aria-labelledby={`${id}-heading`}
      data-testid="export-preview"
    >
      <h3 id={`${id}-heading`} className="panel__heading">
        {t('previewHeading')}
      </h3>
      <div className="panel__table-wrap">
        <table className="panel__table" aria-busy={updating || undefined}>
          <caption className="visually-hidden">{t('previewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('previewColExport')}</th>
              <th scope="col">{t('previewColCoursework')}</th>
              <th scope="col">{t('previewColAction')}</th>
              <th scope="col">{t('previewColCategory')}</th>
              <th scope="col">{t('previewColGrades')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.coursework.map((row) => (
              <PreviewRow
                key={row.courseworkId}
                row={row}
                categories={preview.categories}
                chosenCategory={choices.categories[row.courseworkId]}
                included={!choices.excludedCoursework.includes(row.courseworkId)}
                lastExported={props.lastExported[row.courseworkId]}
                disabled={updating}
                onInclude={(included) => include(row.courseworkId, included)}
                onCategory={(categoryId) => pickCategory(row.courseworkId, categoryId)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <p data-testid="preview-totals">{totalsText(preview.totals)}</p>
      {preview.sources && <PreviewSources sources={preview.sources} />}
      <div aria-live="polite">
        {updating && <p className="panel__hint">{t('previewUpdating')}</p>}
        {!updating && preview.operations === 0 && (
          <p className="panel__hint">{t('previewNothingToSend')}</p>
        )}
        {props.error && (
          <p role="alert" className="panel__error" data-testid="preview-error">
            {props.error}
          </p>
        )}
      </div>
      <div className="panel__actions">
        <button
          type="button"
          className="panel__button panel__button--primary"
          disabled={updating}
          onClick={trusted(props.onExport)}
        >
          {t('previewExport')}
        </button>
        <button type="button" className="panel__button" onClick={trusted(props.onClose)}>
          {t('previewClose')}
        </button>
      </div>
    </section>
  );
}
