// Which part of the draft the editor shows (the outline's selection), as a value, as a key for
// the outline's list and as the field path prefix its problems have; and the structural edits
// (add, remove, move items and sections) as pure functions over the draft's sections.
import type { DraftDocument, DraftItem, DraftSection } from '../../../storage/draft-repository';

export type DraftSelection =
  | { kind: 'details' }
  | { kind: 'departments' }
  | { kind: 'parameters' }
  | { kind: 'section'; section: number }
  | { kind: 'item'; section: number; item: number };

export function selectionKey(selection: DraftSelection): string {
  switch (selection.kind) {
    case 'section':
      return `section:${selection.section}`;
    case 'item':
      return `item:${selection.section}:${selection.item}`;
    default:
      return selection.kind;
  }
}

export function selectionFromKey(key: string): DraftSelection {
  const [kind, a, b] = key.split(':');
  if (kind === 'section') return { kind, section: Number(a) };
  if (kind === 'item') return { kind, section: Number(a), item: Number(b) };
  if (kind === 'departments' || kind === 'parameters') return { kind };
  return { kind: 'details' };
}

/** The part of the draft a problem's field belongs to: `sections.2.items.0.min` -> item 2/0. */
export function selectionOfField(field: string): DraftSelection {
  const parts = field.split('.');
  if (parts[0] === 'sections' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const section = Number(parts[1]);
    if (parts[2] === 'items' && parts[3] !== undefined && /^\d+$/.test(parts[3])) {
      return { kind: 'item', section, item: Number(parts[3]) };
    }
    return { kind: 'section', section };
  }
  if (parts[0] === 'departments') return { kind: 'departments' };
  if (parts[0] === 'parameters') return { kind: 'parameters' };
  return { kind: 'details' };
}

/** The field path prefix of a selection's problems ('' for the details: they are the rest). */
export function fieldOfSelection(selection: DraftSelection): string {
  switch (selection.kind) {
    case 'section':
      return `sections.${selection.section}`;
    case 'item':
      return `sections.${selection.section}.items.${selection.item}`;
    case 'departments':
    case 'parameters':
      return selection.kind;
    case 'details':
      return '';
  }
}

/** A selection that still exists in `document` (after a removal), else the nearest one. */
export function clampSelection(selection: DraftSelection, document: DraftDocument): DraftSelection {
  if (selection.kind !== 'section' && selection.kind !== 'item') return selection;
  const sections = document.sections;
  if (sections.length === 0) return { kind: 'details' };
  const section = Math.min(selection.section, sections.length - 1);
  if (selection.kind === 'section') return { kind: 'section', section };
  const items = sections[section]?.items ?? [];
  if (items.length === 0) return { kind: 'section', section };
  return { kind: 'item', section, item: Math.min(selection.item, items.length - 1) };
}

export interface SectionsEdit {
  sections: DraftSection[];
  selection: DraftSelection;
}

function replaceItems(
  sections: readonly DraftSection[],
  index: number,
  items: DraftItem[],
): DraftSection[] {
  return sections.map((section, at) => (at === index ? { ...section, items } : section));
}

export function insertItem(
  sections: readonly DraftSection[],
  section: number,
  at: number,
  item: DraftItem,
): SectionsEdit {
  const items = [...(sections[section]?.items ?? [])];
  const position = Math.max(0, Math.min(at, items.length));
  items.splice(position, 0, item);
  return {
    sections: replaceItems(sections, section, items),
    selection: { kind: 'item', section, item: position },
  };
}

export function removeItem(
  sections: readonly DraftSection[],
  section: number,
  item: number,
): SectionsEdit {
  const items = (sections[section]?.items ?? []).filter((_, at) => at !== item);
  const next = replaceItems(sections, section, items);
  return {
    sections: next,
    selection:
      items.length === 0
        ? { kind: 'section', section }
        : { kind: 'item', section, item: Math.min(item, items.length - 1) },
  };
}

/** Moves an item up (-1) or down (+1) within its section; at either end nothing changes. */
export function moveItem(
  sections: readonly DraftSection[],
  section: number,
  item: number,
  delta: -1 | 1,
): SectionsEdit {
  const items = [...(sections[section]?.items ?? [])];
  const target = item + delta;
  const moving = items[item];
  if (moving === undefined || target < 0 || target >= items.length) {
    return { sections: [...sections], selection: { kind: 'item', section, item } };
  }
  items.splice(item, 1);
  items.splice(target, 0, moving);
  return {
    sections: replaceItems(sections, section, items),
    selection: { kind: 'item', section, item: target },
  };
}

/** Moves an item to the end of another section; its id, and so its answers, stay the same. */
export function moveItemToSection(
  sections: readonly DraftSection[],
  section: number,
  item: number,
  target: number,
): SectionsEdit {
  const moving = sections[section]?.items[item];
  if (moving === undefined || target === section || sections[target] === undefined) {
    return { sections: [...sections], selection: { kind: 'item', section, item } };
  }
  const without = replaceItems(
    sections,
    section,
    (sections[section]?.items ?? []).filter((_, at) => at !== item),
  );
  const targetItems = [...(without[target]?.items ?? []), moving];
  return {
    sections: replaceItems(without, target, targetItems),
    selection: { kind: 'item', section: target, item: targetItems.length - 1 },
  };
}

export function moveSection(
  sections: readonly DraftSection[],
  section: number,
  delta: -1 | 1,
): SectionsEdit {
  const next = [...sections];
  const target = section + delta;
  const moving = next[section];
  if (moving === undefined || target < 0 || target >= next.length) {
    return { sections: next, selection: { kind: 'section', section } };
  }
  next.splice(section, 1);
  next.splice(target, 0, moving);
  return { sections: next, selection: { kind: 'section', section: target } };
}

/** Removes a section that has no items left (items are removed or moved one by one, on purpose). */
export function removeEmptySection(
  sections: readonly DraftSection[],
  section: number,
): SectionsEdit {
  if ((sections[section]?.items.length ?? 0) > 0) {
    return { sections: [...sections], selection: { kind: 'section', section } };
  }
  const next = sections.filter((_, at) => at !== section);
  return {
    sections: next,
    selection:
      next.length === 0
        ? { kind: 'details' }
        : { kind: 'section', section: Math.min(section, next.length - 1) },
  };
}
