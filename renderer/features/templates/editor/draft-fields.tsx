// The editor's form fields: React Aria fields bound to the draft's react-hook-form state by path,
// each showing the validator's problems for its path under it (FieldError, announced with the
// field). Every field sits in an element with data-field="<path>" so the problems list can take
// the keyboard focus to it. Empty optional text is kept as '' and left out of the YAML.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Controller, useFormContext, type FieldPath } from 'react-hook-form';
import {
  Button,
  Checkbox,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  NumberField,
  Popover,
  Tag,
  TagGroup,
  TagList,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { Check, ChevronDown, Plus, X } from 'lucide-react';
import type { DraftDocument } from '../../../storage/draft-repository';
import { SelectField, type SelectOption } from '../../../ui/select-field';
import { useFieldProblems } from './draft-problems-context';

export type DraftPath = FieldPath<DraftDocument>;

interface TextProps {
  name: DraftPath;
  label: string;
  description?: string;
  isReadOnly?: boolean;
  isRequired?: boolean;
  /** A text area of this many rows instead of a one-line input. */
  rows?: number;
  className?: string;
}

export function DraftTextField({
  name,
  label,
  description,
  isReadOnly,
  isRequired,
  rows,
  className,
}: TextProps) {
  const { control } = useFormContext<DraftDocument>();
  const problems = useFieldProblems(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <TextField
          className={`field${className ? ` ${className}` : ''}`}
          value={typeof field.value === 'string' ? field.value : ''}
          onChange={field.onChange}
          onBlur={field.onBlur}
          isReadOnly={isReadOnly}
          isRequired={isRequired}
          isInvalid={problems.length > 0}
          validationBehavior="aria"
          data-field={name}
        >
          <Label>{label}</Label>
          {rows === undefined ? (
            <Input ref={field.ref} spellCheck={false} />
          ) : (
            <TextArea ref={field.ref} rows={rows} />
          )}
          {description && (
            <Text slot="description" className="tpl-field-help">
              {description}
            </Text>
          )}
          <FieldError>{problems.join(' · ')}</FieldError>
        </TextField>
      )}
    />
  );
}

export function DraftNumberField({
  name,
  label,
  description,
}: {
  name: DraftPath;
  label: string;
  description?: string;
}) {
  const { control } = useFormContext<DraftDocument>();
  const problems = useFieldProblems(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <NumberField
          className="field"
          value={typeof field.value === 'number' ? field.value : Number.NaN}
          onChange={(value) => field.onChange(Number.isNaN(value) ? undefined : value)}
          onBlur={field.onBlur}
          minValue={0}
          formatOptions={{ useGrouping: false, maximumFractionDigits: 0 }}
          isInvalid={problems.length > 0}
          validationBehavior="aria"
          data-field={name}
        >
          <Label>{label}</Label>
          <Input ref={field.ref} />
          {description && (
            <Text slot="description" className="tpl-field-help">
              {description}
            </Text>
          )}
          <FieldError>{problems.join(' · ')}</FieldError>
        </NumberField>
      )}
    />
  );
}

export function DraftSelectField({
  name,
  label,
  options,
  emptyValue,
}: {
  name: DraftPath;
  label: string;
  options: readonly SelectOption[];
  /** The option meaning "not set" (stored as undefined), e.g. the section's department. */
  emptyValue?: string;
}) {
  const { control } = useFormContext<DraftDocument>();
  const problems = useFieldProblems(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <div data-field={name}>
          <SelectField
            label={label}
            value={
              typeof field.value === 'string' && field.value !== ''
                ? field.value
                : (emptyValue ?? null)
            }
            options={options}
            onChange={(id) =>
              field.onChange(emptyValue !== undefined && id === emptyValue ? undefined : id)
            }
            error={problems.length > 0 ? problems.join(' · ') : undefined}
          />
        </div>
      )}
    />
  );
}

export function DraftCheckbox({ name, label }: { name: DraftPath; label: string }) {
  const { control } = useFormContext<DraftDocument>();
  const problems = useFieldProblems(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <div data-field={name} className="tpl-check-field">
          <Checkbox
            className="checkbox"
            isSelected={field.value === true}
            onChange={field.onChange}
            isInvalid={problems.length > 0}
          >
            <span className="checkbox-box" aria-hidden>
              <Check size={13} />
            </span>
            {label}
          </Checkbox>
          {problems.length > 0 && <p className="tpl-field-error">{problems.join(' · ')}</p>}
        </div>
      )}
    />
  );
}

