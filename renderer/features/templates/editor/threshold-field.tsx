// A `min` or `max` in its three forms (checklists/README.md, "Thresholds that follow the run"):
// a number, an expression over the run's number parameters, or another number item's answer.
// The author picks the form, then writes the figure, the expression or picks the item. A count's
// minimum is required, so it has no "none".
import { useTranslation } from 'react-i18next';
import { Controller, useFormContext } from 'react-hook-form';
import { FieldError, Input, NumberField, Text, TextField } from 'react-aria-components';
import type { Threshold } from '../../../../core/definitions';
import type { DraftDocument } from '../../../storage/draft-repository';
import { SelectField } from '../../../ui/select-field';
import type { DraftPath } from './draft-fields';
import { useFieldProblems } from './draft-problems-context';

type Form = 'none' | 'fixed' | 'expression' | 'item';

function formOf(value: unknown): Form {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'number') return 'fixed';
  if (typeof value === 'string') return 'expression';
  return 'item';
}

export interface NumberItemChoice {
  id: string;
  title: string;
  unit: string;
}

/** The value a threshold takes when the author switches it to another form. */
export function switchThreshold(
  value: Threshold | undefined,
  form: Form,
  firstItem: string | undefined,
  fallbackNumber: number,
): Threshold | undefined {
  switch (form) {
    case 'none':
      return undefined;
    case 'fixed':
      return typeof value === 'number' ? value : fallbackNumber;
    case 'expression':
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
    case 'item':
      return typeof value === 'object' && value !== null ? value : { item: firstItem ?? '' };
  }
}

export function ThresholdField({
  name,
  label,
  isRequired,
  numberItems,
}: {
  name: DraftPath;
  label: string;
  isRequired: boolean;
  numberItems: readonly NumberItemChoice[];
}) {
  const { t } = useTranslation();
  const { control } = useFormContext<DraftDocument>();
  const problems = useFieldProblems(name);
  const error = problems.length > 0 ? problems.join(' · ') : undefined;
  const forms: Form[] = isRequired
    ? ['fixed', 'expression', 'item']
    : ['none', 'fixed', 'expression', 'item'];
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => {
        const value = field.value as Threshold | undefined;
        const form = formOf(value);
        return (
          <fieldset className="tpl-field-group tpl-threshold" data-field={name}>
            <legend>{label}</legend>
            <SelectField
              label={t('templates.editor.threshold.form', { label })}
              isLabelHidden
              value={form}
              options={forms.map((id) => ({ id, label: t(`templates.editor.threshold.${id}`) }))}
              onChange={(next) =>
                field.onChange(
                  switchThreshold(value, next as Form, numberItems[0]?.id, isRequired ? 2 : 0),
                )
              }
              error={form === 'none' || form === 'item' ? error : undefined}
            />
            {form === 'fixed' && (
              <NumberField
                className="field"
                aria-label={t('templates.editor.threshold.value', { label })}
                value={typeof value === 'number' ? value : Number.NaN}
                onChange={(next) => field.onChange(Number.isNaN(next) ? undefined : next)}
                formatOptions={{ useGrouping: false, maximumFractionDigits: 6 }}
                isInvalid={error !== undefined}
                validationBehavior="aria"
              >
                <Input ref={field.ref} />
                <FieldError>{error}</FieldError>
              </NumberField>
            )}
            {form === 'expression' && (
              <TextField
                className="field"
                aria-label={t('templates.editor.threshold.expressionValue', { label })}
                value={typeof value === 'string' ? value : ''}
                onChange={field.onChange}
                isInvalid={error !== undefined}
                validationBehavior="aria"
              >
                <Input ref={field.ref} spellCheck={false} className="tpl-mono" />
                <Text slot="description" className="tpl-field-help">
                  {t('templates.editor.threshold.expressionHelp')}
                </Text>
                <FieldError>{error}</FieldError>
              </TextField>
            )}
            {form === 'item' && (
              <SelectField
                label={t('templates.editor.threshold.itemValue', { label })}
                isLabelHidden
                value={typeof value === 'object' && value !== null ? value.item : null}
                options={numberItems.map((item) => ({
                  id: item.id,
                  label: `${item.id} · ${item.title} (${item.unit})`,
                }))}
                onChange={(id) => field.onChange({ item: id })}
              />
            )}
          </fieldset>
        );
      }}
    />
  );
}
