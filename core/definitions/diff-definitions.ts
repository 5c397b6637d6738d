// What changed between two versions of a checklist definition, keyed by ids: items added, removed,
// changed (which fields) and moved to another section; sections added, removed and renamed;
// parameters added, removed and changed. Used by `npm run checklists:diff` and the app's
// "what is new in this version" view.
import { compareItems, isSameValue, type FieldChange } from './item-changes';
import type { ChecklistDefinition, Item, Parameter } from './schema';

export interface DefinitionRef {
  id: string;
  version: string;
}

export interface ItemRef {
  id: string;
  title: string;
  sectionId: string;
}

export interface ItemChange extends ItemRef {
  changes: FieldChange[];
}

export interface ItemMove extends ItemRef {
  fromSectionId: string;
}

export interface SectionRef {
  id: string;
  title: string;
}

export interface SectionRename {
  id: string;
  fromTitle: string;
  toTitle: string;
}

export interface ParameterChange {
  id: string;
  fields: (keyof Parameter)[];
}

export interface DefinitionDiff {
  from: DefinitionRef;
  to: DefinitionRef;
  items: { added: ItemRef[]; removed: ItemRef[]; changed: ItemChange[]; moved: ItemMove[] };
  sections: { added: SectionRef[]; removed: SectionRef[]; renamed: SectionRename[] };
  parameters: { added: string[]; removed: string[]; changed: ParameterChange[] };
}

const PARAMETER_FIELDS: readonly (keyof Parameter)[] = [
  'label',
  'type',
  'choices',
  'required',
  'help',
];

export function diffDefinitions(
  from: ChecklistDefinition,
  to: ChecklistDefinition,
): DefinitionDiff {
  const fromItems = itemsById(from);
  const toItems = itemsById(to);
  const items: DefinitionDiff['items'] = { added: [], removed: [], changed: [], moved: [] };
  for (const [id, after] of toItems) {
    const before = fromItems.get(id);
    if (before === undefined) {
      items.added.push(refOf(after));
      continue;
    }
    const changes = compareItems(before.item, after.item);
    if (changes.length > 0) items.changed.push({ ...refOf(after), changes });
    if (before.sectionId !== after.sectionId) {
      items.moved.push({ ...refOf(after), fromSectionId: before.sectionId });
    }
  }
  for (const [id, before] of fromItems) if (!toItems.has(id)) items.removed.push(refOf(before));

  const fromSections = new Map(from.sections.map((section) => [section.id, section]));
  const toSections = new Map(to.sections.map((section) => [section.id, section]));
  const sections: DefinitionDiff['sections'] = {
    added: to.sections
      .filter((section) => !fromSections.has(section.id))
      .map(({ id, title }) => ({ id, title })),
    removed: from.sections
      .filter((section) => !toSections.has(section.id))
      .map(({ id, title }) => ({ id, title })),
    renamed: to.sections.flatMap((section) => {
      const before = fromSections.get(section.id);
      return before !== undefined && before.title !== section.title
        ? [{ id: section.id, fromTitle: before.title, toTitle: section.title }]
        : [];
    }),
  };

  const fromParameters = new Map(from.parameters.map((parameter) => [parameter.id, parameter]));
  const toParameterIds = new Set(to.parameters.map((parameter) => parameter.id));
  const parameters: DefinitionDiff['parameters'] = {
    added: to.parameters
      .filter((parameter) => !fromParameters.has(parameter.id))
      .map((parameter) => parameter.id),
    removed: from.parameters
      .filter((parameter) => !toParameterIds.has(parameter.id))
      .map((parameter) => parameter.id),
    changed: to.parameters.flatMap((parameter) => {
      const before = fromParameters.get(parameter.id);
      const fields =
        before === undefined
          ? []
          : PARAMETER_FIELDS.filter((field) => !isSameValue(before[field], parameter[field]));
      return fields.length > 0 ? [{ id: parameter.id, fields }] : [];
    }),
  };

  return {
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    items,
    sections,
    parameters,
  };
}

export function isEmptyDiff(diff: DefinitionDiff): boolean {
  return [
    ...Object.values(diff.items),
    ...Object.values(diff.sections),
    ...Object.values(diff.parameters),
  ].every((list) => list.length === 0);
}

interface PlacedItem {
  item: Item;
  sectionId: string;
}

/** First occurrence wins (a validated definition has unique item ids). */
function itemsById(definition: ChecklistDefinition): Map<string, PlacedItem> {
  const byId = new Map<string, PlacedItem>();
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (!byId.has(item.id)) byId.set(item.id, { item, sectionId: section.id });
    }
  }
  return byId;
}

function refOf({ item, sectionId }: PlacedItem): ItemRef {
  return { id: item.id, title: item.title, sectionId };
}
