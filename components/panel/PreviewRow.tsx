import { useId } from 'react';
import { t } from '@/lib/i18n/t';
import type { Preview } from '@/lib/messaging/replies';
import { formatTime } from './format';
import { actionText, type CourseworkPreview, gradeCountsText } from './preview-text';
import { trusted } from './trusted';

export interface PreviewRowProps {
  row: CourseworkPreview;
  categories: Preview['categories'];
  /** The teacher's category pick for this coursework, if any. */
  chosenCategory?: string;
  included: boolean;
  lastExported?: string;
  disabled: boolean;
  onInclude(included: boolean): void;
  onCategory(categoryId: string): void;
}

/** Skipped for a reason the teacher cannot change here: no category to choose. */
const FIXED_SKIP = new Set(['ungraded', 'unreadable', 'no-matched-students', 'no-school']);

/** One coursework item of the preview: include it, what will happen, its category, its grades. */
export function PreviewRow(props: PreviewRowProps) {
  const { row, categories, included } = props;
  const hintId = useId();
  const needsCategory = row.reason === 'no-category';
  const category = props.chosenCategory ?? row.categoryId ?? '';
  const showCategory = !FIXED_SKIP.has(row.reason ?? '') && categories.length > 0;
  // A SIS that needs a category but lists none: no picker could help, so say who can.
  const noneToPick = needsCategory && categories.length === 0;
  return (
    <tr className={row.action === 'skip' ? 'panel__row--off' : undefined} data-testid="preview-row">
      <td>
        <input
          type="checkbox"
          checked={included}
          disabled={props.disabled}
          aria-label={t('previewInclude', row.title)}
          onChange={trusted((event) => props.onInclude(event.target.checked))}
        />
      </td>
      <th scope="row">
        {row.title}
        {row.dueDateDefaulted && <span className="panel__flag">{t('previewFlagDueDate')}</span>}
        {row.titleCut && <span className="panel__flag">{t('previewFlagTitleCut')}</span>}
        {row.gradingPeriodTitle && (
          <span className="panel__note">{t('previewGradingPeriod', row.gradingPeriodTitle)}</span>
        )}
        <span className="panel__note" data-testid="preview-last-exported">
          {props.lastExported
            ? t('previewLastExported', formatTime(props.lastExported))
            : t('previewNeverExported')}
        </span>
      </th>
      <td data-testid="preview-action">{actionText(row)}</td>
      <td>
        {showCategory && (
          <select
            className="panel__select"
            value={category}
            disabled={props.disabled || !included}
            aria-label={t('previewCategoryFor', row.title)}
            aria-required={needsCategory || undefined}
            aria-invalid={needsCategory || undefined}
            aria-describedby={needsCategory ? hintId : undefined}
            onChange={trusted((event) => props.onCategory(event.target.value))}
          >
            {category === '' && <option value="">{t('previewChooseCategory')}</option>}
            {categories.map((c) => (
              <option key={c.sourcedId} value={c.sourcedId}>
                {c.title}
              </option>
            ))}
          </select>
        )}
        {needsCategory && (
          <p id={hintId} className="panel__error" data-testid="preview-category-needed">
            {noneToPick ? t('previewNoCategoriesListed') : t('previewCategoryRequired')}
          </p>
        )}
      </td>
      <td data-testid="preview-grades">{gradeCountsText(row.grades)}</td>
    </tr>
  );
}
