// One run's facts in a single shape, whether they come from its latest progress snapshot or from
// its signed report, so every comparison view reads the same thing. Which one counts:
// - a signed or countersigned report is final: its figures win over any snapshot;
// - otherwise the newer of the two (a run sent back and reopened pushes snapshots after the
//   report), and the sign-off state still comes from the report.
// Remaining work: the estimates of the visible items still open or blocked. Exact from a report
// (its items carry estimates) and from a snapshot whose definition is in the catalog (its item
// statuses name the items); otherwise approximated per section from the snapshot's section
// estimates, in proportion to the section's unresolved items (`remainingBasis: 'sections'`).
// Observed pace: actual against estimated minutes of timed done items (started strictly before
// finished, as computeProgress counts them). Only a report carries item timers; a snapshot carries
// the actual minutes but not the estimates of the items that were timed, so its pace is unknown
// unless the same run has a report (sent back and reopened), whose timed items are then used.
import type { DefinitionKind, ParameterValues } from '../definitions/schema';
import type { ReportBody } from '../reports/report-format';
import type { GateDecision } from '../runs/gate';
import type { ItemStatus } from '../runs/model';
import { actualMinutesOf } from '../runs/progress';
import type { ProgressSnapshot } from '../sync/wire-protocol';
import type { DefinitionCatalog } from './catalog';
import { EMPTY_CATALOG, catalogItems } from './catalog';
import type { SignOffState } from './sign-off-state';
import { isSignedOff, signOffStateOf } from './sign-off-state';
import type { RolloutSource } from './sources';
import { isBefore } from './sources';

export interface ObservedBlocker {
  itemId: string;
  title: string;
  department: string;
  reason: string;
}

export interface ObservedSection {
  sectionId: string;
  title: string;
  department: string;
  /** Visible items of the section in this run. */
  total: number;
  resolved: number;
  blocked: number;
  estimateMinutes: number;
  actualMinutes: number;
}

/** Actual against estimated minutes of the timed done items: like compared with like. */
export interface TimedWork {
  actualMinutes: number;
  estimateMinutes: number;
  items: number;
}

export interface RolloutObservation {
  runId: string;
  office: string;
  runName: string;
  kind: DefinitionKind;
  definitionId: string;
  definitionVersion: string;
  /** 'YYYY-MM-DD'. */
  plannedGoLive: string;
  /** The run's parameters; known only from a report ({} otherwise). */
  parameters: ParameterValues;
  /** Where the progress figures come from. */
  basis: 'snapshot' | 'report';
  /** takenAt of the snapshot or signedAt of the report the figures come from. */
  observedAt: string;
  decision: GateDecision;
  total: number;
  resolved: number;
  blocked: number;
  /** resolved / total, floored; 100 when nothing is visible (as computeProgress). */
  percentComplete: number;
  estimateMinutes: number;
  remainingEstimateMinutes: number;
  remainingBasis: 'items' | 'sections';
  actualMinutes: number;
  /** Null when no item was timed, or the figures come from a snapshot alone. */
  timed: TimedWork | null;
  blockers: ObservedBlocker[];
  /** Sections of the run's version (a report lists only those with a visible item). */
  sections: ObservedSection[];
  /** Status of every visible item, in definition order. */
  items: ReadonlyMap<string, ItemStatus>;
  /** Item titles the source names (report items, snapshot blockers). */
  itemTitles: ReadonlyMap<string, string>;
  /** Section of each item, when the source says (reports). */
  itemSections: ReadonlyMap<string, string>;
  /** Items hidden by the run's parameters, when the source says (reports); else null. */
  hiddenItems: ReadonlySet<string> | null;
  signOff: SignOffState;
  /** The report revision the run is at, when it was signed off. */
  revision: number | null;
  signedAt: string | null;
}

/** Undefined for a source with neither a snapshot nor a report. */
export function observeRollout(
  source: RolloutSource,
  catalog: DefinitionCatalog = EMPTY_CATALOG,
): RolloutObservation | undefined {
  const { snapshot, report } = source;
  const signOff = signOffStateOf(source);
  const fromReport = report ? observeReport(report.body, signOff) : undefined;
  if (snapshot === undefined) return fromReport;
  const useReport =
    fromReport !== undefined &&
    (isSignedOff(signOff) || !isBefore(fromReport.observedAt, snapshot.takenAt));
  if (useReport) return fromReport;
  const fromSnapshot = observeSnapshot(snapshot, catalog, signOff);
  if (fromReport === undefined) return fromSnapshot;
  const isSameVersion = fromReport.definitionVersion === fromSnapshot.definitionVersion;
  return {
    ...fromSnapshot,
    // The report knows the parameters, the office it is for, and the run's measured pace; its
    // item facts hold only while the run is still on the same version.
    office: fromReport.office,
    parameters: fromReport.parameters,
    timed: fromReport.timed,
    itemSections: isSameVersion ? fromReport.itemSections : fromSnapshot.itemSections,
    hiddenItems: isSameVersion ? fromReport.hiddenItems : fromSnapshot.hiddenItems,
    revision: fromReport.revision,
    signedAt: fromReport.signedAt,
  };
}

/** Observations of many sources; sources with nothing to observe are skipped. */
export function observeRollouts(
  sources: Iterable<RolloutSource>,
  catalog: DefinitionCatalog = EMPTY_CATALOG,
): RolloutObservation[] {
  const observations: RolloutObservation[] = [];
  for (const source of sources) {
    const observation = observeRollout(source, catalog);
    if (observation !== undefined) observations.push(observation);
  }
  return observations;
}

