/**
 * The connection form's values and problems, shared by the connection card (Authorize) and the
 * policy card (Download policy reads the same values and marks the same fields).
 */
import { useState } from 'react';
import type { AdminState } from '@/lib/messaging/replies';
import type { DraftErrors } from '@/lib/sis/connection-draft';
import {
  applyFormChange,
  type ConnectionFormValues,
  initialFormValues,
} from '@/lib/sis/connection-form';

export function useConnectionForm(initial: AdminState) {
  const [values, setValues] = useState(() => initialFormValues(initial));
  const [errors, setErrors] = useState<DraftErrors>({});
  // What the policy sets: suggestions (version, token URL) leave those values alone.
  const [managed, setManaged] = useState(initial.managed.fields);
  return {
    values,
    errors,
    setErrors,
    change(patch: Partial<ConnectionFormValues>) {
      setValues((current) => applyFormChange(current, patch, managed));
      // A field the admin is fixing no longer carries the old complaint.
      setErrors((current) => {
        const next = { ...current };
        for (const key of Object.keys(patch)) delete next[key as keyof DraftErrors];
        return next;
      });
    },
    /** After Authorize or Disconnect: start again from what is now saved. */
    reset(state: AdminState) {
      setManaged(state.managed.fields);
      setValues(initialFormValues(state));
      setErrors({});
    },
  };
}

export type ConnectionFormState = ReturnType<typeof useConnectionForm>;
