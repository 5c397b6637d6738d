// Editors for an item's typed value. Each commits on blur or Enter (one durable action per
// commit), so typing never writes half a value. When adding an item type, add its editor here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
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
import type { Answer, AnswerValue } from '../../../core/runs';

interface EditorProps {
  item: Item;
  answer: Answer | undefined;
  isDisabled: boolean;
  onCommit: (value: AnswerValue | null) => void;
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

function rangeText(item: { min?: number; max?: number }, t: TFunction) {
  const parts = [];
  if (item.min !== undefined) parts.push(t('runs.detail.min', { min: item.min }));
  if (item.max !== undefined) parts.push(t('runs.detail.max', { max: item.max }));
  return parts.join(', ');
}

function NumberEditor({
  item,
  answer,
  isDisabled,
  onCommit,
}: EditorProps & { item: Extract<Item, { type: 'number' }> }) {
  const { t } = useTranslation();
  const recorded = answer?.value?.type === 'number' ? String(answer.value.value) : '';
  const [text, setText] = useState(recorded);
  const commit = () => {
    const trimmed = text.trim().replace(',', '.');
    if (trimmed === recorded) return;
    if (trimmed === '') return onCommit(null);
    onCommit({ type: 'number', value: Number(trimmed) });
  };
  const range = rangeText(item, t);
  return (
    <TextField
      className="field"
      value={text}
      onChange={setText}
      onBlur={commit}
      isDisabled={isDisabled}
    >
      <Label>
        {t('runs.detail.value')} ({item.unit})
      </Label>
      <Input
        inputMode="decimal"
        onKeyDown={(event) => event.key === 'Enter' && commit()}
        data-autofocus
      />
      {range && <span className="muted small">{t('runs.detail.range', { range })}</span>}
    </TextField>
  );
}

function CountEditor({
  item,
  answer,
  isDisabled,
  onCommit,
}: EditorProps & { item: Extract<Item, { type: 'count' }> }) {
  const { t } = useTranslation();
  const recorded = answer?.value?.type === 'count' ? answer.value.legs : [];
  const recordedKey = recorded.join('\n');
  const [legs, setLegs] = useState<string[]>(
    recorded.length > 0 ? recorded : Array(item.min).fill(''),
  );
  // Re-read the stored legs only when they change from outside (undo, a restore), never on the
  // echo of our own save, which can land while the next leg is being typed.
  const [seenKey, setSeenKey] = useState(recordedKey);
  const [savedKey, setSavedKey] = useState(recordedKey);
  if (seenKey !== recordedKey) {
    setSeenKey(recordedKey);
    if (recordedKey !== savedKey) {
      setSavedKey(recordedKey);
      setLegs(recorded.length > 0 ? recorded : Array(item.min).fill(''));
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
                onKeyDown={(event) => event.key === 'Enter' && commit(legs)}
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
  const recorded = answer?.value?.type === 'text' ? answer.value.text : '';
  const [text, setText] = useState(recorded);
  const commit = () => {
    if (text === recorded) return;
    onCommit(text.trim() ? { type: 'text', text } : null);
  };
  return (
    <TextField
      className="field"
      value={text}
      onChange={setText}
      onBlur={commit}
      isDisabled={isDisabled}
    >
      <Label>{t('runs.detail.text')}</Label>
      {item.multiline ? (
        <TextArea rows={4} data-autofocus />
      ) : (
        <Input onKeyDown={(event) => event.key === 'Enter' && commit()} data-autofocus />
      )}
    </TextField>
  );
}

function DateEditor({ answer, isDisabled, onCommit }: EditorProps) {
  const { t } = useTranslation();
  const recorded = answer?.value?.type === 'date' ? answer.value.date : '';
  const [date, setDate] = useState(recorded);
  const commit = () => {
    if (date === recorded) return;
    onCommit(date ? { type: 'date', date } : null);
  };
  return (
    <TextField
      className="field"
      value={date}
      onChange={setDate}
      onBlur={commit}
      isDisabled={isDisabled}
    >
      <Label>{t('runs.detail.date')}</Label>
      <Input type="date" onKeyDown={(event) => event.key === 'Enter' && commit()} data-autofocus />
    </TextField>
  );
}
