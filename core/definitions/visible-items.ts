// Which items a run shows: those without `when`, or whose `when` is true for the run's parameter
// values. An expression that does not parse (only possible in a definition that skipped
// validation) shows the item: hiding a go-live check by accident is worse than showing one.
import { evaluateExpression, parseExpression } from './expression';
import type { ChecklistDefinition, Item, ParameterValues } from './schema';

export function isItemVisible(item: Item, values: ParameterValues): boolean {
  if (item.when === undefined) return true;
  const parsed = parseExpression(item.when);
  return parsed.ok ? evaluateExpression(parsed.expression, values) : true;
}

export function resolveVisibleItems(
  definition: ChecklistDefinition,
  values: ParameterValues,
): Item[] {
  return definition.sections.flatMap((section) =>
    section.items.filter((item) => isItemVisible(item, values)),
  );
}
