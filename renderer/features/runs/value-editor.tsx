// Editors for an item's typed value. Each commits on blur or Enter (one durable action per
// commit), so typing never writes half a value; Enter then hands focus back to the item's row (or
// the next leg of a count). When adding an item type, add its editor here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Input,
  Label,
  Radio,
  RadioGroup,
  TextArea,
  TextField,
} from 'react-aria-components';
import { CircleCheck, CircleX, Plus, X } from 'lucide-react';
import type { Item } from '../../../core/definitions/schema';
import type { Answer, AnswerValue, ResolvedBounds } from '../../../core/runs';
import { boundsText } from './failure-text';
import { focusSelectedRow } from './focus-row';
import { DateField } from '../../ui/date-field';

interface EditorProps {
  item: Item;
  answer: Answer | undefined;
  isDisabled: boolean;
  onCommit: (value: AnswerValue | null) => void;
  /** The item's min / max worked out for this run (core/runs/thresholds.ts). */
  bounds?: ResolvedBounds;
}

const NO_BOUNDS: ResolvedBounds = { min: { state: 'none' }, max: { state: 'none' } };
/** Empty name fields offered up front; more with "Add". A count of 120 desks starts with 10. */
const MAX_EMPTY_LEGS = 10;

function emptyLegs(bounds: ResolvedBounds): string[] {
  const required = bounds.min.state === 'known' ? bounds.min.value : 1;
  return Array<string>(Math.min(MAX_EMPTY_LEGS, Math.max(1, required))).fill('');
}

export function ValueEditor(props: EditorProps) {
  switch (props.item.type) {
    case 'check':
      return null;
    case 'number':
      return <NumberEditor {...props} item={props.item} />;
    case 'count':
      return <CountEditor {...props} item={props.item} />;
    case 'choice':
      return <ChoiceEditor {...props} item={props.item} />;
    case 'text':
      return <TextEditor {...props} item={props.item} />;
    case 'date':
      return <DateEditor {...props} />;
  }
}

interface CommitFieldProps {
  label: string;
  recorded: string;
  isDisabled: boolean;
  /** The value to store for the typed text; null clears it. */
  toValue: (text: string) => AnswerValue | null;
  onCommit: (value: AnswerValue | null) => void;
  inputMode?: 'decimal';
  isMultiline?: boolean;
  hint?: string;
}

/** One text input that saves on blur or Enter, and only when the text changed. */
function CommitField({
  label,
  recorded,
  isDisabled,
  toValue,
  onCommit,
  inputMode,
  isMultiline = false,
  hint,
}: CommitFieldProps) {
  const [text, setText] = useState(recorded);
  const commit = () => {
    if (text === recorded) return;
    onCommit(toValue(text));
  };
  return (
    <TextField
      className="field"
      value={text}
      onChange={setText}
      onBlur={commit}
      isDisabled={isDisabled}
    >
      <Label>{label}</Label>
      {isMultiline ? (
        <TextArea rows={4} data-autofocus />
      ) : (
        <Input
          inputMode={inputMode}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            commit();
            focusSelectedRow();
          }}
          data-autofocus
        />
      )}
      {hint && <span className="muted small">{hint}</span>}
    </TextField>
  );
}

function NumberEditor({
  item,
  answer,
  isDisabled,
  onCommit,
  bounds = NO_BOUNDS,
}: EditorProps & { item: Extract<Item, { type: 'number' }> }) {
  const { t } = useTranslation();
  const range = boundsText(t, bounds);
  return (
    <CommitField
      label={`${t('runs.detail.value')} (${item.unit})`}
      recorded={answer?.value?.type === 'number' ? String(answer.value.value) : ''}
      isDisabled={isDisabled}
      inputMode="decimal"
      hint={range ? t('runs.detail.range', { range }) : undefined}
      toValue={(text) => {
        const trimmed = text.trim().replace(',', '.');
        return trimmed === '' ? null : { type: 'number', value: Number(trimmed) };
      }}
      onCommit={onCommit}
    />
  );
}

