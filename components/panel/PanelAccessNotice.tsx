import { t } from '@/lib/i18n/t';

/** Whether the background answered, and whether teachers may link and export. */
export type PanelStatus =
  | { state: 'loading' }
  | { state: 'ready'; connected: boolean; exportAllowed: boolean }
  /** `message` says what went wrong and what to do (the container words it). */
  | { state: 'error'; message: string };

export interface PanelAccessNoticeProps {
  status: PanelStatus;
  onRetry?: () => void;
}

/**
 * Why the teacher cannot work yet, and whom to ask: teachers cannot connect an SIS or turn export
 * on themselves, so each message names the Classroom administrator. Nothing when they can.
 */
export function PanelAccessNotice({ status, onRetry }: PanelAccessNoticeProps) {
  switch (status.state) {
    case 'loading':
      return (
        <p role="status" data-testid="panel-checking">
          {t('panelChecking')}
        </p>
      );
    case 'error':
      return (
        <div data-testid="panel-state-error">
          <p role="alert" className="panel__error">
            {status.message}
          </p>
          {onRetry && (
            <button type="button" className="panel__button" onClick={onRetry}>
              {t('panelRetry')}
            </button>
          )}
        </div>
      );
    case 'ready':
      if (!status.connected) return <p data-testid="panel-status">{t('panelNotConnected')}</p>;
      if (!status.exportAllowed) {
        return <p data-testid="panel-status">{t('panelExportDisabled')}</p>;
      }
      return null;
  }
}
