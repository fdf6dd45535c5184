import { useState } from 'react';
import { t } from '@/lib/i18n/t';
import { CheckField } from './CheckField';
import { SaveBar } from './SaveBar';
import type { SaveResult } from './SaveMessage';

export interface TeacherPermissions {
  exportEnabled: boolean;
  allowTeacherOverride: boolean;
}

export interface TeacherPermissionSectionProps {
  /** The saved values; the checkboxes start from them (a new key resets them). */
  saved: TeacherPermissions;
  /** The permissions the district policy sets (or all, when it locks the settings). */
  readOnly: { exportEnabled: boolean; allowTeacherOverride: boolean };
  busy: boolean;
  /** Result of the last Save, announced. */
  message?: SaveResult;
  /** Called with the permissions that may be changed here. */
  onSave(changes: Partial<TeacherPermissions>): void;
}

/**
 * "Teacher permissions": whether teachers may link classes and export (as in Google's admin
 * page), and whether they may choose another SIS teacher's classes than their own.
 */
export function TeacherPermissionSection(props: TeacherPermissionSectionProps) {
  const { readOnly } = props;
  const [exportEnabled, setExportEnabled] = useState(props.saved.exportEnabled);
  const [override, setOverride] = useState(props.saved.allowTeacherOverride);
  const allReadOnly = readOnly.exportEnabled && readOnly.allowTeacherOverride;
  return (
    <section className="card" aria-labelledby="teachers-heading" data-testid="teacher-permission">
      <h2 id="teachers-heading" className="card__title">
        {t('teacherPermissionHeading')}
      </h2>
      <CheckField
        id="exportEnabled"
        label={t('teacherPermissionLabel')}
        checked={exportEnabled}
        disabled={readOnly.exportEnabled}
        hint={readOnly.exportEnabled ? t('fieldManagedHint') : t('teacherPermissionHint')}
        onChange={setExportEnabled}
      />
      <CheckField
        id="allowTeacherOverride"
        label={t('teacherOverrideLabel')}
        checked={override}
        disabled={readOnly.allowTeacherOverride}
        hint={readOnly.allowTeacherOverride ? t('fieldManagedHint') : t('teacherOverrideHint')}
        onChange={setOverride}
      />
      <SaveBar
        hidden={allReadOnly}
        busy={props.busy}
        message={props.message}
        onSave={() =>
          props.onSave({
            ...(readOnly.exportEnabled ? {} : { exportEnabled }),
            ...(readOnly.allowTeacherOverride ? {} : { allowTeacherOverride: override }),
          })
        }
      />
    </section>
  );
}
