// SLA control for client onboarding (seed 001): per client, the response and resolution targets
// per priority against the times measured during hypercare. The pairs come from the number items
// that carry `sla` metadata in the run's definition ({metric, priority, role: target | measured});
// the figures from the signed report's answers (snapshots carry statuses, not values).
// A figure counts when its item holds a number and is not marked not applicable. A cell is
// 'breached' when measured > target, 'met' when measured <= target, 'missing' when either figure
// is, and 'incomparable' when their units cannot be converted (minutes, hours and days convert).
// When a definition has two items for the same cell, the first in definition order counts.
// A measured item whose `max` names an item (`max: { item: <target> }`) is judged against exactly
// that item, the signed target, by the run's own rule (core/runs/evaluation.ts), whatever the sla
// metadata of other items says: the cell then reads what the run's checklist judged.
import type { ChecklistDefinition, Item } from '../definitions/schema';
import type { ReportBody, SignedReport } from '../reports/report-format';
import { evaluateItem } from '../runs/evaluation';
import type { ItemStatus } from '../runs/model';
import { judgeContext, type JudgedAnswer } from '../runs/thresholds';
import type { DefinitionCatalog } from './catalog';
import { EMPTY_CATALOG } from './catalog';
import { compareText } from './order';

export const SLA_METRICS = ['response', 'resolution'] as const;
export const SLA_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];
export type SlaPriority = (typeof SLA_PRIORITIES)[number];
export type SlaState = 'met' | 'breached' | 'missing' | 'incomparable';

export interface SlaFigure {
  itemId: string;
  /** Null when the item holds no usable number. */
  value: number | null;
  unit: string | null;
  /** Null when the run does not show the item. */
  status: ItemStatus | null;
}

export interface SlaCell {
  metric: SlaMetric;
  priority: SlaPriority;
  /** Null when the definition has no target item for this cell. */
  target: SlaFigure | null;
  measured: SlaFigure | null;
  state: SlaState;
  /** measured / target in a common unit; null unless both are known and comparable. */
  ratio: number | null;
}

export interface SlaClientRow {
  runId: string;
  client: string;
  office: string;
  definitionId: string;
  definitionVersion: string;
  /** False when the run's definition version is not in the catalog: every cell is missing. */
  hasDefinition: boolean;
  /** Every metric x priority, response first, P1 first. */
  cells: SlaCell[];
  met: number;
  breached: number;
  missing: number;
  incomparable: number;
}

const MINUTES_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['min', 1],
  ['mins', 1],
  ['minute', 1],
  ['minutes', 1],
  ['h', 60],
  ['hr', 60],
  ['hrs', 60],
  ['hour', 60],
  ['hours', 60],
  ['d', 1440],
  ['day', 1440],
  ['days', 1440],
]);

/** Both figures in one unit, or undefined when their units do not convert. */
export function commonUnit(
  a: { value: number; unit: string | null },
  b: { value: number; unit: string | null },
): [number, number] | undefined {
  const unitA = (a.unit ?? '').trim().toLowerCase();
  const unitB = (b.unit ?? '').trim().toLowerCase();
  if (unitA === unitB) return [a.value, b.value];
  const factorA = MINUTES_PER_UNIT.get(unitA);
  const factorB = MINUTES_PER_UNIT.get(unitB);
  if (factorA === undefined || factorB === undefined) return undefined;
  return [a.value * factorA, b.value * factorB];
}

/** One row per client-onboarding run (latest revision of each report), by client name. */
export function slaView(
  reports: Iterable<ReportBody | SignedReport>,
  catalog: DefinitionCatalog = EMPTY_CATALOG,
): SlaClientRow[] {
  const latest = new Map<string, ReportBody>();
  for (const report of reports) {
    const body = 'body' in report ? report.body : report;
    if (body.run.kind !== 'client-onboarding') continue;
    const known = latest.get(body.reportId);
    if (known === undefined || body.revision > known.revision) latest.set(body.reportId, body);
  }
  return [...latest.values()]
    .map((body) => slaRow(body, catalog))
    .sort((a, b) => compareText(a.client, b.client) || compareText(a.runId, b.runId));
}

