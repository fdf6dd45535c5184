/** Teacher permission and export rules: the presentational sections wired to their messages. */
import { useState } from 'react';
import { ExportDefaultsSection } from '@/components/options/ExportDefaultsSection';
import { TeacherPermissionSection } from '@/components/options/TeacherPermissionSection';
import type { AdminState } from '@/lib/messaging/replies';
import { checkExportDefaultsForm, toExportDefaultsForm } from '@/lib/sis/connection-form';
import { partnerProfile } from '@/lib/sis/partners';
import type { ManagedField } from '@/lib/sis/settings-shapes';
import { useSave } from './use-save';

interface ContainerProps {
  state: AdminState;
  onState(state: AdminState): void;
}

export function TeacherPermissionContainer({ state, onState }: ContainerProps) {
  const { busy, result, save } = useSave('saveTeacherPermission', onState);
  const managed = (field: ManagedField) =>
    state.managed.locked || state.managed.fields.includes(field);
  return (
    <TeacherPermissionSection
      // A new connection starts the form afresh from the saved values; a Save needs no reset
      // (the form already shows what was saved) and a remount would lose the keyboard focus.
      key={state.connection?.verifiedAt}
      saved={state}
      readOnly={{
        exportEnabled: managed('exportEnabled'),
        allowTeacherOverride: managed('allowTeacherOverride'),
      }}
      busy={busy}
      message={result}
      onSave={(changes) => save(changes)}
    />
  );
}

export function ExportDefaultsContainer({ state, onState }: ContainerProps) {
  const { busy, result, save, setResult } = useSave('saveExportDefaults', onState);
  const [titleLimitError, setTitleLimitError] = useState<string>();
  const partner = state.connection?.partner ?? state.form.partner ?? 'other';
  return (
    <ExportDefaultsSection
      key={state.connection?.verifiedAt}
      initial={toExportDefaultsForm(state.exportDefaults)}
      categories={state.connection?.categories ?? null}
      suggestedTitleLimit={partnerProfile(partner).titleLimit}
      managedFields={state.managed.fields}
      locked={state.managed.locked}
      busy={busy}
      titleLimitError={titleLimitError}
      message={result}
      onSave={(values) => {
        const checked = checkExportDefaultsForm(values);
        setTitleLimitError(checked.ok ? undefined : checked.errors.titleLimit);
        if (checked.ok) void save(checked.value);
        else setResult(undefined);
      }}
    />
  );
}