export interface TokenSuggestion {
  id: string;
  label?: string;
}

/**
 * A list of ids edited as removable tags, with a combo box to add one: chosen from suggestions
 * (item ids for dependsOn) or typed (tags, a parameter's choices).
 */
export function TokenListField({
  name,
  label,
  addLabel,
  suggestions,
  allowsCustom,
}: {
  name: DraftPath;
  label: string;
  addLabel: string;
  suggestions: readonly TokenSuggestion[];
  allowsCustom: boolean;
}) {
  const { t } = useTranslation();
  const { control } = useFormContext<DraftDocument>();
  const problems = useFieldProblems(name);
  const [text, setText] = useState('');
  const [isOpen, setOpen] = useState(false);
  const errorId = `problems-${name.replace(/\./g, '-')}`;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => {
        const values: string[] = Array.isArray(field.value)
          ? (field.value as unknown[]).filter((value): value is string => typeof value === 'string')
          : [];
        const add = (raw: string) => {
          const value = raw.trim();
          if (value !== '' && !values.includes(value)) field.onChange([...values, value]);
          setText('');
        };
        const offered = suggestions.filter((suggestion) => !values.includes(suggestion.id));
        return (
          <div className="field tpl-token-field" data-field={name}>
            <TagGroup
              className="tpl-tag-group"
              onRemove={(keys) => field.onChange(values.filter((value) => !keys.has(value)))}
              aria-describedby={problems.length > 0 ? errorId : undefined}
            >
              <Label>{label}</Label>
              <TagList
                className="tpl-tag-list"
                items={values.map((value) => ({ id: value }))}
                renderEmptyState={() => (
                  <span className="tpl-subtle">{t('templates.editor.tokens.none')}</span>
                )}
              >
                {(item) => (
                  <Tag className="tpl-tag" id={item.id} textValue={item.id}>
                    <code>{item.id}</code>
                    <Button
                      slot="remove"
                      className="tpl-tag-remove"
                      aria-label={t('templates.editor.tokens.remove', { value: item.id })}
                    >
                      <X aria-hidden size={12} />
                    </Button>
                  </Tag>
                )}
              </TagList>
            </TagGroup>
            <div className="tpl-token-add">
              <ComboBox
                aria-label={addLabel}
                className="tpl-combo"
                inputValue={text}
                onInputChange={setText}
                selectedKey={null}
                allowsCustomValue={allowsCustom}
                onOpenChange={setOpen}
                onSelectionChange={(key) => {
                  if (key !== null) add(String(key));
                }}
                defaultItems={offered}
                isInvalid={problems.length > 0}
              >
                <div className="tpl-combo-box">
                  <Input
                    placeholder={addLabel}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' && !isOpen && allowsCustom) add(text);
                    }}
                  />
                  <Button className="icon-button" aria-label={addLabel}>
                    <ChevronDown aria-hidden size={14} />
                  </Button>
                </div>
                <Popover className="popover">
                  <ListBox className="listbox tpl-combo-list">
                    {(suggestion: TokenSuggestion) => (
                      <ListBoxItem
                        id={suggestion.id}
                        textValue={suggestion.id}
                        className="listbox-item"
                      >
                        <code>{suggestion.id}</code>
                        {suggestion.label && (
                          <span className="tpl-subtle"> {suggestion.label}</span>
                        )}
                      </ListBoxItem>
                    )}
                  </ListBox>
                </Popover>
              </ComboBox>
              {allowsCustom && (
                <Button
                  className="button small"
                  onPress={() => add(text)}
                  isDisabled={text.trim() === ''}
                >
                  <Plus aria-hidden size={14} />
                  {t('templates.editor.tokens.add')}
                </Button>
              )}
            </div>
            {problems.length > 0 && (
              <p id={errorId} className="tpl-field-error">
                {problems.join(' · ')}
              </p>
            )}
          </div>
        );
      }}
    />
  );
}

/** A titled group of fields (a fieldset with a legend). */
export function FieldGroup(props: { legend: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={`tpl-field-group${props.className ? ` ${props.className}` : ''}`}>
      <legend>{props.legend}</legend>
      {props.children}
    </fieldset>
  );
}
