// The items most often in trouble across offices, shown beside a draft: for a generated world of
// rollouts (test/unit/core/compare/generate.ts) the counts of blocked and not-applicable runs per
// item equal those of the runs' latest statuses, waivers count from the latest signed revision
// only, items without trouble are left out, and the most troubled come first.
import { describe, expect, it } from 'vitest';
import { observeRollouts } from '../../../core/compare';
import type { SignedReport } from '../../../core/reports';
import {
  itemTroubleOf,
  troubleCount,
} from '../../../renderer/features/templates/editor/item-trouble';
import { generateWorld } from '../core/compare/generate';

const world = generateWorld({ offices: 24, items: 60 });
const observations = observeRollouts(world.sources, world.catalog);
const officeRuns = world.runs.filter((run) => run.run.definitionId === 'new-office');

/** The reports with waivers added to the latest revision of the first signed runs. */
function withWaivers(): { reports: SignedReport[]; waived: Map<string, number> } {
  const waived = new Map<string, number>();
  const changed = new Map<SignedReport, SignedReport>();
  for (const run of officeRuns.filter((candidate) => candidate.reports.length > 0).slice(0, 3)) {
    const latest = run.reports.at(-1)!;
    const itemId = [...run.latestStatuses.keys()][1]!;
    waived.set(itemId, (waived.get(itemId) ?? 0) + 1);
    const body = structuredClone(latest.body);
    body.gate.waivers = [
      {
        itemId,
        title: itemId,
        justification: 'Approved by the supervisor',
        by: body.run.createdBy,
        at: body.signedAt,
      },
    ];
    changed.set(latest, { ...latest, body });
    // An older revision's waiver does not count once a later revision exists.
    const older = run.reports.at(-2);
    if (older !== undefined) {
      const olderBody = structuredClone(older.body);
      olderBody.gate.waivers = [
        {
          itemId: 'older-only',
          title: 'x',
          justification: 'x',
          by: olderBody.run.createdBy,
          at: olderBody.signedAt,
        },
      ];
      changed.set(older, { ...older, body: olderBody });
    }
  }
  return { reports: world.reports.map((report) => changed.get(report) ?? report), waived };
}

describe('items most often in trouble', () => {
  const { reports, waived } = withWaivers();
  const trouble = itemTroubleOf(observations, reports, {
    definitionId: 'new-office',
    catalog: world.catalog,
  });

  it('counts blocked and not applicable per item as the runs last stood, and waivers of the latest revisions', () => {
    const expected = new Map<string, { blocked: number; notApplicable: number; runs: number }>();
    for (const run of officeRuns) {
      for (const [itemId, status] of run.latestStatuses) {
        const counts = expected.get(itemId) ?? { blocked: 0, notApplicable: 0, runs: 0 };
        counts.runs += 1;
        if (status === 'blocked') counts.blocked += 1;
        if (status === 'not-applicable') counts.notApplicable += 1;
        expected.set(itemId, counts);
      }
    }
    const troubled = [...expected].filter(
      ([itemId, counts]) => counts.blocked + counts.notApplicable + (waived.get(itemId) ?? 0) > 0,
    );
    expect(troubled.length).toBeGreaterThan(3);
    expect(trouble.map((entry) => entry.itemId).sort()).toEqual(
      troubled.map(([itemId]) => itemId).sort(),
    );
    for (const [itemId, counts] of troubled) {
      expect(
        trouble.find((entry) => entry.itemId === itemId),
        itemId,
      ).toMatchObject({
        ...counts,
        waived: waived.get(itemId) ?? 0,
      });
    }
    expect(trouble.some((entry) => entry.itemId === 'older-only')).toBe(false);
    expect([...waived.values()].reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('puts the most troubled items first', () => {
    const totals = trouble.map(troubleCount);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(totals.every((total) => total > 0)).toBe(true);
  });

  it('counts nothing for another template', () => {
    const none = itemTroubleOf(observations, reports, {
      definitionId: 'no-such-template',
      catalog: world.catalog,
    });
    expect(none).toEqual([]);
  });
});
