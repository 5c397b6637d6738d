// Starting a run: pick the template and version (latest by default), name the office or client,
// set the go-live date and answer the template's parameters, which decide the conditional items.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Controller, useForm, useWatch, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import {
  Button,
  Checkbox,
  Dialog,
  FieldError,
  Heading,
  Input,
  Label,
  Modal,
  ModalOverlay,
  TextField,
} from 'react-aria-components';
import { Check } from 'lucide-react';
import type { Parameter, ParameterValues } from '../../../core/definitions/schema';
import type { Profile } from '../../../core/people/profile';
import { services } from '../../app/services';
import { actorOf } from './run-actions';
import { SelectField } from '../../ui/select-field';
import { FormTextField } from '../../ui/form-text-field';
import { DateField } from '../../ui/date-field';
import { useDefinitionChoices, type TemplateChoice } from './use-definition-choices';

interface NewRunDialogProps {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  profile: Profile;
}

export function NewRunDialog({ isOpen, onOpenChange, profile }: NewRunDialogProps) {
  const templates = useDefinitionChoices();
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable
      isOpen={isOpen}
      onOpenChange={onOpenChange}
    >
      <Modal className="modal wide">
        <Dialog className="dialog">
          {templates && (
            <NewRunForm
              templates={templates}
              profile={profile}
              onCancel={() => onOpenChange(false)}
            />
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

type FormValues = {
  templateId: string;
  definitionKey: string;
  name: string;
  plannedGoLive: string;
  parameters: Record<string, string | boolean>;
};

function NewRunForm({
  templates,
  profile,
  onCancel,
}: {
  templates: TemplateChoice[];
  profile: Profile;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [saveError, setSaveError] = useState<string>();
  const first = templates[0];
  // The schema depends on the chosen template's parameters, so it is built on each validation.
  const resolver: Resolver<FormValues> = (values, context, options) =>
    zodResolver(runFormSchema(parametersOf(templates, values.definitionKey), t))(
      values,
      context,
      options as never,
    ) as ReturnType<Resolver<FormValues>>;
  const { control, handleSubmit, setValue, formState } = useForm<FormValues>({
    resolver,
    defaultValues: {
      templateId: first?.id ?? '',
      definitionKey: first?.versions[0]?.key ?? '',
      name: '',
      plannedGoLive: '',
      parameters: {},
    },
  });
  const templateId = useWatch({ control, name: 'templateId' });
  const definitionKey = useWatch({ control, name: 'definitionKey' });
  const template = templates.find((choice) => choice.id === templateId);
  const definition = template?.versions.find((row) => row.key === definitionKey)?.definition;
  const parameters = useMemo(() => definition?.parameters ?? [], [definition]);

  if (!first) return <p>{t('runs.create.noTemplates')}</p>;

  const submit = handleSubmit(async (values) => {
    try {
      const run = await services.runs.create(
        {
          definitionKey: values.definitionKey,
          name: values.name.trim(),
          plannedGoLive: values.plannedGoLive,
          parameters: toParameterValues(parameters, values.parameters),
        },
        actorOf(profile),
      );
      void navigate(`/runs/${run.id}`);
    } catch (error) {
      setSaveError(t('runs.create.failed', { message: (error as Error).message }));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="form" noValidate>
      <Heading slot="title">{t('runs.create.title')}</Heading>
      <div className="form-row">
        <Controller
          control={control}
          name="templateId"
          render={({ field }) => (
            <SelectField
              label={t('runs.create.template')}
              value={field.value}
              options={templates.map((choice) => ({ id: choice.id, label: choice.title }))}
              onChange={(id) => {
                field.onChange(id);
                setValue(
                  'definitionKey',
                  templates.find((choice) => choice.id === id)?.versions[0]?.key ?? '',
                );
              }}
            />
          )}
        />
        <Controller
          control={control}
          name="definitionKey"
          render={({ field }) => (
            <SelectField
              label={t('runs.create.version')}
              value={field.value}
              onChange={field.onChange}
              options={(template?.versions ?? []).map((row, index) => ({
                id: row.key,
                label:
                  index === 0 ? t('runs.create.latest', { version: row.version }) : row.version,
              }))}
            />
          )}
        />
      </div>
      <FormTextField
        control={control}
        name="name"
        label={t('runs.create.name')}
        placeholder={t('runs.create.namePlaceholder')}
        isRequired
        autoFocus
      />
      <Controller
        control={control}
        name="plannedGoLive"
        render={({ field, fieldState }) => (
          <DateField
            label={t('runs.create.goLive')}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            isRequired
            error={fieldState.error?.message}
          />
        )}
      />
      {parameters.length > 0 && (
        <fieldset className="field parameters">
          <legend>{t('runs.create.parameters')}</legend>
          <p className="muted small">{t('runs.create.parametersHelp')}</p>
          {parameters.map((parameter) => (
            <Controller
              key={`${definitionKey}:${parameter.id}`}
              control={control}
              name={`parameters.${parameter.id}`}
              render={({ field, fieldState }) => (
                <ParameterField
                  parameter={parameter}
                  value={field.value}
                  onChange={field.onChange}
                  error={fieldState.error?.message}
                />
              )}
            />
          ))}
        </fieldset>
      )}
      {saveError && (
        <p role="alert" className="form-error">
          {saveError}
        </p>
      )}
      <div className="button-row">
        <Button className="button" onPress={onCancel}>
          {t('runs.create.cancel')}
        </Button>
        <Button className="button primary" type="submit" isDisabled={formState.isSubmitting}>
          {t('runs.create.start')}
        </Button>
      </div>
    </form>
  );
}

function ParameterField({
  parameter,
  value,
  onChange,
  error,
}: {
  parameter: Parameter;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
  error?: string;
}) {
  if (parameter.type === 'boolean') {
    return (
      <Checkbox className="checkbox" isSelected={value === true} onChange={onChange}>
        <span className="checkbox-box" aria-hidden>
          <Check size={13} />
        </span>
        {parameter.label}
      </Checkbox>
    );
  }
  if (parameter.type === 'choice') {
    return (
      <SelectField
        label={parameter.label}
        value={typeof value === 'string' ? value : ''}
        onChange={onChange}
        error={error}
        options={(parameter.choices ?? []).map((choice) => ({ id: choice, label: choice }))}
      />
    );
  }
  return (
    <TextField
      className="field"
      value={typeof value === 'string' ? value : ''}
      onChange={onChange}
      isRequired={parameter.required}
      validationBehavior="aria"
      isInvalid={Boolean(error)}
    >
      <Label>{parameter.label}</Label>
      <Input inputMode={parameter.type === 'number' ? 'decimal' : undefined} />
      {parameter.help && <span className="muted small">{parameter.help}</span>}
      <FieldError>{error}</FieldError>
    </TextField>
  );
}

function parametersOf(templates: TemplateChoice[], definitionKey: string): Parameter[] {
  for (const template of templates) {
    const row = template.versions.find((version) => version.key === definitionKey);
    if (row) return row.definition.parameters;
  }
  return [];
}

function runFormSchema(parameters: Parameter[], t: (key: string) => string) {
  const required = t('runs.create.valueRequired');
  const shape: Record<string, z.ZodType> = {};
  for (const parameter of parameters) {
    if (parameter.type === 'boolean') shape[parameter.id] = z.boolean().optional();
    else if (!parameter.required) shape[parameter.id] = z.string().optional();
    else shape[parameter.id] = z.string({ error: required }).trim().min(1, required);
    if (parameter.type === 'number') {
      shape[parameter.id] = (shape[parameter.id] as z.ZodType<string | undefined>).refine(
        (value) =>
          value === undefined ||
          value.trim() === '' ||
          Number.isFinite(Number(value.replace(',', '.'))),
        t('runs.create.numberInvalid'),
      );
    }
  }
  return z.object({
    templateId: z.string().min(1),
    definitionKey: z.string().min(1),
    name: z.string().trim().min(1, t('runs.create.nameRequired')).max(120),
    plannedGoLive: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, t('runs.create.dateRequired')),
    parameters: z.object(shape),
  });
}

function toParameterValues(
  parameters: Parameter[],
  values: Record<string, string | boolean>,
): ParameterValues {
  const result: ParameterValues = {};
  for (const parameter of parameters) {
    const value = values[parameter.id];
    if (parameter.type === 'boolean') result[parameter.id] = value === true;
    else if (value === undefined || value === '') continue;
    else if (parameter.type === 'number')
      result[parameter.id] = Number(String(value).replace(',', '.'));
    else result[parameter.id] = String(value);
  }
  return result;
}
