// "Never the same mistake twice": the items of a template that most often went wrong across
// offices, beside the draft of its next version. Per item (matched by its stable id across
// versions): in how many runs it is blocked, marked not applicable, or waived at the gate.
// Statuses come from the Compare screen's observations (each run's latest snapshot or signed
// report: core/compare compareRunItems), waivers from the latest signed revision of each run.
// Items nobody ever had trouble with are left out; the most troubled first.
import {
  compareRunItems,
  type DefinitionCatalog,
  type RolloutObservation,
} from '../../../../core/compare';
import type { SignedReport } from '../../../../core/reports';

export interface ItemTrouble {
  itemId: string;
  /** The title in the newest version that has the item. */
  title: string;
  sectionId: string | null;
  blocked: number;
  notApplicable: number;
  waived: number;
  /** Runs in which the item was shown (not hidden by parameters, in the run's version). */
  runs: number;
}

export function troubleCount(trouble: ItemTrouble): number {
  return trouble.blocked + trouble.notApplicable + trouble.waived;
}

/** Item ids waived at the gate, per run, from the latest revision of each signed report. */
function waiversByRun(
  reports: Iterable<SignedReport>,
  definitionId: string,
): Map<string, Set<string>> {
  const latest = new Map<string, SignedReport>();
  for (const report of reports) {
    const { body } = report;
    if (body.definition.id !== definitionId) continue;
    const known = latest.get(body.reportId);
    if (known === undefined || body.revision > known.body.revision)
      latest.set(body.reportId, report);
  }
  const waived = new Map<string, Set<string>>();
  for (const [runId, report] of latest) {
    waived.set(runId, new Set(report.body.gate.waivers.map((waiver) => waiver.itemId)));
  }
  return waived;
}

export function itemTroubleOf(
  observations: Iterable<RolloutObservation>,
  reports: Iterable<SignedReport>,
  options: { definitionId: string; catalog?: DefinitionCatalog },
): ItemTrouble[] {
  const comparison = compareRunItems(observations, options);
  const waivers = waiversByRun(reports, options.definitionId);
  const troubles: ItemTrouble[] = [];
  for (const item of comparison.items) {
    const trouble: ItemTrouble = {
      itemId: item.itemId,
      title: item.title,
      sectionId: item.sectionId,
      blocked: 0,
      notApplicable: 0,
      waived: 0,
      runs: 0,
    };
    item.statuses.forEach((status, index) => {
      if (status === 'hidden' || status === 'not-in-version') return;
      trouble.runs += 1;
      if (status === 'blocked') trouble.blocked += 1;
      if (status === 'not-applicable') trouble.notApplicable += 1;
      const runId = comparison.runs[index]?.runId;
      if (runId !== undefined && waivers.get(runId)?.has(item.itemId) === true) trouble.waived += 1;
    });
    if (troubleCount(trouble) > 0) troubles.push(trouble);
  }
  const orderOf = new Map(comparison.items.map((item, index) => [item.itemId, index]));
  return troubles.sort(
    (a, b) =>
      troubleCount(b) - troubleCount(a) ||
      (orderOf.get(a.itemId) ?? 0) - (orderOf.get(b.itemId) ?? 0),
  );
}
