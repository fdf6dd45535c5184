import { useState } from 'react';
import { t } from '@/lib/i18n/t';
import { CheckField } from './CheckField';
import { SaveBar } from './SaveBar';
import type { SaveResult } from './SaveMessage';

export interface TeacherPermissionSectionProps {
  /** The saved value; the checkbox starts from it (a new key resets it). */
  exportEnabled: boolean;
  readOnly: boolean;
  busy: boolean;
  /** Result of the last Save, announced. */
  message?: SaveResult;
  onSave(exportEnabled: boolean): void;
}

/** "Teacher permissions": whether teachers may link classes and export, as in Google's admin page. */
export function TeacherPermissionSection(props: TeacherPermissionSectionProps) {
  const [checked, setChecked] = useState(props.exportEnabled);
  return (
    <section className="card" aria-labelledby="teachers-heading" data-testid="teacher-permission">
      <h2 id="teachers-heading" className="card__title">
        {t('teacherPermissionHeading')}
      </h2>
      <CheckField
        id="exportEnabled"
        label={t('teacherPermissionLabel')}
        checked={checked}
        disabled={props.readOnly}
        hint={props.readOnly ? t('fieldManagedHint') : t('teacherPermissionHint')}
        onChange={setChecked}
      />
      <SaveBar
        hidden={props.readOnly}
        busy={props.busy}
        message={props.message}
        onSave={() => props.onSave(checked)}
      />
    </section>
  );
}
