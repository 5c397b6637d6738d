// One date input for the whole app (React Aria's DateField): day, month and year segments in the
// app's language and date setting ("05/12/2026" in English and Spanish, "2026-12-05" with ISO 8601),
// never the browser's own "mm/dd/yyyy". The value stays the model's 'YYYY-MM-DD' ('' when empty).
// The segments can be typed into and stepped with the arrow keys; a screen reader names each one.
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DateField as AriaDateField,
  DateInput,
  DateSegment,
  FieldError,
  I18nProvider,
  Label,
  Text,
} from 'react-aria-components';
import { parseDate, type CalendarDate } from '@internationalized/date';
import { appLocale, currentDateStyle } from '../i18n/date-format';
import './date-field.css';

/** ISO 8601 reads year-month-day: Canadian English writes its numeric dates that way. */
const ISO_LOCALE = 'en-CA';

interface DateFieldProps {
  label: string;
  /** Keep the label for screen readers only (a table cell that names its column). */
  isLabelHidden?: boolean;
  /** 'YYYY-MM-DD', or '' for no date. */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  onKeyDown?: (event: KeyboardEvent) => void;
  isDisabled?: boolean;
  isRequired?: boolean;
  description?: string;
  error?: string;
  className?: string;
  autoFocus?: boolean;
  /** Marks the segments `data-autofocus` (the item detail focuses the first on Enter). */
  isFocusTarget?: boolean;
}

/** The calendar date of a 'YYYY-MM-DD' text, or null when empty or not a real date. */
export function toCalendarDate(value: string): CalendarDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    const date = parseDate(value);
    // parseDate clamps an impossible day (2026-02-30) instead of refusing it.
    return date.toString() === value ? date : null;
  } catch {
    return null;
  }
}

/** The locale the segments are laid out in, for the app's language and date setting. */
export function dateFieldLocale(language: string, style = currentDateStyle()): string {
  return style === 'iso' ? ISO_LOCALE : appLocale(language);
}

export function DateField({
  label,
  isLabelHidden = false,
  value,
  onChange,
  onBlur,
  onKeyDown,
  isDisabled,
  isRequired,
  description,
  error,
  className = 'field',
  autoFocus,
  isFocusTarget = false,
}: DateFieldProps) {
  const { i18n } = useTranslation();
  return (
    <I18nProvider locale={dateFieldLocale(i18n.language)}>
      <AriaDateField
        className={`${className} date-field`}
        value={toCalendarDate(value)}
        onChange={(date) => onChange(date ? date.toString() : '')}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
        isDisabled={isDisabled}
        isRequired={isRequired}
        isInvalid={Boolean(error)}
        validationBehavior="aria"
        aria-label={isLabelHidden ? label : undefined}
        autoFocus={autoFocus}
        granularity="day"
        shouldForceLeadingZeros
      >
        {!isLabelHidden && <Label>{label}</Label>}
        <DateInput className="date-input">
          {(segment) => (
            <DateSegment
              segment={segment}
              className="date-segment"
              {...(isFocusTarget && segment.isEditable ? { 'data-autofocus': true } : {})}
            />
          )}
        </DateInput>
        {description && (
          <Text slot="description" className="muted small">
            {description}
          </Text>
        )}
        <FieldError className="field-error">{error}</FieldError>
      </AriaDateField>
    </I18nProvider>
  );
}
