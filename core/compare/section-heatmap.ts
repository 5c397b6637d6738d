// Which sections always lag: a section x run matrix of one template's rollouts, ACROSS its
// versions. Sections and items are matched by their stable ids, so a section renamed in 1.1.0 is
// still one row. A cell holds the section's percent complete in that run and its lag: section
// percent minus the run's overall percent (negative = behind the rest of the run). A section that
// does not exist in a run's version is marked "not in version x", and a section hidden by the
// run's parameters is marked as having no items; neither counts towards the row's lag.
// Rows: sections that lag in the largest share of runs first, then by mean lag, then in the
// newest version's order; complete runs (every section at 100) cannot lag and do not count.
// Each row also lists the items of that section that exist in only some of the compared versions.
// What a version holds comes from its definition in the catalog, else from the runs on that
// version (a report lists only sections with a visible item, so without the definition a section
// nobody on that version sees reads as "not in version").
import { compareSemver } from '../definitions/semver';
import type { DefinitionCatalog } from './catalog';
import { EMPTY_CATALOG } from './catalog';
import type { RolloutObservation } from './observe-rollout';
import { byOfficeThenRun } from './order';

export interface HeatmapColumn {
  runId: string;
  office: string;
  runName: string;
  definitionVersion: string;
  percentComplete: number;
}

export type HeatmapCell =
  | {
      state: 'measured';
      percentComplete: number;
      /** Section percent minus the run's overall percent; negative = behind. */
      lag: number;
      total: number;
      resolved: number;
      blocked: number;
    }
  /** The section is in the run's version, but the run's parameters hide all of its items. */
  | { state: 'no-items' }
  | { state: 'not-in-version'; version: string };

/** An item that exists in this section in only some of the compared versions. */
export interface VersionOnlyItem {
  itemId: string;
  title: string;
  inVersions: string[];
  notInVersions: string[];
}

export interface HeatmapRow {
  sectionId: string;
  title: string;
  department: string;
  inVersions: string[];
  notInVersions: string[];
  /** One per column. */
  cells: HeatmapCell[];
  /** Measured cells of runs not yet complete (the ones that can lag). */
  measured: number;
  /** Share (0..1) of those cells with a negative lag; null when there are none. */
  lagShare: number | null;
  /** Mean lag of those cells, one decimal; null when there are none. */
  meanLag: number | null;
  versionOnlyItems: VersionOnlyItem[];
}

export interface SectionHeatmap {
  definitionId: string;
  /** Versions of the compared runs, ascending. */
  versions: string[];
  /** Runs, by office then run name. */
  columns: HeatmapColumn[];
  rows: HeatmapRow[];
}

export interface HeatmapOptions {
  definitionId: string;
  catalog?: DefinitionCatalog;
}

interface SectionInfo {
  title: string;
  department: string;
  position: number;
}

interface VersionShape {
  sections: Map<string, SectionInfo>;
  /** Item ids (with titles) per section; absent when the version's items are not known. */
  items: Map<string, Map<string, string>> | null;
}

export function buildSectionHeatmap(
  observations: Iterable<RolloutObservation>,
  options: HeatmapOptions,
): SectionHeatmap {
  const catalog = options.catalog ?? EMPTY_CATALOG;
  const runs = [...observations]
    .filter((observation) => observation.definitionId === options.definitionId)
    .sort(byOfficeThenRun);
  const versions = [...new Set(runs.map((run) => run.definitionVersion))].sort(compareSemver);
  const shapes = new Map(
    versions.map((version) => [
      version,
      versionShape(
        options.definitionId,
        version,
        runs.filter((run) => run.definitionVersion === version),
        catalog,
      ),
    ]),
  );
  const columns: HeatmapColumn[] = runs.map((run) => ({
    runId: run.runId,
    office: run.office,
    runName: run.runName,
    definitionVersion: run.definitionVersion,
    percentComplete: run.percentComplete,
  }));
  const runSections = runs.map(
    (run) => new Map(run.sections.map((section) => [section.sectionId, section])),
  );

  const universe = sectionUniverse(versions, shapes);
  const rows: HeatmapRow[] = [];
  for (const [sectionId, info] of universe) {
    const inVersions = versions.filter((version) => shapes.get(version)?.sections.has(sectionId));
    const cells = runs.map((run, index): HeatmapCell => {
      if (!shapes.get(run.definitionVersion)?.sections.has(sectionId)) {
        return { state: 'not-in-version', version: run.definitionVersion };
      }
      const section = runSections[index]?.get(sectionId);
      if (section === undefined || section.total === 0) return { state: 'no-items' };
      const percentComplete = Math.floor((section.resolved * 100) / section.total);
      return {
        state: 'measured',
        percentComplete,
        lag: percentComplete - run.percentComplete,
        total: section.total,
        resolved: section.resolved,
        blocked: section.blocked,
      };
    });
    // A complete run has every section at 100: it cannot lag, so it does not dilute the share.
    const lags = cells.flatMap((cell, index) =>
      cell.state === 'measured' && (runs[index]?.percentComplete ?? 100) < 100 ? [cell.lag] : [],
    );
    rows.push({
      sectionId,
      title: info.title,
      department: info.department,
      inVersions,
      notInVersions: versions.filter((version) => !inVersions.includes(version)),
      cells,
      measured: lags.length,
      lagShare: lags.length > 0 ? lags.filter((lag) => lag < 0).length / lags.length : null,
      meanLag:
        lags.length > 0
          ? Math.round((lags.reduce((sum, lag) => sum + lag, 0) / lags.length) * 10) / 10
          : null,
      versionOnlyItems: versionOnlyItems(sectionId, versions, shapes),
    });
  }
  const position = new Map([...universe.keys()].map((id, index) => [id, index]));
  rows.sort(
    (a, b) =>
      byNullable(a.lagShare, b.lagShare, -1) ||
      byNullable(a.meanLag, b.meanLag, 1) ||
      (position.get(a.sectionId) ?? 0) - (position.get(b.sectionId) ?? 0),
  );
  return { definitionId: options.definitionId, versions, columns, rows };
}

