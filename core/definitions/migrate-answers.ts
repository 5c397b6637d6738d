// Moves a run's answers from one definition version to the next, by item id. Answers whose item
// kept its meaning carry over; answers whose item changed what counts as done (type, title,
// thresholds min/max/unit, which choices are acceptable, evidence now required, now a change item)
// carry over but are flagged for re-check with the reasons; answers whose item is gone are dropped.
// Thresholds compare by meaning; given the run's parameters, a threshold that changed form but
// works out to the same figure for this run (2 -> "ceil(seats / 20)" with 40 seats) is no reason.
// Generic in the answer type: the run model decides what an answer holds.
import { compareItems, type FieldChange } from './item-changes';
import { quoteValue } from './problem';
import type { ChecklistDefinition, Item, ParameterValues, Threshold } from './schema';
import { canonicalThreshold, thresholdForm, thresholdForParameters } from './thresholds';

export interface MigrationOptions {
  /** The run's parameter values: thresholds are then compared as this run's figures. */
  parameters?: ParameterValues;
}

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
  options: MigrationOptions = {},
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
        : recheckReasons(before, after, options.parameters);
    if (reasons.length > 0) recheck.push({ itemId, reasons });
  }
  return { carried, recheck, dropped };
}

/** Why an answer given under `before` may no longer hold under `after`; empty when it still holds. */
export function recheckReasons(before: Item, after: Item, parameters?: ParameterValues): string[] {
  return compareItems(before, after).flatMap((change) =>
    reasonsFor(change, before, after, parameters),
  );
}

function reasonsFor(
  change: FieldChange,
  before: Item,
  after: Item,
  parameters: ParameterValues | undefined,
): string[] {
  switch (change.field) {
    case 'min':
    case 'max':
      return thresholdReasons(change, before, after, parameters);
    case 'type':
    case 'title':
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

function thresholdReasons(
  change: FieldChange,
  before: Item,
  after: Item,
  parameters: ParameterValues | undefined,
): string[] {
  const forRun = (item: Item, threshold: unknown): number | undefined => {
    if (parameters === undefined || !isThreshold(threshold)) return undefined;
    const value = thresholdForParameters(threshold, parameters, item.type === 'count');
    return value?.ok === true ? value.value : undefined;
  };
  const was = forRun(before, change.from);
  const now = forRun(after, change.to);
  if (was !== undefined && was === now && before.type === after.type) return [];
  const figure = now !== undefined && typeof change.to !== 'number' ? ` (${now} for this run)` : '';
  return [
    `${change.field} changed from ${describeThresholdValue(change.from)} to ${describeThresholdValue(change.to)}${figure}`,
  ];
}

function isThreshold(value: unknown): value is Threshold {
  return (
    typeof value === 'number' ||
    typeof value === 'string' ||
    (value !== null &&
      typeof value === 'object' &&
      typeof (value as { item?: unknown }).item === 'string')
  );
}

function describeThresholdValue(value: unknown): string {
  if (!isThreshold(value)) return describe(value);
  const form = thresholdForm(value);
  if (form.form === 'item') return `the answer to "${form.itemId}"`;
  return form.form === 'fixed' ? String(form.value) : quoteValue(canonicalThreshold(value), 60);
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
