// Item by item across runs on different versions of one template: for every item id of any of the
// compared versions, its status in each run. Items are matched by their stable ids (a retitled
// item is the same item); an item that exists in only some of the versions is flagged, and a run
// on a version without it reads 'not-in-version' rather than 'open', so a removed check never looks
// like an unfinished one. 'hidden': the item is in the run's version but its parameters hide it.
// What a version holds comes from its definition in the catalog, else from the runs on it.
import type { DefinitionCatalog } from './catalog';
import { EMPTY_CATALOG } from './catalog';
import { compareSemver } from '../definitions/semver';
import type { ItemStatus } from '../runs/model';
import type { RolloutObservation } from './observe-rollout';
import { byOfficeThenRun } from './order';

export type ComparedStatus = ItemStatus | 'hidden' | 'not-in-version';

export interface ComparedRun {
  runId: string;
  office: string;
  runName: string;
  definitionVersion: string;
}

export interface ComparedItem {
  itemId: string;
  /** The title in the newest version that has the item. */
  title: string;
  /** Its section in that version, when known. */
  sectionId: string | null;
  inVersions: string[];
  notInVersions: string[];
  /** In every compared version. */
  isShared: boolean;
  /** One per run, aligned with ItemComparison.runs. */
  statuses: ComparedStatus[];
  /** Every run that shows the item has it in the same status. */
  isUniform: boolean;
}

export interface ItemComparison {
  definitionId: string;
  /** Ascending. */
  versions: string[];
  /** By version, then office and run name. */
  runs: ComparedRun[];
  /** The newest version's order, then items of older versions only (newest first). */
  items: ComparedItem[];
  sharedItems: number;
  versionOnlyItems: number;
}

export interface CompareItemsOptions {
  definitionId: string;
  catalog?: DefinitionCatalog;
  /** Compare only these runs; all runs of the template otherwise. */
  runIds?: readonly string[];
}

interface VersionItems {
  /** Item id -> title and section, in definition order. */
  items: Map<string, { title: string; sectionId: string | null }>;
}

export function compareRunItems(
  observations: Iterable<RolloutObservation>,
  options: CompareItemsOptions,
): ItemComparison {
  const catalog = options.catalog ?? EMPTY_CATALOG;
  const wanted = options.runIds === undefined ? undefined : new Set(options.runIds);
  const runs = [...observations]
    .filter(
      (run) =>
        run.definitionId === options.definitionId &&
        (wanted === undefined || wanted.has(run.runId)),
    )
    .sort(
      (a, b) => compareSemver(a.definitionVersion, b.definitionVersion) || byOfficeThenRun(a, b),
    );
  const versions = [...new Set(runs.map((run) => run.definitionVersion))].sort(compareSemver);
  const byVersion = new Map<string, VersionItems>();
  for (const version of versions) {
    byVersion.set(
      version,
      versionItems(
        options.definitionId,
        version,
        runs.filter((run) => run.definitionVersion === version),
        catalog,
      ),
    );
  }

  const universe = new Map<string, { title: string; sectionId: string | null }>();
  for (const version of [...versions].reverse()) {
    for (const [itemId, info] of byVersion.get(version)?.items ?? []) {
      if (!universe.has(itemId)) universe.set(itemId, info);
    }
  }

  const items: ComparedItem[] = [];
  for (const [itemId, info] of universe) {
    const inVersions = versions.filter((version) => byVersion.get(version)?.items.has(itemId));
    const statuses = runs.map((run): ComparedStatus => {
      if (!inVersions.includes(run.definitionVersion)) return 'not-in-version';
      return run.items.get(itemId) ?? 'hidden';
    });
    const shown = statuses.filter((status) => status !== 'not-in-version' && status !== 'hidden');
    items.push({
      itemId,
      title: info.title,
      sectionId: info.sectionId,
      inVersions,
      notInVersions: versions.filter((version) => !inVersions.includes(version)),
      isShared: inVersions.length === versions.length,
      statuses,
      isUniform: shown.every((status) => status === shown[0]),
    });
  }
  const sharedItems = items.filter((item) => item.isShared).length;
  return {
    definitionId: options.definitionId,
    versions,
    runs: runs.map(({ runId, office, runName, definitionVersion }) => ({
      runId,
      office,
      runName,
      definitionVersion,
    })),
    items,
    sharedItems,
    versionOnlyItems: items.length - sharedItems,
  };
}

function versionItems(
  definitionId: string,
  version: string,
  runs: readonly RolloutObservation[],
  catalog: DefinitionCatalog,
): VersionItems {
  const items: VersionItems['items'] = new Map();
  const definition = catalog.get(definitionId, version);
  if (definition !== undefined) {
    for (const section of definition.sections) {
      for (const item of section.items) {
        if (!items.has(item.id)) items.set(item.id, { title: item.title, sectionId: section.id });
      }
    }
    return { items };
  }
  for (const run of runs) {
    const known = [...run.items.keys(), ...(run.hiddenItems ?? [])];
    for (const itemId of known) {
      if (!items.has(itemId)) {
        items.set(itemId, {
          title: run.itemTitles.get(itemId) ?? itemId,
          sectionId: run.itemSections.get(itemId) ?? null,
        });
      }
    }
  }
  return { items };
}
