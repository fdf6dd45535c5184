import { t } from '@/lib/i18n/t';
import type { PanelAccess } from '@/lib/messaging/replies';
import { trusted } from './trusted';

/** Whether the background answered, and whether teachers may link and export. */
export type PanelStatus =
  | { state: 'loading' }
  | {
      state: 'ready';
      connected: boolean;
      exportAllowed: boolean;
      /** What this browser must still do (Authorize on the options page), if anything. */
      setup?: PanelAccess['setup'];
    }
  /** `message` says what went wrong and what to do (the container words it). */
  | { state: 'error'; message: string };

export interface PanelAccessNoticeProps {
  status: PanelStatus;
  onRetry?: () => void;
  /** Opens the options page, where the teacher authorizes this browser. */
  onOpenSettings?: () => void;
  /** Why the options page could not be opened. */
  openSettingsError?: string;
}

/**
 * Why the teacher cannot work yet, and whom to ask: teachers cannot connect an SIS or turn export
 * on themselves, so those messages name the Classroom administrator. What only this browser can
 * do (allow access to a connection the school set up) the teacher can do, so that one comes with
 * a button to the options page. Nothing when they can work.
 */
export function PanelAccessNotice({
  status,
  onRetry,
  onOpenSettings,
  openSettingsError,
}: PanelAccessNoticeProps) {
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
            <button type="button" className="panel__button" onClick={trusted(onRetry)}>
              {t('panelRetry')}
            </button>
          )}
        </div>
      );
    case 'ready':
      if (status.setup) {
        return (
          <div data-testid="panel-setup">
            <p data-testid="panel-status">
              {status.setup === 'authorize' ? t('panelSetupAuthorize') : t('panelSetupHostAccess')}
            </p>
            {onOpenSettings && (
              <button type="button" className="panel__button" onClick={trusted(onOpenSettings)}>
                {t('panelOpenSettings')}
              </button>
            )}
            {openSettingsError && (
              <p role="alert" className="panel__error">
                {openSettingsError}
              </p>
            )}
          </div>
        );
      }
      if (!status.connected) return <p data-testid="panel-status">{t('panelNotConnected')}</p>;
      if (!status.exportAllowed) {
        return <p data-testid="panel-status">{t('panelExportDisabled')}</p>;
      }
      return null;
  }
}