function percentOf(resolved: number, total: number): number {
  return total > 0 ? Math.floor((resolved * 100) / total) : 100;
}

function isWaived(item: ReportBody['sections'][number]['items'][number]): boolean {
  if (item.waiver === undefined) return false;
  return (
    item.waiver.decision === undefined || item.waiver.decision.statement.decision === 'approve'
  );
}

function observeReport(body: ReportBody, signOff: SignOffState): RolloutObservation {
  const items = new Map<string, ItemStatus>();
  const itemTitles = new Map<string, string>();
  const itemSections = new Map<string, string>();
  const blockers: ObservedBlocker[] = [];
  const sections: ObservedSection[] = [];
  let remaining = 0;
  let resolved = 0;
  const timed: TimedWork = { actualMinutes: 0, estimateMinutes: 0, items: 0 };
  for (const section of body.sections) {
    const observed: ObservedSection = {
      sectionId: section.id,
      title: section.title,
      department: section.department,
      total: 0,
      resolved: 0,
      blocked: 0,
      estimateMinutes: 0,
      actualMinutes: 0,
    };
    for (const item of section.items) {
      const estimate = item.estimateMinutes ?? 0;
      items.set(item.id, item.status);
      itemTitles.set(item.id, item.title);
      itemSections.set(item.id, section.id);
      observed.total += 1;
      observed.estimateMinutes += estimate;
      if (item.status === 'done' || item.status === 'not-applicable') {
        observed.resolved += 1;
        resolved += 1;
      } else {
        remaining += estimate;
      }
      if (item.status === 'blocked') {
        observed.blocked += 1;
        // A waived blocker (approved, or recorded before approvals existed) no longer holds the
        // rollout: it is not an open blocker.
        if (!isWaived(item)) {
          blockers.push({
            itemId: item.id,
            title: item.title,
            department: item.department,
            reason: item.reason ?? '',
          });
        }
      }
      const actual = actualMinutesOf(item);
      if (actual !== undefined) {
        observed.actualMinutes += actual;
        timed.actualMinutes += actual;
        timed.estimateMinutes += estimate;
        timed.items += 1;
      }
    }
    observed.actualMinutes = Math.round(observed.actualMinutes);
    sections.push(observed);
  }
  timed.actualMinutes = Math.round(timed.actualMinutes);
  const { run, summary } = body;
  return {
    runId: run.id,
    office: run.office,
    runName: run.name,
    kind: run.kind,
    definitionId: body.definition.id,
    definitionVersion: body.definition.version,
    plannedGoLive: run.plannedGoLive,
    parameters: run.parameters,
    basis: 'report',
    observedAt: body.signedAt,
    decision: body.gate.decision,
    total: items.size,
    resolved,
    blocked: blockers.length,
    percentComplete: percentOf(resolved, items.size),
    estimateMinutes: summary.estimateMinutes,
    remainingEstimateMinutes: remaining,
    remainingBasis: 'items',
    actualMinutes: summary.actualMinutes,
    timed: timed.items > 0 ? timed : null,
    blockers,
    sections,
    items,
    itemTitles,
    itemSections,
    hiddenItems: new Set(body.hiddenItems),
    signOff,
    revision: body.revision,
    signedAt: body.signedAt,
  };
}

function observeSnapshot(
  snapshot: ProgressSnapshot,
  catalog: DefinitionCatalog,
  signOff: SignOffState,
): RolloutObservation {
  const items = new Map<string, ItemStatus>();
  for (const { itemId, status } of snapshot.items) items.set(itemId, status);
  const itemTitles = new Map<string, string>();
  for (const blocker of snapshot.blockers) itemTitles.set(blocker.itemId, blocker.title);
  const definition = catalog.get(snapshot.definitionId, snapshot.definitionVersion);
  let remaining = 0;
  let remainingBasis: RolloutObservation['remainingBasis'];
  if (definition !== undefined) {
    remainingBasis = 'items';
    const index = catalogItems(definition);
    for (const [itemId, status] of items) {
      if (status === 'open' || status === 'blocked') {
        remaining += index.get(itemId)?.item.estimateMinutes ?? 0;
      }
    }
  } else {
    remainingBasis = 'sections';
    for (const section of snapshot.sections) {
      if (section.total > 0) {
        remaining += (section.estimateMinutes * (section.total - section.resolved)) / section.total;
      }
    }
    remaining = Math.round(remaining);
  }
  return {
    runId: snapshot.runId,
    office: snapshot.office,
    runName: snapshot.runName,
    kind: snapshot.kind,
    definitionId: snapshot.definitionId,
    definitionVersion: snapshot.definitionVersion,
    plannedGoLive: snapshot.plannedGoLive,
    parameters: {},
    basis: 'snapshot',
    observedAt: snapshot.takenAt,
    decision: snapshot.decision,
    total: snapshot.total,
    resolved: snapshot.resolved,
    blocked: snapshot.blocked,
    percentComplete: percentOf(snapshot.resolved, snapshot.total),
    estimateMinutes: snapshot.estimateMinutes,
    remainingEstimateMinutes: remaining,
    remainingBasis,
    actualMinutes: snapshot.actualMinutes,
    timed: null,
    blockers: snapshot.blockers.map(({ itemId, title, department, reason }) => ({
      itemId,
      title,
      department,
      reason,
    })),
    sections: snapshot.sections.map((section) => ({ ...section })),
    items,
    itemTitles,
    itemSections: new Map(),
    hiddenItems: null,
    signOff,
    revision: null,
    signedAt: null,
  };
}
