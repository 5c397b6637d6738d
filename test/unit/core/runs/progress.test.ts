import { describe, expect, it } from 'vitest';
import { computeProgress, daysBetween, formatMinutes } from '../../../../core/runs';
import { definition, done, Session } from './fixtures';

describe('computeProgress', () => {
  it('counts visible items per section and overall', () => {
    const session = new Session().must(
      { type: 'setStatus', itemId: 'wifi-survey', status: 'not-applicable', reason: 'Wired only.' },
      { type: 'setValue', itemId: 'core-switches', value: { type: 'count', legs: ['sw-a'] } },
      {
        type: 'setStatus',
        itemId: 'core-switches',
        status: 'done',
        acceptFailing: true,
        reason: 'Second switch ships Monday.',
      },
      { type: 'setStatus', itemId: 'isp-lines', status: 'blocked', reason: 'Line 2 late.' },
    );
    const progress = computeProgress(definition, session.run, session.answers, '2025-05-31');
    expect(progress.overall).toMatchObject({
      total: 10,
      done: 1,
      notApplicable: 1,
      blocked: 1,
      open: 7,
      failing: 1,
      percentComplete: 20,
      estimateMinutes: 60 + 30 + 45 + 120 + 30 + 15 + 60 + 20 + 10,
      remainingEstimateMinutes: 60 + 30 + 45 + 30 + 15 + 20 + 10,
      unestimated: 1,
    });
    const connectivity = progress.sections.find((s) => s.sectionId === 'connectivity');
    expect(connectivity).toMatchObject({
      total: 4,
      notApplicable: 1,
      blocked: 1,
      open: 2,
      percentComplete: 25,
    });
    const infra = progress.sections.find((s) => s.sectionId === 'infrastructure');
    expect(infra).toMatchObject({ total: 4, done: 1, failing: 1, department: 'infrastructure' });
    expect(progress.daysToGoLive).toBe(2);
  });

  it('measures actual time of timed done items against their estimate', () => {
    const session = new Session()
      .must({ type: 'start', itemId: 'wifi-survey' })
      .wait(240)
      .must(done('wifi-survey'), done('desk-phones'));
    const { overall } = computeProgress(definition, session.run, session.answers, '2025-06-03');
    expect(overall).toMatchObject({
      actualMinutes: 240,
      timedItems: 1,
      timedEstimateMinutes: 120,
      actualToEstimate: 2,
    });
    expect(
      computeProgress(definition, session.run, session.answers, '2025-06-03').daysToGoLive,
    ).toBe(-1);
  });

  it('no timed items: ratio unknown', () => {
    const session = new Session().must(done('wifi-survey'));
    const { overall } = computeProgress(definition, session.run, session.answers, '2025-05-31');
    expect(overall).toMatchObject({ actualMinutes: 0, timedItems: 0, actualToEstimate: null });
  });
});

describe('dates', () => {
  it('counts calendar days, across months and leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-06-02', '2025-05-31')).toBe(-2);
    expect(daysBetween('2025-05-31T23:59:00Z', '2025-06-02')).toBe(2);
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(150)).toBe('2 h 30 min');
  });
});
