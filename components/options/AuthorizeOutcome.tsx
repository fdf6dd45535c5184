import { t } from '@/lib/i18n/t';
import { describeClockOffset } from '@/lib/oneroster/describe-error';
import type { OneRosterVersion, ServiceBases } from '@/lib/oneroster/version';

/** What the last action on the connection card did, for the live region under the form. */
export type Outcome =
  | { kind: 'idle' }
  | { kind: 'invalid' }
  | {
      kind: 'success';
      /** The version the live check confirmed, and the bases it reached. */
      version?: OneRosterVersion;
      bases?: ServiceBases;
      orgName?: string;
      clockSkewMs?: number;
      categoriesListed: boolean;
    }
  | { kind: 'error'; message: string }
  | { kind: 'disconnected'; hostAccessRevoked: boolean; gradeDataDeleted: boolean };

/**
 * Announced as it changes: the region exists before any message, so screen readers pick up each
 * new one; errors are alerts and carry the seed's tip to refresh and retry.
 */
export function AuthorizeOutcome({ outcome }: { outcome: Outcome }) {
  return (
    <div className="outcome" aria-live="polite" data-testid="outcome">
      <OutcomeMessage outcome={outcome} />
    </div>
  );
}

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case 'idle':
      return null;
    case 'invalid':
      return (
        <p role="alert" className="notice notice--error">
          {t('formHasErrors')}
        </p>
      );
    case 'error':
      return (
        <div role="alert" className="notice notice--error" data-testid="authorize-error">
          <p>{outcome.message}</p>
          <p className="notice__tip">{t('authorizeTip')}</p>
        </div>
      );
    case 'success':
      return (
        <div role="status" className="notice notice--success" data-testid="authorize-success">
          <p>
            {outcome.orgName ? t('authorizeSuccess', outcome.orgName) : t('authorizeSuccessNoName')}
          </p>
          {outcome.version && outcome.bases && (
            <p data-testid="authorize-version">
              {outcome.version === '1.2'
                ? t('authorizeConfirmed12', outcome.bases.rostering, outcome.bases.gradebook)
                : t('authorizeConfirmed11', outcome.bases.rostering)}
            </p>
          )}
          {outcome.clockSkewMs !== undefined && (
            <p>{t('authorizeClockNote', describeClockOffset(outcome.clockSkewMs))}</p>
          )}
          {!outcome.categoriesListed && <p>{t('authorizeNoCategories')}</p>}
        </div>
      );
    case 'disconnected':
      return (
        <p role="status" className="notice">
          {outcome.hostAccessRevoked ? t('disconnected') : t('disconnectedAccessKept')}
          {outcome.gradeDataDeleted && ` ${t('disconnectedGradesDeleted')}`}
        </p>
      );
  }
}
