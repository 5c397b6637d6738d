// Rollout rows on generated data: one row per run, facts from the right source, the expected
// go-live and the estimate-vs-actual ratio as the model says, and the filters and orderings.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildRolloutRows,
  collectRollouts,
  filterRolloutRows,
  observeRollout,
  observeRollouts,
  signOffStateOf,
  sortRolloutRows,
  type RolloutRow,
} from '../../../../core/compare';
import { daysBetween } from '../../../../core/runs';
import { generateWorld, type GeneratedRun } from './generate';

const world = generateWorld({ offices: 24, items: 60 });
const rows = buildRolloutRows(observeRollouts(world.sources, world.catalog), {
  today: world.today,
});
const rowOf = (run: GeneratedRun): RolloutRow => {
  const row = rows.find((candidate) => candidate.runId === run.run.id);
  if (row === undefined) throw new Error(`no row for ${run.run.id}`);
  return row;
};

/** The truth: estimates of the visible items still open or blocked at the latest observation. */
function remainingOf(run: GeneratedRun): number {
  let minutes = 0;
  for (const section of run.definition.sections) {
    for (const item of section.items) {
      const status = run.latestStatuses.get(item.id);
      if (status === 'open' || status === 'blocked') minutes += item.estimateMinutes ?? 0;
    }
  }
  return minutes;
}

describe('buildRolloutRows', () => {
  it('gives one row per run with its template, state and source', () => {
    expect(rows).toHaveLength(world.runs.length);
    for (const run of world.runs) {
      const row = rowOf(run);
      expect(row.office).toBe(run.office);
      expect(row.kind).toBe(run.run.kind);
      expect([row.definitionId, row.definitionVersion]).toEqual([
        run.run.definitionId,
        run.run.definitionVersion,
      ]);
      expect(row.signOff).toBe(run.state);
      const isFinal = run.state === 'signed' || run.state === 'countersigned';
      expect(row.basis).toBe(isFinal ? 'report' : 'snapshot');
      expect(row.revision).toBe(run.reports.at(-1)?.body.revision ?? null);
    }
  });

  it('counts progress and open blockers from the latest observation', () => {
    for (const run of world.runs) {
      const row = rowOf(run);
      const statuses = [...run.latestStatuses.values()];
      const resolved = statuses.filter((s) => s === 'done' || s === 'not-applicable').length;
      expect(row.total).toBe(statuses.length);
      expect(row.resolved).toBe(resolved);
      expect(row.percentComplete).toBe(Math.floor((resolved * 100) / statuses.length));
      const blocked = [...run.latestStatuses].filter(([, s]) => s === 'blocked').map(([id]) => id);
      expect(row.blockers.map((b) => b.itemId).sort()).toEqual(blocked.sort());
      expect(row.blockerCount).toBe(blocked.length);
    }
    expect(rows.some((row) => row.blockerCount > 1)).toBe(true);
  });

  it('knows the country only from a report (snapshots carry no parameters)', () => {
    for (const run of world.runs) {
      expect(rowOf(run).country).toBe(run.reports.length > 0 ? run.run.parameters.country : null);
    }
  });

  it('finishes signed runs on their sign-off day, with the measured ratio', () => {
    const finished = world.runs.filter((r) => r.state === 'signed' || r.state === 'countersigned');
    expect(finished.length).toBeGreaterThan(3);
    for (const run of finished) {
      const row = rowOf(run);
      const signedOn = run.reports.at(-1)!.body.signedAt.slice(0, 10);
      expect(row.expectedGoLive).toBe(signedOn);
      expect(row.daysLate).toBe(daysBetween(run.run.plannedGoLive, signedOn));
      expect(row.paceBasis).toBe('finished');
      expect(row.actualToEstimate).toBe(run.pace);
      expect(row.remainingEstimateMinutes).toBe(0);
    }
  });

  it('expects in-progress runs to take twice their remaining estimate, from today', () => {
    const running = world.runs.filter((run) => run.state === 'in-progress');
    expect(running.length).toBeGreaterThan(3);
    for (const run of running) {
      const row = rowOf(run);
      const remaining = remainingOf(run);
      expect(row.remainingEstimateMinutes).toBe(remaining);
      expect(row.remainingBasis).toBe('items');
      expect([row.paceBasis, row.paceFactor, row.actualToEstimate]).toEqual(['assumed', 2, null]);
      const expected = addDays(world.today, Math.ceil((remaining * 2) / 480));
      expect(row.expectedGoLive).toBe(expected);
      expect(row.daysLate).toBe(daysBetween(run.run.plannedGoLive, expected));
    }
    expect(rows.some((row) => row.daysLate > 0)).toBe(true);
    expect(rows.some((row) => row.daysLate < 0)).toBe(true);
  });

  it('projects a sent-back run at the pace measured in its report', () => {
    const sentBack = world.runs.filter((run) => run.state === 'sent-back');
    expect(sentBack.length).toBeGreaterThan(2);
    for (const run of sentBack) {
      const row = rowOf(run);
      expect(row.basis).toBe('snapshot');
      expect([row.paceBasis, row.paceFactor, row.actualToEstimate]).toEqual([
        'observed',
        run.pace,
        run.pace,
      ]);
      const remaining = remainingOf(run);
      expect(row.remainingEstimateMinutes).toBe(remaining);
      expect(row.expectedGoLive).toBe(
        addDays(world.today, Math.ceil((remaining * run.pace) / 480)),
      );
    }
  });

  it('approximates the remaining estimate per section without the definition', () => {
    const bare = buildRolloutRows(observeRollouts(world.sources), { today: world.today });
    for (const run of world.runs.filter((r) => r.state === 'in-progress')) {
      const row = bare.find((candidate) => candidate.runId === run.run.id)!;
      const total = run.definition.sections
        .flatMap((s) => s.items)
        .reduce((sum, item) => sum + (item.estimateMinutes ?? 0), 0);
      expect(row.remainingBasis).toBe('sections');
      expect(row.remainingEstimateMinutes).toBeGreaterThan(0);
      expect(row.remainingEstimateMinutes).toBeLessThanOrEqual(total);
      // Per-section proportions land near the exact figure on this data.
      expect(Math.abs(row.remainingEstimateMinutes - remainingOf(run))).toBeLessThanOrEqual(
        0.3 * remainingOf(run) + 60,
      );
    }
  });
});

