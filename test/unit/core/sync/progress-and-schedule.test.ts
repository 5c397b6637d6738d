// Progress snapshots (built from the run rules, valid on the wire) and the scheduler's timing rule
// (every interval while the hub answers, sooner for a due retry, backing off while offline).
import { describe, expect, it } from 'vitest';
import type { ScheduleInput } from '../../../../core/sync/index';
import {
  buildProgressSnapshot,
  DEFAULT_SCHEDULE,
  nextCycleDelay,
  progressSnapshotSchema,
} from '../../../../core/sync/index';
import { completeRun, definition, done, Session } from '../runs/fixtures';

describe('progress snapshots', () => {
  const input = (session: Session) => ({
    definition,
    run: session.run,
    answers: session.answers,
    office: 'Berlin',
    takenAt: '2025-05-31T12:00:00.000Z',
    today: '2025-05-31',
  });

  it('carries the gate, the counts and the raised blockers with their reasons', () => {
    const session = new Session().must(
      {
        type: 'setValue',
        itemId: 'core-switches',
        value: { type: 'count', legs: ['sw-a', 'sw-b'] },
      },
      done('core-switches'),
    );
    session.must({
      type: 'setStatus',
      itemId: 'isp-lines',
      status: 'blocked',
      reason: 'The second line is not delivered.',
    });
    const result = buildProgressSnapshot(input(session));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { snapshot } = result;
    expect(progressSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot).toMatchObject({
      runId: 'run-berlin',
      office: 'Berlin',
      decision: 'no-go',
      blocked: 1,
    });
    expect(snapshot.blockers).toEqual([
      {
        itemId: 'isp-lines',
        title: 'ISP lines',
        department: 'network',
        reason: 'The second line is not delivered.',
      },
    ]);
    expect(snapshot.items.find((item) => item.itemId === 'core-switches')?.status).toBe('done');
    expect(snapshot.sections.map((section) => section.sectionId)).toEqual(
      definition.sections.map((s) => s.id),
    );
  });

  it('says go for a completed run', () => {
    const result = buildProgressSnapshot(input(completeRun(new Session())));
    expect(result.ok && result.snapshot.decision).toBe('go');
    expect(result.ok && result.snapshot.resolved).toBe(result.ok && result.snapshot.total);
  });

  it('refuses what the wire schema refuses (a takenAt that is not a date)', () => {
    const result = buildProgressSnapshot({ ...input(new Session()), takenAt: 'yesterday' });
    expect(result.ok).toBe(false);
  });
});

describe('when the next cycle runs', () => {
  const base: ScheduleInput = {
    outcome: 'ok',
    offlineStreak: 0,
    nextDueAt: undefined,
    now: 1_000_000,
  };

  it('runs every interval while the hub answers', () => {
    expect(nextCycleDelay(base)).toBe(DEFAULT_SCHEDULE.intervalMs);
  });

  it('runs sooner when a retry falls due, but never spins', () => {
    expect(nextCycleDelay({ ...base, outcome: 'partial', nextDueAt: base.now + 5_000 })).toBe(
      5_000,
    );
    expect(nextCycleDelay({ ...base, nextDueAt: base.now - 5_000 })).toBe(
      DEFAULT_SCHEDULE.minimumMs,
    );
  });

  it('backs off while offline, up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 50].map((streak) =>
      nextCycleDelay({ ...base, outcome: 'offline', offlineStreak: streak }),
    );
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
  });

  it('probes slowly when the device must be enrolled again', () => {
    expect(nextCycleDelay({ ...base, outcome: 'unauthorized' })).toBe(
      DEFAULT_SCHEDULE.offlineCapMs,
    );
  });
});
