import { t } from '@/lib/i18n/t';
import { formatTime } from './format';

export interface CourseworkStatusProps {
  /** The class's coursework in page order. */
  coursework: ReadonlyArray<{ id: string; title: string }>;
  /** courseworkId → when all its writes last succeeded (ISO). */
  lastExported: Readonly<Record<string, string>>;
}

/** Per coursework: when it was last exported in full, or that it never was. Collapsible. */
export function CourseworkStatus({ coursework, lastExported }: CourseworkStatusProps) {
  if (coursework.length === 0) return null;
  const exported = coursework.filter((item) => lastExported[item.id]).length;
  return (
    <details className="panel__status-list" data-testid="coursework-status" open>
      <summary>{t('statusHeading', exported, coursework.length)}</summary>
      <ul className="panel__list">
        {coursework.map((item) => {
          const at = lastExported[item.id];
          return (
            <li key={item.id}>
              {item.title}:{' '}
              <span className="panel__note" style={{ display: 'inline' }}>
                {at ? t('previewLastExported', formatTime(at)) : t('previewNeverExported')}
              </span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
