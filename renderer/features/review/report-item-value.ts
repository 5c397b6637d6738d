// A report item's recorded value as one line of text.
import type { ReportItem } from '../../../core/reports/report-format';

export function reportItemValue(item: ReportItem): string {
  const value = item.value;
  if (!value) return '';
  switch (value.type) {
    case 'number':
      return [String(value.value), item.unit].filter(Boolean).join(' ');
    case 'count':
      return value.legs.join(', ');
    case 'choice':
      return item.valueLabel ?? value.choiceId;
    case 'text':
      return value.text;
    case 'date':
      return value.date;
  }
}
