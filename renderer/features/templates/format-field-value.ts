// One item field's value as text for the compare view: words for enums and booleans, lists joined,
// durations for estimates. When adding an item field (core/definitions/item-changes.ts), add a
// label in the templates strings (fields.*) and, if it is not plain text, a case here.
import type { TFunction } from 'i18next';
import type { ItemField } from '../../../core/definitions';
import { formatMinutes } from './format-estimate';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Choices show their label, and say when an answer is not acceptable. */
function listText(t: TFunction, values: readonly unknown[]): string {
  return values
    .map((value) => {
      if (!isRecord(value) || typeof value.label !== 'string') return String(value);
      return value.acceptable === false
        ? `${value.label} (${t('templates.items.notAcceptable')})`
        : value.label;
    })
    .join(', ');
}

export function formatFieldValue(t: TFunction, field: ItemField, value: unknown): string {
  if (value === undefined || value === null) return t('templates.diff.none');
  switch (field) {
    case 'severity':
      return t(`templates.severity.${String(value)}`);
    case 'evidence':
      return t(`templates.evidence.${String(value)}`);
    case 'type':
      return t(`templates.itemType.${String(value)}`);
    case 'estimateMinutes':
      return typeof value === 'number' ? formatMinutes(t, value) : String(value);
    default:
      break;
  }
  if (typeof value === 'boolean') return value ? t('templates.items.yes') : t('templates.items.no');
  if (Array.isArray(value))
    return value.length === 0 ? t('templates.diff.none') : listText(t, value);
  if (isRecord(value)) return JSON.stringify(value);
  return String(value);
}