function slaRow(body: ReportBody, catalog: DefinitionCatalog): SlaClientRow {
  const definition = catalog.get(body.definition.id, body.definition.version);
  const answers = new Map(
    body.sections.flatMap((section) => section.items.map((item) => [item.id, item] as const)),
  );
  type Slot = Partial<Record<'target' | 'measured', { itemId: string; unit: string }>>;
  const slots = new Map<string, Slot>();
  const byId = new Map<string, Item>();
  for (const section of definition?.sections ?? []) {
    for (const item of section.items) byId.set(item.id, item);
  }
  for (const item of byId.values()) {
    if (item.type !== 'number' || item.sla === undefined) continue;
    const key = `${item.sla.metric}/${item.sla.priority}`;
    const slot = slots.get(key) ?? {};
    slot[item.sla.role] ??= { itemId: item.id, unit: item.unit };
    slots.set(key, slot);
  }
  // A measured item bound to its target: that target, whichever item the metadata lists first.
  for (const slot of slots.values()) {
    const measured = slot.measured === undefined ? undefined : byId.get(slot.measured.itemId);
    const bound = measured?.type === 'number' ? measured.max : undefined;
    const target = typeof bound === 'object' ? byId.get(bound.item) : undefined;
    if (target?.type === 'number') slot.target = { itemId: target.id, unit: target.unit };
  }
  const judgeAgainstBound = definition === undefined ? undefined : boundJudge(definition, body);
  const figure = (ref: { itemId: string; unit: string } | undefined): SlaFigure | null => {
    if (ref === undefined) return null;
    const answer = answers.get(ref.itemId);
    const value =
      answer?.value?.type === 'number' &&
      answer.status !== 'not-applicable' &&
      Number.isFinite(answer.value.value)
        ? answer.value.value
        : null;
    return {
      itemId: ref.itemId,
      value,
      unit: answer?.unit ?? ref.unit,
      status: answer?.status ?? null,
    };
  };
  const cells: SlaCell[] = [];
  for (const metric of SLA_METRICS) {
    for (const priority of SLA_PRIORITIES) {
      const slot = slots.get(`${metric}/${priority}`);
      const target = figure(slot?.target);
      const measured = figure(slot?.measured);
      const judged = judge(target, measured);
      const measuredItem =
        slot?.measured === undefined ? undefined : byId.get(slot.measured.itemId);
      const state =
        judged.state === 'missing' || measuredItem === undefined || judgeAgainstBound === undefined
          ? judged.state
          : (judgeAgainstBound(measuredItem) ?? judged.state);
      cells.push({ metric, priority, target, measured, ...judged, state });
    }
  }
  const count = (state: SlaState) => cells.filter((cell) => cell.state === state).length;
  return {
    runId: body.reportId,
    client: body.run.name,
    office: body.run.office,
    definitionId: body.definition.id,
    definitionVersion: body.definition.version,
    hasDefinition: definition !== undefined,
    cells,
    met: count('met'),
    breached: count('breached'),
    missing: count('missing'),
    incomparable: count('incomparable'),
  };
}

/**
 * The run's own judgement of a measured item bound to another item (`max: { item }`), from the
 * report's answers: 'breached' when it fails its maximum, 'met' when it passes; undefined for
 * items without such a bound (the sla pairing decides them).
 */
function boundJudge(
  definition: ChecklistDefinition,
  body: ReportBody,
): (item: Item) => SlaState | undefined {
  const answers = new Map<string, JudgedAnswer>();
  for (const section of body.sections) {
    for (const item of section.items) {
      answers.set(
        item.id,
        item.value === undefined
          ? { status: item.status }
          : { status: item.status, value: item.value },
      );
    }
  }
  const hidden = new Set(body.hiddenItems);
  const context = judgeContext(definition, body.run, answers, {
    isVisible: (itemId) => !hidden.has(itemId),
  });
  return (item) => {
    if (item.type !== 'number' || typeof item.max !== 'object') return undefined;
    const evaluation = evaluateItem(item, answers.get(item.id), context);
    return evaluation.failureDetail?.kind === 'above-max' ? 'breached' : 'met';
  };
}

function judge(
  target: SlaFigure | null,
  measured: SlaFigure | null,
): { state: SlaState; ratio: number | null } {
  if (target === null || target.value === null || measured === null || measured.value === null) {
    return { state: 'missing', ratio: null };
  }
  const both = commonUnit(
    { value: target.value, unit: target.unit },
    { value: measured.value, unit: measured.unit },
  );
  if (both === undefined) return { state: 'incomparable', ratio: null };
  const [targetValue, measuredValue] = both;
  return {
    state: measuredValue > targetValue ? 'breached' : 'met',
    ratio: targetValue > 0 ? Math.round((measuredValue / targetValue) * 100) / 100 : null,
  };
}
