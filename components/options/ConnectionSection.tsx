import { t } from '@/lib/i18n/t';
import type { AdminState } from '@/lib/messaging/replies';
import { secretsToRetype } from '@/lib/sis/connection-form';
import { AuthorizeOutcome, type Outcome } from './AuthorizeOutcome';
import { ConnectionForm, type ConnectionFormProps } from './ConnectionForm';
import { ConnectionSummary } from './ConnectionSummary';
import { DisconnectDialog } from './DisconnectDialog';

export interface ConnectionSectionProps {
  state: AdminState;
  form: Omit<ConnectionFormProps, 'secretState' | 'vendorState' | 'managedFields' | 'retype'>;
  outcome: Outcome;
  confirmingDisconnect: boolean;
  disconnecting: boolean;
  onRemove(): void;
  onCancelDisconnect(): void;
  onConfirmDisconnect(choice: { deleteGradeData: boolean }): void;
}

/** The SIS connection card: status, the connect form, what Authorize said, and Disconnect. */
export function ConnectionSection(props: ConnectionSectionProps) {
  const { state } = props;
  return (
    <section className="card" aria-labelledby="connection-heading" data-testid="connection">
      <h2 id="connection-heading" className="card__title">
        {t('optionsConnectionHeading')}
      </h2>
      <ConnectionSummary state={state} onRemove={props.onRemove} />
      <ConnectionForm
        {...props.form}
        secretState={state.secret}
        vendorState={state.vendorAuthorization}
        managedFields={state.managed.fields}
        retype={secretsToRetype(props.form.values, state)}
      />
      <AuthorizeOutcome outcome={props.outcome} />
      <DisconnectDialog
        open={props.confirmingDisconnect}
        busy={props.disconnecting}
        onCancel={props.onCancelDisconnect}
        onConfirm={props.onConfirmDisconnect}
      />
    </section>
  );
}
