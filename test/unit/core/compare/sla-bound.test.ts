// SLA measured against the signed target (issue 15): a measured item with `max: { item: <target> }`
// is paired with exactly that target and judged by the run's own rule, not against a fixed ceiling
// or whichever target item the sla metadata lists first.
import { describe, expect, it } from 'vitest';
import { definitionCatalog, slaView } from '../../../../core/compare';
import { definitionSchema, type DefinitionInput } from '../../../../core/definitions/schema';
import { buildReportBody } from '../../../../core/reports';
import type { Action } from '../../../../core/runs';
import { input, makeRun, Session } from '../runs/fixtures';

type ItemInput = DefinitionInput['sections'][number]['items'][number];

const items: ItemInput[] = [
  // The proposal's figure, listed first and tagged as a target: the old pairing took this one.
  {
    id: 'sla-p1-response-proposed',
    title: 'P1 response proposed',
    type: 'number',
    unit: 'minutes',
    sla: { metric: 'response', priority: 'P1', role: 'target' },
  },
  { id: 'sla-p1-response-signed', title: 'P1 response signed', type: 'number', unit: 'minutes' },
  {
    id: 'sla-p1-response-measured',
    title: 'P1 response measured',
    type: 'number',
    unit: 'minutes',
    max: { item: 'sla-p1-response-signed' },
    dependsOn: ['sla-p1-response-signed'],
    sla: { metric: 'response', priority: 'P1', role: 'measured' },
  },
  // A fixed ceiling, no item bound: judged by the metadata pairing, in a common unit.
  {
    id: 'sla-p2-response-target',
    title: 'P2 response target',
    type: 'number',
    unit: 'hours',
    sla: { metric: 'response', priority: 'P2', role: 'target' },
  },
  {
    id: 'sla-p2-response-measured',
    title: 'P2 response measured',
    type: 'number',
    unit: 'minutes',
    max: 600,
    sla: { metric: 'response', priority: 'P2', role: 'measured' },
  },
];

const definition = definitionSchema.parse({
  ...input,
  kind: 'client-onboarding',
  parameters: [],
  sections: [{ id: 'sla', title: 'SLA', department: 'network', items }],
});

const figure = (itemId: string, value: number): Action => ({
  type: 'setValue',
  itemId,
  value: { type: 'number', value },
});

function viewWith(measuredP1: number) {
  const session = new Session(makeRun({ kind: 'client-onboarding', parameters: {} }), definition);
  session.must(
    figure('sla-p1-response-proposed', 60),
    figure('sla-p1-response-signed', 30),
    figure('sla-p1-response-measured', measuredP1),
    figure('sla-p2-response-target', 2),
    figure('sla-p2-response-measured', 150),
  );
  const body = buildReportBody({
    definition,
    run: session.run,
    answers: session.answers,
    events: session.events,
    office: 'Client A',
    lessonsLearned: 'None.',
    signedAt: '2025-06-01T16:00:00.000Z',
    revision: 1,
    supersedes: null,
  });
  const [row] = slaView([body], definitionCatalog([definition]));
  if (!row) throw new Error('no SLA row');
  return { row, body };
}

describe('slaView with a measured item bound to its signed target', () => {
  it('pairs the measurement with the item its max names and judges it by the run rule', () => {
    const { row, body } = viewWith(45);
    const p1 = row.cells.find((cell) => cell.metric === 'response' && cell.priority === 'P1');
    expect(p1).toMatchObject({
      target: { itemId: 'sla-p1-response-signed', value: 30, unit: 'minutes' },
      measured: { itemId: 'sla-p1-response-measured', value: 45 },
      state: 'breached',
      ratio: 1.5,
    });
    // The same judgement as the report item's (the one rule).
    const measured = body.sections[0]?.items.find((i) => i.id === 'sla-p1-response-measured');
    expect(measured).toMatchObject({
      failing: true,
      failure:
        '45 minutes is above the maximum of 30 minutes (the answer to "P1 response signed").',
    });
  });

  it('is met within the signed target', () => {
    const p1 = viewWith(30).row.cells.find(
      (cell) => cell.priority === 'P1' && cell.metric === 'response',
    );
    expect(p1?.state).toBe('met');
  });

  it('keeps the metadata pairing (with unit conversion) for items without an item bound', () => {
    const p2 = viewWith(30).row.cells.find(
      (cell) => cell.priority === 'P2' && cell.metric === 'response',
    );
    expect(p2).toMatchObject({
      target: { itemId: 'sla-p2-response-target', value: 2, unit: 'hours' },
      state: 'breached',
      ratio: 1.25,
    });
  });
});
