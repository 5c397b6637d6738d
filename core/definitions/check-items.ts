// Semantic checks on items: the item limit, fixed number thresholds in order (min <= max), and
// choice items with at least one acceptable answer. Expressions and item references as thresholds
// are check-thresholds.ts's.
import { locatedItems, type CheckContext } from './check-context';
import { LIMITS } from './schema';

export function checkItems({ definition, report }: CheckContext): void {
  const items = locatedItems(definition);
  if (items.length > LIMITS.items) {
    report(
      ['sections'],
      `the definition has ${items.length} items; at most ${LIMITS.items} are allowed: split it into smaller checklists`,
    );
  }
  for (const { item, path } of items) {
    if (
      item.type === 'number' &&
      typeof item.min === 'number' &&
      typeof item.max === 'number' &&
      item.min > item.max
    ) {
      report(
        [...path, 'min'],
        `item "${item.id}": min ${item.min} is greater than max ${item.max}: swap them or fix one`,
      );
    }
    if (item.type === 'choice' && !item.choices.some((choice) => choice.acceptable)) {
      report(
        [...path, 'choices'],
        `item "${item.id}": no choice is acceptable, so the item can never pass: mark at least one choice acceptable: true`,
      );
    }
  }
}
