// Checks a value an administrator records against the item it is for, and normalises it
// (trimmed leg names and text). Whether an accepted value *passes* the item's rule (min/max,
// "two of everything", acceptable choices) is evaluation.ts's business, not this file's.
import type { Item } from '../definitions/schema';
import { isValidDate } from './dates';
import type { AnswerValue } from './model';
import { ANSWER_LIMITS } from './model';

export type ValueCheck = { ok: true; value: AnswerValue } | { ok: false; message: string };

function refuse(message: string): ValueCheck {
  return { ok: false, message };
}

/** Validates `value` for `item`; on success returns the normalised value to store. */
export function checkValue(item: Item, value: AnswerValue): ValueCheck {
  if (item.type === 'check') return refuse('A check item takes no value: just mark it done.');
  if (value.type !== item.type) {
    return refuse(`This item takes a ${item.type} value, not a ${value.type}.`);
  }
  switch (value.type) {
    case 'number':
      if (typeof value.value !== 'number' || !Number.isFinite(value.value)) {
        return refuse('Enter a number, like 250.');
      }
      return { ok: true, value: { type: 'number', value: value.value } };
    case 'count': {
      if (!Array.isArray(value.legs)) return refuse('Name each one, e.g. each ISP line.');
      if (value.legs.length > ANSWER_LIMITS.countLegs) return refuse('Too many names.');
      const legs = value.legs.map((leg) => (typeof leg === 'string' ? leg.trim() : ''));
      if (legs.some((leg) => leg === ''))
        return refuse('Every one needs a name; remove empty ones.');
      if (legs.some((leg) => leg.length > ANSWER_LIMITS.legName))
        return refuse('A name is too long.');
      const seen = new Set<string>();
      for (const leg of legs) {
        const key = leg.toLowerCase();
        if (seen.has(key))
          return refuse(`"${leg}" is named twice; each one must be a different one.`);
        seen.add(key);
      }
      return { ok: true, value: { type: 'count', legs } };
    }
    case 'choice': {
      if (item.type !== 'choice') return refuse('Not a choice item.');
      if (!item.choices.some((c) => c.id === value.choiceId)) {
        const ids = item.choices.map((c) => c.id).join(', ');
        return refuse(`Pick one of the listed choices (${ids}).`);
      }
      return { ok: true, value: { type: 'choice', choiceId: value.choiceId } };
    }
    case 'text': {
      const text = typeof value.text === 'string' ? value.text.trim() : '';
      if (text === '') return refuse('Write something, or clear the value instead.');
      if (text.length > ANSWER_LIMITS.text) return refuse('The text is too long.');
      return { ok: true, value: { type: 'text', text } };
    }
    case 'date':
      if (typeof value.date !== 'string' || !isValidDate(value.date)) {
        return refuse('Enter a real date as YYYY-MM-DD, like 2025-06-30.');
      }
      return { ok: true, value: { type: 'date', date: value.date } };
    default:
      return refuse('Unknown kind of value.');
  }
}

/** Item types that need a value before they can be done. */
export function needsValue(item: Item): boolean {
  return item.type !== 'check';
}
