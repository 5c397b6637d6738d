// The checklist definitions the comparison views may consult, by id and version: item estimates
// (the remaining work of a snapshot), titles, sections and items of each version (what exists in
// only one version), SLA metadata and department titles. The caller loads them (the app's
// definition store, the hub's /v1/definitions). Every view also works without the definition of a
// version, from what the snapshots and reports carry, and says where that is less exact.
import type { ChecklistDefinition, Item } from '../definitions/schema';
import { compareSemver } from '../definitions/semver';

export interface DefinitionCatalog {
  get(id: string, version: string): ChecklistDefinition | undefined;
  /** Versions of a definition held in the catalog, ascending. */
  versions(id: string): string[];
  all(): readonly ChecklistDefinition[];
}

/** One item of a definition with where it lives. */
export interface CatalogItem {
  item: Item;
  sectionId: string;
  /** The item's department, else its section's. */
  department: string;
  /** Position in the definition, for stable ordering. */
  index: number;
}

export function definitionCatalog(definitions: Iterable<ChecklistDefinition>): DefinitionCatalog {
  const byKey = new Map<string, ChecklistDefinition>();
  for (const definition of definitions)
    byKey.set(keyOf(definition.id, definition.version), definition);
  const list = [...byKey.values()];
  return {
    get: (id, version) => byKey.get(keyOf(id, version)),
    versions: (id) =>
      list
        .filter((definition) => definition.id === id)
        .map((definition) => definition.version)
        .sort(compareSemver),
    all: () => list,
  };
}

export const EMPTY_CATALOG: DefinitionCatalog = definitionCatalog([]);

function keyOf(id: string, version: string): string {
  return `${id}@${version}`;
}

// A parsed definition is immutable (a published version never changes), so its index is cached.
const itemIndexes = new WeakMap<ChecklistDefinition, ReadonlyMap<string, CatalogItem>>();

/** Items of a definition by id, in definition order (first occurrence wins). */
export function catalogItems(definition: ChecklistDefinition): ReadonlyMap<string, CatalogItem> {
  let index = itemIndexes.get(definition);
  if (index === undefined) {
    const built = new Map<string, CatalogItem>();
    let position = 0;
    for (const section of definition.sections) {
      for (const item of section.items) {
        if (!built.has(item.id)) {
          built.set(item.id, {
            item,
            sectionId: section.id,
            department: item.department ?? section.department,
            index: position,
          });
        }
        position += 1;
      }
    }
    index = built;
    itemIndexes.set(definition, index);
  }
  return index;
}

/** Department titles of every definition in the catalog; later versions win. */
export function departmentTitles(catalog: DefinitionCatalog): Map<string, string> {
  const titles = new Map<string, string>();
  const ordered = [...catalog.all()].sort((a, b) => compareSemver(a.version, b.version));
  for (const definition of ordered) {
    for (const department of definition.departments) titles.set(department.id, department.title);
  }
  return titles;
}
