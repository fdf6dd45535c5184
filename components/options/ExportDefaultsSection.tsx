import { useState } from 'react';
import { t } from '@/lib/i18n/t';
import type { ExportDefaultsFormValues } from '@/lib/sis/connection-form';
import type { CategoryOption, ManagedField } from '@/lib/sis/settings-shapes';
import { CheckField } from './CheckField';
import { SaveBar } from './SaveBar';
import type { SaveResult } from './SaveMessage';
import { TextField } from './TextField';

export interface ExportDefaultsSectionProps {
  /** The saved rules; the form starts from them (a new key resets it). */
  initial: ExportDefaultsFormValues;
  /** The SIS's categories from the last Authorize; null when it lists none. */
  categories: CategoryOption[] | null;
  /** The SIS profile's title limit, suggested in the hint. */
  suggestedTitleLimit: number | null;
  managedFields: readonly ManagedField[];
  locked: boolean;
  busy: boolean;
  titleLimitError?: string;
  message?: SaveResult;
  onSave(values: ExportDefaultsFormValues): void;
}

/** The admin's export rules: default category, drafts, missing work, title length. */
export function ExportDefaultsSection(props: ExportDefaultsSectionProps) {
  const [values, setValues] = useState(props.initial);
  const readOnly = (field: ManagedField) => props.locked || props.managedFields.includes(field);
  const set = (patch: Partial<ExportDefaultsFormValues>) => setValues({ ...values, ...patch });
  return (
    <section className="card" aria-labelledby="defaults-heading" data-testid="export-defaults">
      <h2 id="defaults-heading" className="card__title">
        {t('exportDefaultsHeading')}
      </h2>
      <div className="field">
        <label className="field__label" htmlFor="categoryId">
          {t('defaultCategoryLabel')}
        </label>
        <select
          id="categoryId"
          className="field__input field__select"
          value={values.categoryId}
          disabled={readOnly('categoryId') || props.categories === null}
          aria-describedby="categoryId-hint"
          onChange={(event) => set({ categoryId: event.target.value })}
        >
          <option value="">{t('categoryNone')}</option>
          {props.categories?.map((category) => (
            <option key={category.sourcedId} value={category.sourcedId}>
              {category.title}
            </option>
          ))}
        </select>
        <p id="categoryId-hint" className="field__hint">
          {props.categories === null ? t('authorizeNoCategories') : t('defaultCategoryHint')}
        </p>
      </div>
      <CheckField
        id="exportDrafts"
        label={t('exportDraftsLabel')}
        checked={values.exportDrafts}
        disabled={readOnly('exportDrafts')}
        hint={t('exportDraftsHint')}
        onChange={(exportDrafts) => set({ exportDrafts })}
      />
      <fieldset className="field choice">
        <legend className="field__label">{t('missingWorkLegend')}</legend>
        {(['skip', 'zero'] as const).map((mode) => (
          <label key={mode} className="choice__option">
            <input
              type="radio"
              name="missingWork"
              checked={values.missingWork === mode}
              disabled={readOnly('missingWork')}
              onChange={() => set({ missingWork: mode })}
            />
            {mode === 'skip' ? t('missingWorkSkip') : t('missingWorkZero')}
          </label>
        ))}
      </fieldset>
      <TextField
        id="titleLimit"
        label={t('titleLimitLabel')}
        value={values.titleLimit}
        managed={readOnly('titleLimit')}
        error={props.titleLimitError}
        hint={
          props.suggestedTitleLimit === null
            ? t('titleLimitHintNone')
            : t('titleLimitHint', props.suggestedTitleLimit)
        }
        onChange={(titleLimit) => set({ titleLimit })}
      />
      <SaveBar
        hidden={props.locked}
        busy={props.busy}
        message={props.message}
        onSave={() => props.onSave(values)}
      />
    </section>
  );
}
