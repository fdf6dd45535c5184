/** The export rules as the options page edits them (text inputs) and back. */
import { t } from '../i18n/t';
import { type ExportDefaults, MAX_TITLE_LIMIT } from './settings-shapes';

export interface ExportDefaultsFormValues {
  /** '' for "none". */
  categoryId: string;
  exportDrafts: boolean;
  missingWork: 'skip' | 'zero';
  /** '' for "no limit". */
  titleLimit: string;
}

export function toExportDefaultsForm(defaults: ExportDefaults): ExportDefaultsFormValues {
  return {
    categoryId: defaults.categoryId ?? '',
    exportDrafts: defaults.exportDrafts,
    missingWork: defaults.missingWork,
    titleLimit: defaults.titleLimit == null ? '' : String(defaults.titleLimit),
  };
}

export type ExportDefaultsCheck =
  | { ok: true; value: ExportDefaults }
  | { ok: false; errors: { titleLimit: string } };

export function checkExportDefaultsForm(values: ExportDefaultsFormValues): ExportDefaultsCheck {
  const text = values.titleLimit.trim();
  const limit = text === '' ? null : Number(text);
  if (limit !== null && (!/^\d+$/.test(text) || limit < 1 || limit > MAX_TITLE_LIMIT)) {
    return { ok: false, errors: { titleLimit: t('titleLimitInvalid', MAX_TITLE_LIMIT) } };
  }
  return {
    ok: true,
    value: {
      categoryId: values.categoryId === '' ? null : values.categoryId,
      exportDrafts: values.exportDrafts,
      missingWork: values.missingWork,
      titleLimit: limit,
    },
  };
}
