// Which items of a definition a run shows: an item's `when` is evaluated against the run's
// parameters. An expression that does not parse (or fails to evaluate) hides nothing: the item
// stays visible and the problem is reported, because silently dropping a check is worse.
// Also the item index: lookup by id with its section and effective department.
import { evaluateExpression, parseExpression } from '../definitions/expression';
import type { ChecklistDefinition, Item, ParameterValues, Section } from '../definitions/schema';

/** An item with where it lives and which department owns it (item override, else section). */
export interface ItemRef {
  item: Item;
  section: Section;
  department: string;
  /** Position in the definition, for stable ordering. */
  index: number;
}

export interface ExpressionProblem {
  itemId: string;
  when: string;
  message: string;
  /** Character offset of the problem in `when`, when known. */
  offset?: number;
}

export interface RunVisibility {
  visible: ItemRef[];
  hidden: ItemRef[];
  /** Items whose `when` could not be used; they are among `visible`. */
  problems: ExpressionProblem[];
  isVisible(itemId: string): boolean;
}

type ParseResult = ReturnType<typeof parseExpression>;

// Parsing is pure, so caching by source text is safe; bounded so a long session cannot grow it.
const parseCache = new Map<string, ParseResult>();
const PARSE_CACHE_LIMIT = 2_000;

function parseCached(source: string): ParseResult {
  let parsed = parseCache.get(source);
  if (!parsed) {
    parsed = parseExpression(source);
    if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.clear();
    parseCache.set(source, parsed);
  }
  return parsed;
}

export interface WhenResult {
  visible: boolean;
  /** Set when `when` could not be used; the item is then visible. */
  problem?: { message: string; offset?: number };
}

/** Evaluates an item's `when` against parameter values. No `when` means always visible. */
export function evaluateWhen(when: string | undefined, parameters: ParameterValues): WhenResult {
  if (when === undefined) return { visible: true };
  const parsed = parseCached(when);
  if (!parsed.ok) {
    return {
      visible: true,
      problem: { message: parsed.error.message, offset: parsed.error.offset },
    };
  }
  try {
    return { visible: evaluateExpression(parsed.expression, parameters) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { visible: true, problem: { message } };
  }
}

const indexCache = new WeakMap<ChecklistDefinition, Map<string, ItemRef>>();

/** Every item of the definition by id (visible or not), with section and effective department. */
export function itemIndex(definition: ChecklistDefinition): ReadonlyMap<string, ItemRef> {
  let index = indexCache.get(definition);
  if (!index) {
    index = new Map();
    let position = 0;
    for (const section of definition.sections) {
      for (const item of section.items) {
        const ref = { item, section, department: item.department ?? section.department };
        index.set(item.id, { ...ref, index: position++ });
      }
    }
    indexCache.set(definition, index);
  }
  return index;
}

/** The item with its section and effective department, or undefined when the id is unknown. */
export function findItem(definition: ChecklistDefinition, itemId: string): ItemRef | undefined {
  return itemIndex(definition).get(itemId);
}

/** Splits the definition's items into visible and hidden for a run's parameters. */
export function runVisibility(
  definition: ChecklistDefinition,
  run: { parameters: ParameterValues },
): RunVisibility {
  const visible: ItemRef[] = [];
  const hidden: ItemRef[] = [];
  const problems: ExpressionProblem[] = [];
  const visibleIds = new Set<string>();
  for (const ref of itemIndex(definition).values()) {
    const result = evaluateWhen(ref.item.when, run.parameters);
    if (result.problem) {
      problems.push({ itemId: ref.item.id, when: ref.item.when ?? '', ...result.problem });
    }
    if (result.visible) {
      visible.push(ref);
      visibleIds.add(ref.item.id);
    } else {
      hidden.push(ref);
    }
  }
  return { visible, hidden, problems, isVisible: (itemId) => visibleIds.has(itemId) };
}

/** The visible items of a run, in definition order. */
export function visibleItems(
  definition: ChecklistDefinition,
  run: { parameters: ParameterValues },
): ItemRef[] {
  return runVisibility(definition, run).visible;
}

/** The title of a department id, falling back to the id. */
export function departmentTitle(definition: ChecklistDefinition, departmentId: string): string {
  return definition.departments.find((d) => d.id === departmentId)?.title ?? departmentId;
}