describe('collectRollouts and sign-off state', () => {
  it('pairs the newest snapshot and the highest revision whatever the input order', () => {
    const shuffled = collectRollouts({
      snapshots: [...world.snapshots].reverse(),
      reports: [...world.reports].reverse(),
    });
    expect(shuffled).toEqual(world.sources);
    for (const run of world.runs) {
      const source = world.sources.find((s) => s.runId === run.run.id)!;
      expect(source.snapshot).toBe(run.snapshots.at(-1));
      expect(source.report).toBe(run.reports.at(-1));
    }
  });

  it('lets the hub review state win over the signatures, for the latest revision only', () => {
    const signed = world.runs.find((run) => run.state === 'signed')!;
    const latest = signed.reports.at(-1)!.body;
    const [source] = collectRollouts({
      snapshots: signed.snapshots,
      reports: signed.reports,
      reviewStates: [
        { reportId: latest.reportId, revision: latest.revision, reviewState: 'countersigned' },
        { reportId: latest.reportId, revision: latest.revision + 1, reviewState: 'sent-back' },
      ],
    });
    expect(signOffStateOf(source!)).toBe('countersigned');
    expect(signOffStateOf({ report: undefined, reviewState: 'signed' })).toBe('in-progress');
  });

  it('keeps a signed report final even when a later snapshot arrives', () => {
    const signed = world.runs.find((run) => run.state === 'signed')!;
    const late = { ...signed.snapshots[0]!, takenAt: '2030-01-01T00:00:00.000Z' };
    const observation = observeRollout({
      runId: signed.run.id,
      snapshot: late,
      report: signed.reports.at(-1),
    });
    expect(observation?.basis).toBe('report');
    expect(observation?.percentComplete).toBe(100);
  });

  it('observes nothing for a source with neither snapshot nor report', () => {
    expect(observeRollout({ runId: 'empty' })).toBeUndefined();
    expect(observeRollouts([{ runId: 'empty' }])).toEqual([]);
  });
});

