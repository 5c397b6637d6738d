// Semantic checks on ids: sections, items (across the whole file), departments, parameters and an
// item's choices are unique; departments named by sections and items are declared; no id collides
// with a built-in JavaScript property name (it would break lookups in plain objects).
import { locatedItems, type CheckContext } from './check-context';
import type { NodePath } from './problem';

/** kebab-case ids that are still property names of every JavaScript object. */
const RESERVED_IDS: ReadonlySet<string> = new Set(['constructor', 'prototype']);
/** Parameter ids are camelCase, so any Object.prototype member (toString, valueOf...) could collide. */
const RESERVED_PARAMETER_IDS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

export function checkIdentifiers(context: CheckContext): void {
  const { definition, report } = context;
  if (RESERVED_IDS.has(definition.id)) {
    report(['id'], `id "${definition.id}" is a reserved word: choose another id`);
  }

  const departments = uniqueIds(
    context,
    'department',
    definition.departments.map((department, index) => ({
      id: department.id,
      path: ['departments', index, 'id'],
    })),
  );
  uniqueIds(
    context,
    'parameter',
    definition.parameters.map((parameter, index) => ({
      id: parameter.id,
      path: ['parameters', index, 'id'],
    })),
  );
  uniqueIds(
    context,
    'section',
    definition.sections.map((section, index) => ({
      id: section.id,
      path: ['sections', index, 'id'],
    })),
  );
  const items = locatedItems(definition);
  uniqueIds(
    context,
    'item',
    items.map(({ item, path }) => ({ id: item.id, path: [...path, 'id'] })),
  );

  definition.parameters.forEach((parameter, index) => {
    if (RESERVED_PARAMETER_IDS.has(parameter.id)) {
      report(
        ['parameters', index, 'id'],
        `parameter id "${parameter.id}" is a built-in JavaScript name: choose another, like "${parameter.id}Value"`,
      );
    }
  });

  const declaredDepartments = [...departments.keys()].join(', ');
  definition.sections.forEach((section, index) => {
    if (!departments.has(section.department)) {
      report(
        ['sections', index, 'department'],
        `section "${section.id}": department "${section.department}" is not declared: add it under departments, or use one of ${declaredDepartments}`,
      );
    }
  });
  for (const { item, path } of items) {
    if (item.department !== undefined && !departments.has(item.department)) {
      report(
        [...path, 'department'],
        `item "${item.id}": department "${item.department}" is not declared: add it under departments, or use one of ${declaredDepartments}`,
      );
    }
    if (item.type === 'choice') {
      uniqueIds(
        context,
        'choice',
        item.choices.map((choice, index) => ({
          id: choice.id,
          path: [...path, 'choices', index, 'id'],
        })),
        `item "${item.id}": `,
      );
    }
  }
}

/** Reports repeated and reserved ids of one kind (`noun`); returns the first path of each id. */
function uniqueIds(
  context: CheckContext,
  noun: string,
  entries: readonly { id: string; path: NodePath }[],
  prefix = '',
): Map<string, NodePath> {
  const firstSeen = new Map<string, NodePath>();
  for (const { id, path } of entries) {
    const first = firstSeen.get(id);
    if (first !== undefined) {
      context.report(
        path,
        `${prefix}${noun} id "${id}" is already used at line ${context.lineOf(first)}: give each ${noun} its own id`,
      );
      continue;
    }
    firstSeen.set(id, path);
    if (RESERVED_IDS.has(id) && noun !== 'parameter') {
      context.report(path, `${prefix}${noun} id "${id}" is a reserved word: choose another id`);
    }
  }
  return firstSeen;
}
