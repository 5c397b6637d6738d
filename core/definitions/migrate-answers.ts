// Moves a run's answers from one definition version to the next, by item id. Answers whose item
// kept its meaning carry over; answers whose item changed what counts as done (type, title,
// thresholds min/max/unit, which choices are acceptable, evidence now required, now a change item)
// carry over but are flagged for re-check with the reasons; answers whose item is gone are dropped.
// Generic in the answer type: the run model decides what an answer holds.
import { compareItems, type FieldChange } from './item-changes';
import { quoteValue } from './problem';
import type { ChecklistDefinition, Item } from './schema';

export interface RecheckEntry {
  itemId: string;
  reasons: string[];
}

export interface MigrationResult<A> {
  carried: Map<string, A>;
  recheck: RecheckEntry[];
  dropped: string[];
}

export function migrateAnswers<A>(
  from: ChecklistDefinition,
  to: ChecklistDefinition,
  answers: ReadonlyMap<string, A>,
): MigrationResult<A> {
  const fromItems = itemsById(from);
  const toItems = itemsById(to);
  const carried = new Map<string, A>();
  const recheck: RecheckEntry[] = [];
  const dropped: string[] = [];
  for (const [itemId, answer] of answers) {
    const after = toItems.get(itemId);
    if (after === undefined) {
      dropped.push(itemId);
      continue;
    }
    carried.set(itemId, answer);
    const before = fromItems.get(itemId);
    const reasons =
      before === undefined
        ? [`the item was not in version ${from.version}`]
        : recheckReasons(before, after);
    if (reasons.length > 0) recheck.push({ itemId, reasons });
  }
  return { carried, recheck, dropped };
}

/** Why an answer given under `before` may no longer hold under `after`; empty when it still holds. */
export function recheckReasons(before: Item, after: Item): string[] {
  return compareItems(before, after).flatMap((change) => reasonsFor(change, before, after));
}

function reasonsFor(change: FieldChange, before: Item, after: Item): string[] {
  switch (change.field) {
    case 'type':
    case 'title':
    case 'min':
    case 'max':
    case 'unit':
      return [`${change.field} changed from ${describe(change.from)} to ${describe(change.to)}`];
    case 'choices':
      return choiceReasons(before, after);
    case 'evidence':
      return change.to === 'required' ? ['evidence is now required'] : [];
    case 'change':
      return change.to === true ? ['it is now a change item: a rollback plan is required'] : [];
    default:
      return [];
  }
}

function choiceReasons(before: Item, after: Item): string[] {
  const beforeChoices = before.type === 'choice' ? before.choices : [];
  const afterChoices = new Map(
    (after.type === 'choice' ? after.choices : []).map((choice) => [choice.id, choice]),
  );
  return beforeChoices.flatMap((choice) => {
    const now = afterChoices.get(choice.id);
    if (now === undefined) return [`choice "${choice.id}" was removed`];
    if (now.acceptable !== choice.acceptable) {
      return [`choice "${choice.id}" is now ${now.acceptable ? 'acceptable' : 'not acceptable'}`];
    }
    return [];
  });
}

function describe(value: unknown): string {
  return value === undefined ? 'none' : quoteValue(value, 60);
}

function itemsById(definition: ChecklistDefinition): Map<string, Item> {
  const byId = new Map<string, Item>();
  for (const section of definition.sections) {
    for (const item of section.items) if (!byId.has(item.id)) byId.set(item.id, item);
  }
  return byId;
}
