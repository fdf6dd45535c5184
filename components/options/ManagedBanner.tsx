import { t } from '@/lib/i18n/t';

/** Shown whenever a district policy sets values: they win, and their fields are read-only. */
export function ManagedBanner({ locked }: { locked: boolean }) {
  return (
    <div className="managed" role="note" data-testid="managed-banner">
      <svg className="managed__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 7V3H2v18h20V7H12zM6 19H4v-2h2v2zm0-4H4v-2h2v2zm0-4H4V9h2v2zm0-4H4V5h2v2zm4 12H8v-2h2v2zm0-4H8v-2h2v2zm0-4H8V9h2v2zm0-4H8V5h2v2zm10 12h-8v-2h2v-2h-2v-2h2v-2h-2V9h8v10zm-2-8h-2v2h2v-2zm0 4h-2v2h2v-2z" />
      </svg>
      <div>
        <p className="managed__title">{t('managedBanner')}</p>
        <p className="managed__detail">{locked ? t('managedLockedDetail') : t('managedDetail')}</p>
      </div>
    </div>
  );
}
