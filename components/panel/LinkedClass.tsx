import { useState } from 'react';
import { t } from '@/lib/i18n/t';
import type { ClassLinkView } from '@/lib/messaging/replies';
import { classTitle } from './format';
import { trusted } from './trusted';

export interface LinkedClassProps {
  link: ClassLinkView;
  unlinking: boolean;
  /** Disabled while an export runs: its writes belong to this link. */
  canUnlink: boolean;
  unlinkError?: string;
  onUnlink(): void;
}

/** What carrying the link over to another OneRoster version found; shown until the next export. */
function CarriedOverNotice({ carried }: { carried: NonNullable<ClassLinkView['carriedOver']> }) {
  return (
    <p className="panel__note" role="status" data-testid="link-carried-over">
      {t(
        'linkCarriedOver',
        carried.to,
        carried.from,
        carried.students.byLegacyId,
        carried.students.byEmail,
        carried.students.lost,
        carried.lineItems,
      )}
    </p>
  );
}

/** "Linked to <SIS class>", with Unlink behind a confirmation that says what stays. */
export function LinkedClass({
  link,
  unlinking,
  canUnlink,
  unlinkError,
  onUnlink,
}: LinkedClassProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="panel__section panel__linked" data-testid="linked-class">
      <p>
        {t('linkedTo')} <strong data-testid="linked-class-title">{classTitle(link)}</strong>
      </p>
      {link.carriedOver && <CarriedOverNotice carried={link.carriedOver} />}
      {!confirming ? (
        <button
          type="button"
          className="panel__button"
          disabled={!canUnlink}
          onClick={trusted(() => setConfirming(true))}
        >
          {t('unlinkButton')}
        </button>
      ) : (
        <div>
          <p>{t('unlinkConfirm')}</p>
          <div className="panel__actions">
            <button
              type="button"
              className="panel__button panel__button--danger"
              disabled={unlinking}
              aria-busy={unlinking || undefined}
              onClick={trusted(onUnlink)}
            >
              {t('unlinkConfirmButton')}
            </button>
            <button
              type="button"
              className="panel__button"
              onClick={trusted(() => setConfirming(false))}
            >
              {t('unlinkKeep')}
            </button>
          </div>
        </div>
      )}
      {unlinkError && (
        <p role="alert" className="panel__error">
          {unlinkError}
        </p>
      )}
    </div>
  );
}
