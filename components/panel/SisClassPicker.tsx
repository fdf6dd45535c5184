import { useId, useState } from 'react';
import { t } from '@/lib/i18n/t';
import type { SisClassOption } from '@/lib/messaging/replies';
import { matchesClassQuery } from './format';
import { trusted } from './trusted';

export interface SisClassPickerProps {
  teacherName: string;
  classes: SisClassOption[];
  linking: boolean;
  onLink(sisClassId: string): void;
}

/**
 * The teacher's active SIS classes as radio buttons (keyboard: arrows move, Space picks), with a
 * search box that narrows them by title, class code or term as the teacher types.
 */
export function SisClassPicker({ teacherName, classes, linking, onLink }: SisClassPickerProps) {
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<string | undefined>(
    classes.length === 1 ? classes[0]?.sourcedId : undefined,
  );
  const id = useId();
  const shown = classes.filter((sisClass) => matchesClassQuery(sisClass, query));
  return (
    <div data-testid="class-picker">
      <p>{t('linkClassesOf', teacherName, classes.length)}</p>
      <div className="panel__field">
        <label className="panel__label" htmlFor={`${id}-filter`}>
          {t('linkFilterLabel')}
        </label>
        <input
          id={`${id}-filter`}
          className="panel__input"
          type="search"
          value={query}
          placeholder={t('linkFilterPlaceholder')}
          onChange={trusted((event) => setQuery(event.target.value))}
        />
      </div>
      <p className="panel__hint" aria-live="polite" data-testid="class-filter-count">
        {query.trim() !== '' &&
          (shown.length > 0
            ? t('linkFilterCount', shown.length, classes.length)
            : t('linkFilterNone', query.trim()))}
      </p>
      <fieldset className="panel__fieldset">
        <legend className="visually-hidden">{t('linkClassesLegend')}</legend>
        <ul className="panel__choices">
          {shown.map((sisClass) => (
            <li key={sisClass.sourcedId}>
              <label>
                <input
                  type="radio"
                  name={`${id}-class`}
                  value={sisClass.sourcedId}
                  checked={picked === sisClass.sourcedId}
                  onChange={trusted(() => setPicked(sisClass.sourcedId))}
                />
                <span>{sisClass.title}</span>
                <span className="panel__note">
                  {[sisClass.classCode, sisClass.termTitles.join(', ')].filter(Boolean).join(' · ')}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button
        type="button"
        className="panel__button panel__button--primary"
        disabled={linking || !picked || !shown.some((c) => c.sourcedId === picked)}
        aria-busy={linking || undefined}
        onClick={trusted(() => picked && onLink(picked))}
      >
        {linking ? t('linkLinking') : t('linkButton')}
      </button>
    </div>
  );
}
