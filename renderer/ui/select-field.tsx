// One accessible select (React Aria) for the whole app: a label (visible or for screen readers
// only), the options, an optional description and error. Keyboard and screen reader behaviour
// come from React Aria.
import {
  Button,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
} from 'react-aria-components';
import { ChevronDown } from 'lucide-react';

export interface SelectOption {
  id: string;
  label: string;
  lang?: string;
}

interface SelectFieldProps {
  label: string;
  /** Inline selects in toolbars keep the label for screen readers only. */
  isLabelHidden?: boolean;
  value: string | null;
  options: readonly SelectOption[];
  onChange: (id: string) => void;
  description?: string;
  error?: string;
  variant?: 'field' | 'inline';
}

export function SelectField({
  label,
  isLabelHidden = false,
  value,
  options,
  onChange,
  description,
  error,
  variant = 'field',
}: SelectFieldProps) {
  return (
    <Select
      className={variant === 'inline' ? 'inline-select' : 'field select'}
      aria-label={isLabelHidden ? label : undefined}
      selectedKey={value || null}
      onSelectionChange={(key) => onChange(String(key))}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      {!isLabelHidden && <Label>{label}</Label>}
      <Button className={variant === 'inline' ? 'select-button compact' : 'select-button'}>
        <SelectValue />
        <ChevronDown aria-hidden size={16} />
      </Button>
      {description && (
        <Text slot="description" className="muted">
          {description}
        </Text>
      )}
      <Popover className="popover">
        <ListBox className="listbox">
          {options.map((option) => (
            <ListBoxItem key={option.id} id={option.id} className="listbox-item" lang={option.lang}>
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
      <FieldError>{error}</FieldError>
    </Select>
  );
}