/** Nulls last in either direction; `direction` 1 is ascending, -1 descending. */
function byNullable(a: number | null, b: number | null, direction: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return (a - b) * direction;
}

function versionShape(
  definitionId: string,
  version: string,
  runs: readonly RolloutObservation[],
  catalog: DefinitionCatalog,
): VersionShape {
  const definition = catalog.get(definitionId, version);
  if (definition !== undefined) {
    const sections = new Map<string, SectionInfo>();
    const items = new Map<string, Map<string, string>>();
    definition.sections.forEach((section, position) => {
      sections.set(section.id, { title: section.title, department: section.department, position });
      items.set(section.id, new Map(section.items.map((item) => [item.id, item.title])));
    });
    return { sections, items };
  }
  const sections = new Map<string, SectionInfo>();
  let items: Map<string, Map<string, string>> | null = null;
  for (const run of runs) {
    for (const section of run.sections) {
      if (!sections.has(section.sectionId)) {
        sections.set(section.sectionId, {
          title: section.title,
          department: section.department,
          position: sections.size,
        });
      }
    }
    for (const [itemId, sectionId] of run.itemSections) {
      items ??= new Map();
      let list = items.get(sectionId);
      if (list === undefined) {
        list = new Map();
        items.set(sectionId, list);
      }
      if (!list.has(itemId)) list.set(itemId, run.itemTitles.get(itemId) ?? itemId);
    }
  }
  return { sections, items };
}

/** Every section of every version: the newest version's order, then older-only sections. */
function sectionUniverse(
  versions: readonly string[],
  shapes: ReadonlyMap<string, VersionShape>,
): Map<string, SectionInfo> {
  const universe = new Map<string, SectionInfo>();
  for (const version of [...versions].reverse()) {
    const shape = shapes.get(version);
    if (shape === undefined) continue;
    const ordered = [...shape.sections].sort((a, b) => a[1].position - b[1].position);
    for (const [id, info] of ordered) if (!universe.has(id)) universe.set(id, info);
  }
  return universe;
}

function versionOnlyItems(
  sectionId: string,
  versions: readonly string[],
  shapes: ReadonlyMap<string, VersionShape>,
): VersionOnlyItem[] {
  const known = versions.filter((version) => shapes.get(version)?.items !== null);
  if (known.length < 2) return [];
  const titles = new Map<string, string>();
  const presence = new Map<string, string[]>();
  for (const version of [...known].reverse()) {
    const items = shapes.get(version)?.items?.get(sectionId);
    for (const [itemId, title] of items ?? []) {
      if (!titles.has(itemId)) titles.set(itemId, title);
      const list = presence.get(itemId) ?? [];
      list.unshift(version);
      presence.set(itemId, list);
    }
  }
  const result: VersionOnlyItem[] = [];
  for (const [itemId, inVersions] of presence) {
    if (inVersions.length === known.length) continue;
    result.push({
      itemId,
      title: titles.get(itemId) ?? itemId,
      inVersions,
      notInVersions: known.filter((version) => !inVersions.includes(version)),
    });
  }
  return result;
}