function CountEditor({
  item,
  answer,
  isDisabled,
  onCommit,
  bounds = NO_BOUNDS,
}: EditorProps & { item: Extract<Item, { type: 'count' }> }) {
  const { t } = useTranslation();
  const recorded = answer?.value?.type === 'count' ? answer.value.legs : [];
  const recordedKey = recorded.join('\n');
  const [legs, setLegs] = useState<string[]>(recorded.length > 0 ? recorded : emptyLegs(bounds));
  // Re-read the stored legs only when they change from outside (undo, a restore), never on the
  // echo of our own save, which can land while the next leg is being typed.
  const [seenKey, setSeenKey] = useState(recordedKey);
  const [savedKey, setSavedKey] = useState(recordedKey);
  if (seenKey !== recordedKey) {
    setSeenKey(recordedKey);
    if (recordedKey !== savedKey) {
      setSavedKey(recordedKey);
      setLegs(recorded.length > 0 ? recorded : emptyLegs(bounds));
    }
  }
  const commit = (next: string[]) => {
    const named = namedLegs(next);
    if (named.join('\n') === savedKey) return;
    setSavedKey(named.join('\n'));
    onCommit(named.length > 0 ? { type: 'count', legs: named } : null);
  };
  return (
    <fieldset className="field legs" disabled={isDisabled}>
      <legend>{t('runs.detail.legs', { unit: item.unit })}</legend>
      {boundsText(t, bounds) && <p className="muted small">{boundsText(t, bounds)}</p>}
      {legs.map((leg, index) => {
        const label = t('runs.detail.legName', { unit: item.unit, index: index + 1 });
        return (
          <div className="leg" key={index}>
            <TextField
              aria-label={label}
              value={leg}
              onChange={(value) => setLegs(legs.map((old, i) => (i === index ? value : old)))}
              onBlur={() => commit(legs)}
              isDisabled={isDisabled}
            >
              <Input
                placeholder={label}
                onKeyDown={(event) => {
                  if (event.key !== 'Enter') return;
                  commit(legs);
                  // On to the next leg; after the last one, back to the row.
                  const next = event.currentTarget
                    .closest('.leg')
                    ?.nextElementSibling?.querySelector<HTMLInputElement>('input');
                  if (next) next.focus();
                  else focusSelectedRow();
                }}
                {...(index === 0 ? { 'data-autofocus': true } : {})}
              />
            </TextField>
            <Button
              className="icon-button"
              aria-label={t('runs.detail.removeLeg', { name: leg || label })}
              isDisabled={isDisabled}
              onPress={() => {
                const next = legs.filter((_, i) => i !== index);
                setLegs(next);
                commit(next);
              }}
            >
              <X aria-hidden size={15} />
            </Button>
          </div>
        );
      })}
      <Button
        className="button small"
        isDisabled={isDisabled}
        onPress={() => setLegs([...legs, ''])}
      >
        <Plus aria-hidden size={14} />
        {t('runs.detail.addLeg', { unit: item.unit })}
      </Button>
    </fieldset>
  );
}

function namedLegs(legs: readonly string[]): string[] {
  return legs.map((leg) => leg.trim()).filter(Boolean);
}

function ChoiceEditor({
  item,
  answer,
  isDisabled,
  onCommit,
}: EditorProps & { item: Extract<Item, { type: 'choice' }> }) {
  const { t } = useTranslation();
  const selected = answer?.value?.type === 'choice' ? answer.value.choiceId : null;
  return (
    <RadioGroup
      className="field choice-group"
      value={selected}
      isDisabled={isDisabled}
      onChange={(choiceId) => onCommit({ type: 'choice', choiceId })}
    >
      <Label>{t('runs.detail.value')}</Label>
      {item.choices.map((choice) => (
        <Radio key={choice.id} value={choice.id} className="radio">
          <span>{choice.label}</span>
          <span className={`choice-verdict ${choice.acceptable ? 'ok' : 'bad'}`}>
            {choice.acceptable ? (
              <CircleCheck aria-hidden size={13} />
            ) : (
              <CircleX aria-hidden size={13} />
            )}
            {choice.acceptable ? t('runs.detail.acceptable') : t('runs.detail.notAcceptable')}
          </span>
        </Radio>
      ))}
    </RadioGroup>
  );
}

function TextEditor({
  item,
  answer,
  isDisabled,
  onCommit,
}: EditorProps & { item: Extract<Item, { type: 'text' }> }) {
  const { t } = useTranslation();
  return (
    <CommitField
      label={t('runs.detail.text')}
      recorded={answer?.value?.type === 'text' ? answer.value.text : ''}
      isDisabled={isDisabled}
      isMultiline={item.multiline}
      toValue={(text) => (text.trim() ? { type: 'text', text } : null)}
      onCommit={onCommit}
    />
  );
}

function DateEditor({ answer, isDisabled, onCommit }: EditorProps) {
  const { t } = useTranslation();
  const recorded = answer?.value?.type === 'date' ? answer.value.date : '';
  const [date, setDate] = useState(recorded);
  // Saved when the field loses focus or on Enter, and only when the date changed (like CommitField).
  const commit = () => {
    if (date === recorded) return;
    onCommit(date ? { type: 'date', date } : null);
  };
  return (
    <DateField
      label={t('runs.detail.date')}
      value={date}
      onChange={setDate}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key !== 'Enter') return;
        commit();
        focusSelectedRow();
      }}
      isDisabled={isDisabled}
      isFocusTarget
    />
  );
}
