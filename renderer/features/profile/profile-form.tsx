// The profile form (first run and Settings): react-hook-form with the core's zod rules. The roles
// are the hub's; an engineer also names their departments (from the templates on this device).
import { useForm, useWatch, Controller } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Label,
  Radio,
  RadioGroup,
  Text,
} from 'react-aria-components';
import { Check } from 'lucide-react';
import { PROFILE_LIMITS, ROLES, type Profile } from '../../../core/people/profile';
import type { ProfileDraft } from '../../storage/profile-repository';
import { services } from '../../app/services';
import { FormTextField } from '../../ui/form-text-field';
import { useDefinitionChoices } from '../runs/use-definition-choices';

function useDraftSchema() {
  const { t } = useTranslation();
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(2, t('profile.nameRequired'))
        .max(PROFILE_LIMITS.name, t('profile.tooLong', { max: PROFILE_LIMITS.name })),
      role: z.enum(ROLES),
      office: z
        .string()
        .trim()
        .min(1, t('profile.officeRequired'))
        .max(PROFILE_LIMITS.office, t('profile.tooLong', { max: PROFILE_LIMITS.office })),
      email: z.union([z.literal(''), z.email(t('profile.emailInvalid'))]),
      departments: z.array(z.string()),
    })
    .refine((draft) => draft.role !== 'engineer' || draft.departments.length > 0, {
      path: ['departments'],
      message: t('profile.departmentsRequired'),
    });
}

/** Every department the templates on this device name (the newest version's title), by id. */
function useKnownDepartments(): { id: string; title: string }[] {
  const choices = useDefinitionChoices();
  return useMemo(() => {
    const byId = new Map<string, string>();
    for (const choice of choices ?? []) {
      for (const department of choice.versions[0]?.definition.departments ?? []) {
        if (!byId.has(department.id)) byId.set(department.id, department.title);
      }
    }
    return [...byId].map(([id, title]) => ({ id, title }));
  }, [choices]);
}

interface ProfileFormProps {
  initial?: Profile;
  submitLabel: string;
  onSaved?: (profile: Profile) => void;
}

export function ProfileForm({ initial, submitLabel, onSaved }: ProfileFormProps) {
  const { t } = useTranslation();
  const schema = useDraftSchema();
  const [saveError, setSaveError] = useState<string>();
  const known = useKnownDepartments();
  const { control, handleSubmit, formState } = useForm<z.input<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: initial?.name ?? '',
      role: initial?.role ?? 'admin',
      office: initial?.office ?? '',
      email: initial?.email ?? '',
      departments: initial?.departments ?? [],
    },
  });
  const isEngineer = useWatch({ control, name: 'role' }) === 'engineer';
  // A department the profile names that no template here knows still shows, so it is not lost.
  const departmentOptions = [
    ...known,
    ...(initial?.departments ?? [])
      .filter((id) => !known.some((d) => d.id === id))
      .map((id) => ({ id, title: id })),
  ];

  const submit = handleSubmit(async (values) => {
    setSaveError(undefined);
    const { departments, ...rest } = values;
    const draft: ProfileDraft = {
      ...rest,
      email: values.email || undefined,
      departments: values.role === 'engineer' ? departments : undefined,
    };
    try {
      const saved = await services.profiles.save(draft);
      onSaved?.(saved);
    } catch (error) {
      setSaveError(t('profile.saveFailed', { message: (error as Error).message }));
    }
  });

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <FormTextField
        control={control}
        name="name"
        label={t('profile.name')}
        placeholder={t('profile.namePlaceholder')}
        autoComplete="name"
        isRequired
        autoFocus={!initial}
      />
      <Controller
        control={control}
        name="role"
        render={({ field }) => (
          <RadioGroup
            className="field radio-group"
            value={field.value}
            onChange={(value) => field.onChange(value)}
            isRequired
            validationBehavior="aria"
          >
            <Label>{t('profile.role')}</Label>
            {ROLES.map((role) => (
              <Radio key={role} value={role} className="radio">
                {t(`roles.${role}`)}
              </Radio>
            ))}
          </RadioGroup>
        )}
      />
      {isEngineer && (
        <Controller
          control={control}
          name="departments"
          render={({ field, fieldState }) => (
            <CheckboxGroup
              className="field checkbox-group profile-departments"
              value={field.value}
              onChange={field.onChange}
              isRequired
              isInvalid={fieldState.invalid}
              validationBehavior="aria"
            >
              <Label>{t('profile.departments')}</Label>
              <Text slot="description" className="muted small">
                {departmentOptions.length > 0
                  ? t('profile.departmentsHelp')
                  : t('profile.departmentsNone')}
              </Text>
              {departmentOptions.map((department) => (
                <Checkbox key={department.id} value={department.id} className="checkbox">
                  <span className="checkbox-box" aria-hidden>
                    <Check size={12} />
                  </span>
                  {department.title}
                </Checkbox>
              ))}
              <FieldError className="field-error">{fieldState.error?.message}</FieldError>
            </CheckboxGroup>
          )}
        />
      )}
      <FormTextField
        control={control}
        name="office"
        label={t('profile.office')}
        placeholder={t('profile.officePlaceholder')}
        isRequired
      />
      <FormTextField
        control={control}
        name="email"
        label={t('profile.email')}
        type="email"
        autoComplete="email"
      />
      {saveError && (
        <p role="alert" className="form-error">
          {saveError}
        </p>
      )}
      <Button type="submit" className="button primary" isDisabled={formState.isSubmitting}>
        {formState.isSubmitting ? t('profile.saving') : submitLabel}
      </Button>
    </form>
  );
}