describe('filterRolloutRows', () => {
  it('filters by kind, country (any case), state, office, template, lateness and blockers', () => {
    const clients = filterRolloutRows(rows, { kinds: ['client-onboarding'] });
    expect(clients.length).toBeGreaterThan(0);
    expect(clients.every((row) => row.kind === 'client-onboarding')).toBe(true);
    const german = filterRolloutRows(rows, { countries: ['de'] });
    expect(german.length).toBeGreaterThan(0);
    expect(german.every((row) => row.country === 'DE')).toBe(true);
    const waiting = filterRolloutRows(rows, { states: ['signed', 'sent-back'] });
    expect(new Set(waiting.map((row) => row.signOff))).toEqual(new Set(['signed', 'sent-back']));
    expect(filterRolloutRows(rows, { offices: ['Office 003'] }).map((r) => r.office)).toEqual([
      'Office 003',
    ]);
    expect(filterRolloutRows(rows, { definitionIds: ['new-office'] }).length).toBe(
      rows.length - clients.length,
    );
    expect(filterRolloutRows(rows, { isLateOnly: true }).every((row) => row.daysLate > 0)).toBe(
      true,
    );
    expect(
      filterRolloutRows(rows, { isBlockedOnly: true }).every((row) => row.blockerCount > 0),
    ).toBe(true);
  });

  it('matches everything with empty criteria and combines criteria with and', () => {
    expect(filterRolloutRows(rows, {})).toEqual(rows);
    expect(filterRolloutRows(rows, { kinds: [], countries: [], states: [] })).toEqual(rows);
    const both = filterRolloutRows(rows, { kinds: ['new-office'], states: ['in-progress'] });
    expect(both.every((r) => r.kind === 'new-office' && r.signOff === 'in-progress')).toBe(true);
  });
});

describe('sortRolloutRows', () => {
  it('orders numbers in either direction with ties by office', () => {
    const late = sortRolloutRows(rows, 'daysLate', 'desc');
    for (let i = 1; i < late.length; i += 1) {
      expect(late[i - 1]!.daysLate).toBeGreaterThanOrEqual(late[i]!.daysLate);
    }
    expect(sortRolloutRows(rows, 'percentComplete')[0]!.percentComplete).toBe(
      Math.min(...rows.map((r) => r.percentComplete)),
    );
  });

  it('puts unknown values last in both directions', () => {
    for (const direction of ['asc', 'desc'] as const) {
      const sorted = sortRolloutRows(rows, 'actualToEstimate', direction);
      const firstNull = sorted.findIndex((row) => row.actualToEstimate === null);
      expect(firstNull).toBeGreaterThan(0);
      expect(sorted.slice(firstNull).every((row) => row.actualToEstimate === null)).toBe(true);
    }
  });

  it('orders sign-off states by the workflow and versions by semver', () => {
    const states = sortRolloutRows(rows, 'signOff').map((row) => row.signOff);
    expect([...new Set(states)]).toEqual(['in-progress', 'sent-back', 'signed', 'countersigned']);
    const base = rows[0]!;
    const versions = sortRolloutRows(
      ['1.10.0', '1.2.0', '1.9.1'].map((definitionVersion) => ({ ...base, definitionVersion })),
      'definitionVersion',
    ).map((row) => row.definitionVersion);
    expect(versions).toEqual(['1.2.0', '1.9.1', '1.10.0']);
  });

  it('orders offices as people read them and does not change its input', () => {
    const base = rows[0]!;
    const named = ['Office 10', 'office 9', 'Office 100'].map((office) => ({ ...base, office }));
    expect(sortRolloutRows(named, 'office').map((row) => row.office)).toEqual([
      'office 9',
      'Office 10',
      'Office 100',
    ]);
    expect(named.map((row) => row.office)).toEqual(['Office 10', 'office 9', 'Office 100']);
  });
});

describe('open blockers of a signed report (issue 16, point 9)', () => {
  const signed = world.runs.find((run) => run.state === 'signed')!;
  const report = signed.reports.at(-1)!;
  /** The report with its first item blocked, waived as `waiver` says. */
  const withBlockedFirstItem = (waiver: 'none' | 'approved' | 'refused' | 'unreviewed') => {
    const body = structuredClone(report.body);
    const item = body.sections[0]!.items[0]!;
    item.status = 'blocked';
    item.reason = 'The second line is not delivered.';
    if (waiver !== 'none') {
      const by = { id: 'ana', name: 'Ana García', role: 'admin' } as never;
      item.waiver = { justification: 'Agreed with the supervisor.', by, at: body.signedAt };
      if (waiver !== 'unreviewed') {
        item.waiver.decision = {
          statement: { decision: waiver === 'approved' ? 'approve' : 'refuse' },
        } as never;
      }
    }
    const observation = observeRollout({ runId: signed.run.id, report: { ...report, body } });
    return observation!.blockers.map((blocker) => blocker.itemId);
  };

  it('counts a blocked item that is not waived, or whose waiver was refused', () => {
    const itemId = report.body.sections[0]!.items[0]!.id;
    expect(withBlockedFirstItem('none')).toContain(itemId);
    expect(withBlockedFirstItem('refused')).toContain(itemId);
  });

  it('does not count a waived blocker as open', () => {
    const itemId = report.body.sections[0]!.items[0]!.id;
    expect(withBlockedFirstItem('approved')).not.toContain(itemId);
    expect(withBlockedFirstItem('unreviewed')).not.toContain(itemId);
  });
});
