import { t } from '@/lib/i18n/t';
import type { AdminState } from '@/lib/messaging/replies';
import { serviceBases } from '@/lib/oneroster/version';
import { partnerProfile } from '@/lib/sis/partners';
import { connectionVersion } from '@/lib/sis/settings-shapes';

/** "OneRoster 1.2 · rostering: … · gradebook: …", or "OneRoster 1.1" (its one base is above). */
function versionDetail(connection: NonNullable<AdminState['connection']>): string {
  if (connectionVersion(connection) === '1.1') return t('connectionVersionDetail11');
  try {
    const bases = serviceBases('1.2', connection.hostUrl, connection.gradebookUrl);
    return t('connectionVersionDetail', '1.2', bases.rostering, bases.gradebook);
  } catch {
    // A stored URL always parses; should one not, the version alone still tells.
    return t('connectionVersionDetail', '1.2', connection.hostUrl, connection.gradebookUrl ?? '');
  }
}

export interface ConnectionSummaryProps {
  state: AdminState;
  onRemove(): void;
}

/** Connected or not, to what, since when; "Remove" starts the Disconnect confirmation. */
export function ConnectionSummary({ state, onRemove }: ConnectionSummaryProps) {
  const { connection } = state;
  if (!connection) {
    return (
      <p className="summary summary--off" data-testid="connection-status">
        {t('optionsNotConnected')}
      </p>
    );
  }
  const verified = new Date(connection.verifiedAt).toLocaleString();
  const usable = state.connected && !state.hostAccessMissing;
  return (
    <div className="summary" data-testid="connection-status">
      <div className="summary__text">
        <p className={usable ? 'summary__title summary__title--on' : 'summary__title'}>
          {!state.connected
            ? t('connectionNeedsAuthorize')
            : state.hostAccessMissing
              ? t('connectionHostAccessMissing')
              : connection.orgName
                ? t('connectionConnectedTo', connection.orgName)
                : t('connectionConnected')}
        </p>
        <p className="summary__detail">
          {t(
            'connectionDetail',
            partnerProfile(connection.partner).name(),
            connection.hostUrl,
            verified,
          )}
        </p>
        <p className="summary__detail" data-testid="connection-version">
          {versionDetail(connection)}
        </p>
      </div>
      {!state.managed.locked && (
        <button type="button" className="button" onClick={onRemove}>
          {t('remove')}
        </button>
      )}
    </div>
  );
}
