// Field-by-field comparison of one item across two definition versions, shared by the diff (what
// changed) and the answer migration (which answers must be re-checked). When adding an item field
// to schema.ts, add it to COMPARED_ITEM_FIELDS too.
import type { Item } from './schema';
import { canonicalThreshold } from './thresholds';

export const COMPARED_ITEM_FIELDS = [
  'title',
  'type',
  'severity',
  'min',
  'max',
  'unit',
  'choices',
  'dependsOn',
  'when',
  'evidence',
  'change',
  'estimateMinutes',
  'guidance',
  'department',
  'tags',
  'multiline',
  'sla',
] as const;

export type ItemField = (typeof COMPARED_ITEM_FIELDS)[number];

export interface FieldChange {
  field: ItemField;
  /** undefined when the field is absent in that version. */
  from: unknown;
  to: unknown;
}

/** Lists whose order carries no meaning are compared as sets. */
const UNORDERED_FIELDS: ReadonlySet<ItemField> = new Set(['dependsOn', 'tags']);
/** Thresholds are compared by meaning: "seats/20" and "seats / 20" are the same expression. */
const THRESHOLD_FIELDS: ReadonlySet<ItemField> = new Set(['min', 'max']);

export function compareItems(from: Item, to: Item): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of COMPARED_ITEM_FIELDS) {
    const before = fieldOf(from, field);
    const after = fieldOf(to, field);
    const isSame = UNORDERED_FIELDS.has(field)
      ? isSameValue(sortedList(before), sortedList(after))
      : THRESHOLD_FIELDS.has(field)
        ? isSameValue(canonicalThreshold(before), canonicalThreshold(after))
        : isSameValue(before, after);
    if (!isSame) changes.push({ field, from: before, to: after });
  }
  return changes;
}

function fieldOf(item: Item, field: ItemField): unknown {
  return Object.hasOwn(item, field) ? (item as Record<string, unknown>)[field] : undefined;
}

function sortedList(value: unknown): unknown {
  return Array.isArray(value) ? [...value].map(String).sort() : value;
}

/** Deep equality for the plain data a parsed definition holds (no cycles, no class instances). */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((value, index) => isSameValue(value, b[index]))
    );
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every(
      (key) =>
        Object.hasOwn(b, key) &&
        isSameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}
