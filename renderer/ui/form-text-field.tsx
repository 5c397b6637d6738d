// A react-hook-form text field on React Aria: label, input, and the zod error under it. Forms
// (profile, new run) use it so every field behaves and reads the same.
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { FieldError, Input, Label, TextField } from 'react-aria-components';

interface FormTextFieldProps<T extends FieldValues> {
  control: Control<T>;
  name: Path<T>;
  label: string;
  placeholder?: string;
  type?: 'text' | 'email' | 'date';
  autoComplete?: string;
  isRequired?: boolean;
  autoFocus?: boolean;
}

export function FormTextField<T extends FieldValues>({
  control,
  name,
  label,
  placeholder,
  type = 'text',
  autoComplete,
  isRequired = false,
  autoFocus = false,
}: FormTextFieldProps<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          className="field"
          value={(field.value as string | undefined) ?? ''}
          onChange={field.onChange}
          onBlur={field.onBlur}
          isInvalid={fieldState.invalid}
          isRequired={isRequired}
          validationBehavior="aria"
          autoFocus={autoFocus}
        >
          <Label>{label}</Label>
          <Input
            ref={field.ref}
            type={type}
            placeholder={placeholder}
            autoComplete={autoComplete}
          />
          <FieldError>{fieldState.error?.message}</FieldError>
        </TextField>
      )}
    />
  );
}
