// The profile form (first run and Settings): react-hook-form with the core's zod rules.
import { useForm, Controller } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import { PROFILE_LIMITS, ROLES, type Profile } from '../../../core/people/profile';
import type { ProfileDraft } from '../../storage/profile-repository';
import { services } from '../../app/services';
import { FormTextField } from '../../ui/form-text-field';

function useDraftSchema() {
  const { t } = useTranslation();
  return z.object({
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
  });
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
  const { control, handleSubmit, formState } = useForm<z.input<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: initial?.name ?? '',
      role: initial?.role ?? 'admin',
      office: initial?.office ?? '',
      email: initial?.email ?? '',
    },
  });

  const submit = handleSubmit(async (values) => {
    setSaveError(undefined);
    const draft: ProfileDraft = { ...values, email: values.email || undefined };
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
