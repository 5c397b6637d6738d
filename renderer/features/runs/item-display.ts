// How an item's state reads on screen: its status plus the flags that matter under pressure
// (failing, waiting on another department, the waiver's state). Shared by the list, the detail and filters.
import type { Answer, ItemEvaluation, ItemStatus, WaitingItem } from '../../../core/runs';
import type { Item } from '../../../core/definitions/schema';
import { waiverStateOf, type WaiverState } from '../waivers/waiver-state';

export interface ItemDisplay {
  status: ItemStatus;
  isFailing: boolean;
  isWaiting: boolean;
  /** The waiver's state: requested and pending, approved, or refused (four eyes). */
  waiver?: WaiverState;
  failure?: string;
}

export function itemDisplay(
  answer: Answer | undefined,
  evaluation: ItemEvaluation | undefined,
  waiting: readonly WaitingItem[] | undefined,
): ItemDisplay {
  const status = answer?.status ?? 'open';
  return {
    status,
    isFailing: Boolean(evaluation?.failing),
    isWaiting: Boolean(waiting?.length) && status !== 'done' && status !== 'not-applicable',
    waiver: waiverStateOf(answer?.waiver),
    failure: evaluation?.failure,
  };
}

/** A one-line summary of the recorded value, for the list. */
export function valueSummary(item: Item, answer: Answer | undefined): string {
  const value = answer?.value;
  if (!value) return '';
  switch (value.type) {
    case 'number':
      return item.type === 'number' ? `${value.value} ${item.unit}` : String(value.value);
    case 'count':
      return value.legs.join(', ');
    case 'choice':
      return item.type === 'choice'
        ? (item.choices.find((choice) => choice.id === value.choiceId)?.label ?? value.choiceId)
        : value.choiceId;
    case 'text':
      return value.text.length > 80 ? `${value.text.slice(0, 80)}…` : value.text;
    case 'date':
      return value.date;
  }
}
