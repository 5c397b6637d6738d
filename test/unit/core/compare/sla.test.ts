// The SLA view of client onboardings: per client, target against measured per metric and
// priority; met, breached, missing (and incomparable units), from the items' sla metadata.
import { describe, expect, it } from 'vitest';
import {
  commonUnit,
  definitionCatalog,
  SLA_METRICS,
  SLA_PRIORITIES,
  slaView,
} from '../../../../core/compare';
import type { SignedReport } from '../../../../core/reports/report-format';
import { generateWorld } from './generate';

const world = generateWorld({ offices: 24, items: 40 });
const view = slaView(world.reports, world.catalog);
const clients = world.runs.filter((run) => run.sla !== null);

function withItem(
  report: SignedReport,
  itemId: string,
  change: (item: Record<string, unknown>) => void,
): SignedReport {
  const copy = structuredClone(report);
  for (const section of copy.body.sections) {
    for (const item of section.items) if (item.id === itemId) change(item as never);
  }
  return copy;
}

describe('slaView', () => {
  it('lists the client onboardings with a report, by client', () => {
    expect(view.map((row) => row.runId).sort()).toEqual(clients.map((run) => run.run.id).sort());
    expect(view.map((row) => row.client)).toEqual(clients.map((run) => run.run.name).sort());
    expect(view.every((row) => row.hasDefinition && row.cells.length === 8)).toBe(true);
  });

  it('judges every cell as built: met, breached or missing', () => {
    for (const row of view) {
      const run = clients.find((r) => r.run.id === row.runId)!;
      const cells = row.cells.map((cell) => cell.state);
      const order = SLA_METRICS.flatMap((m) => SLA_PRIORITIES.map((p) => `${m}/${p}` as const));
      expect(cells).toEqual(order.map((key) => run.sla!.get(key)));
      expect(row.met + row.breached + row.missing + row.incomparable).toBe(8);
      expect(row.met).toBe(cells.filter((s) => s === 'met').length);
    }
    const states = new Set(view.flatMap((row) => row.cells.map((cell) => cell.state)));
    expect(states).toEqual(new Set(['met', 'breached', 'missing']));
  });

  it('compares in a common unit (P4 resolution measured in days, targeted in hours)', () => {
    for (const row of view) {
      const cell = row.cells.find((c) => c.metric === 'resolution' && c.priority === 'P4')!;
      if (cell.state === 'missing') continue;
      expect([cell.target?.unit, cell.measured?.unit]).toEqual(['hours', 'days']);
      expect(cell.ratio).toBe(cell.state === 'breached' ? 1.5 : 0.5);
    }
  });

  it('marks a measurement marked not applicable as missing', () => {
    const missing = view.flatMap((row) => row.cells).filter((cell) => cell.state === 'missing');
    expect(missing.length).toBeGreaterThan(0);
    for (const cell of missing) {
      expect(cell.measured?.status).toBe('not-applicable');
      expect([cell.measured?.value, cell.ratio]).toEqual([null, null]);
    }
  });

  it('meets a target exactly hit and cannot compare units that do not convert', () => {
    const report = clients[0]!.reports.at(-1)!;
    const exact = withItem(report, 'sla-p1-response-measured', (item) => {
      item.status = 'done';
      item.value = { type: 'number', value: 15 };
    });
    const [row] = slaView([exact], world.catalog);
    expect(row?.cells[0]).toMatchObject({ state: 'met', ratio: 1 });
    const odd = withItem(exact, 'sla-p1-response-measured', (item) => {
      item.unit = 'tickets';
    });
    expect(slaView([odd], world.catalog)[0]?.cells[0]?.state).toBe('incomparable');
    expect(commonUnit({ value: 2, unit: 'Hours' }, { value: 90, unit: 'min' })).toEqual([120, 90]);
    expect(commonUnit({ value: 2, unit: '%' }, { value: 2, unit: '%' })).toEqual([2, 2]);
    expect(commonUnit({ value: 2, unit: '%' }, { value: 2, unit: 'h' })).toBeUndefined();
  });

  it('has every cell missing without the definition, and skips other kinds', () => {
    const bare = slaView(world.reports, definitionCatalog([]));
    expect(bare.every((row) => !row.hasDefinition && row.missing === 8)).toBe(true);
    const office = world.reports.filter((r) => r.body.run.kind === 'new-office');
    expect(slaView(office, world.catalog)).toEqual([]);
  });

  it('uses the latest revision of each report', () => {
    const report = clients[0]!.reports.at(-1)!;
    const older = structuredClone(report);
    older.body.revision = report.body.revision - 1;
    older.body.run.name = 'Old name';
    const [row] = slaView([report, older], world.catalog);
    expect(row?.client).toBe(report.body.run.name);
  });
});
