// The generator itself: what it builds must be what the app and the hub would hold (snapshots and
// reports that pass the wire and report schemas), deterministic, and cover every case the
// comparison tests rely on.
import { describe, expect, it } from 'vitest';
import { diffDefinitions } from '../../../../core/definitions';
import { signedReportSchema } from '../../../../core/reports/report-schema';
import { progressSnapshotSchema } from '../../../../core/sync/wire-protocol';
import { generateWorld } from './generate';

describe('generateWorld', () => {
  const world = generateWorld({ offices: 12, items: 40 });

  it('builds snapshots and reports that pass the wire and report schemas', () => {
    for (const snapshot of world.snapshots) {
      expect(progressSnapshotSchema.safeParse(snapshot).success).toBe(true);
    }
    for (const report of world.reports) {
      const parsed = signedReportSchema.safeParse(report);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 2))).toBe(true);
    }
  });

  it('covers both kinds, both versions and every sign-off state', () => {
    const combos = new Set(world.runs.map((run) => `${run.run.kind}/${run.state}`));
    for (const kind of ['new-office', 'client-onboarding']) {
      for (const state of ['in-progress', 'signed', 'countersigned', 'sent-back']) {
        expect(combos.has(`${kind}/${state}`), `${kind}/${state}`).toBe(true);
      }
    }
    const versions = new Set(world.runs.map((run) => run.run.definitionVersion));
    expect(versions).toEqual(new Set(['1.0.0', '1.1.0']));
    expect(world.runs.some((run) => run.reports.length === 2)).toBe(true);
  });

  it('makes the two new-office versions differ in items and sections', () => {
    const [v10, v11] = world.definitions;
    const diff = diffDefinitions(v10!, v11!);
    expect(diff.items.added.length).toBeGreaterThan(0);
    expect(diff.items.removed.length).toBeGreaterThan(0);
    expect(diff.sections.added.map((s) => s.id)).toEqual(['handover']);
    expect(diff.sections.removed.map((s) => s.id)).toEqual(['fax']);
    expect(diff.sections.renamed.map((s) => s.id)).toEqual(['workplace']);
  });

  it('is deterministic for a seed and differs for another', () => {
    const again = generateWorld({ offices: 12, items: 40 });
    expect(again.snapshots).toEqual(world.snapshots);
    expect(again.reports).toEqual(world.reports);
    const other = generateWorld({ offices: 12, items: 40, seed: 7 });
    expect(other.snapshots).not.toEqual(world.snapshots);
  });
});
