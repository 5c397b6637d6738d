// SLA control for client onboarding (seed 001): per client, the response and resolution targets
// per priority against the times measured during hypercare. The pairs come from the number items
// that carry `sla` metadata in the run's definition ({metric, priority, role: target | measured});
// the figures from the signed report's answers (snapshots carry statuses, not values).
// A figure counts when its item holds a number and is not marked not applicable. A cell is
// 'breached' when measured > target, 'met' when measured <= target, 'missing' when either figure
// is, and 'incomparable' when their units cannot be converted (minutes, hours and days convert).
// When a definition has two items for the same cell, the first in definition order counts.
import type { ReportBody, SignedReport } from '../reports/report-format';
import type { ItemStatus } from '../runs/model';
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
  for (const section of definition?.sections ?? []) {
    for (const item of section.items) {
      if (item.type !== 'number' || item.sla === undefined) continue;
      const key = `${item.sla.metric}/${item.sla.priority}`;
      const slot = slots.get(key) ?? {};
      slot[item.sla.role] ??= { itemId: item.id, unit: item.unit };
      slots.set(key, slot);
    }
  }
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
      cells.push({ metric, priority, target, measured, ...judge(target, measured) });
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
