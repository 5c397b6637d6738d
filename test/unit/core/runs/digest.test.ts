import { describe, expect, it } from 'vitest';
import { buildStatusDigest, evaluateGate, ragOf } from '../../../../core/runs';
import { everythingBlocked, troubledSession } from './digest-fixtures';
import { approveWaiver, completeRun, definition, Session } from './fixtures';

describe('buildStatusDigest', () => {
  it('tells the whole story as data, for the app to say in its language', () => {
    const session = troubledSession();
    const digest = buildStatusDigest(definition, session.run, session.answers, '2025-05-29');
    expect(digest).toMatchObject({
      rag: 'red',
      runName: 'Berlin office',
      template: { title: 'New office go-live', version: '1.2.0', id: 'new-office' },
      plannedGoLive: '2025-06-02',
      daysToGoLive: 4,
      gate: { decision: 'no-go', notReady: 3, blockersRaised: 1, waivers: 1 },
      progress: {
        percentComplete: 10,
        resolved: 1,
        total: 10,
        done: 1,
        notApplicable: 0,
        open: 8,
        blocked: 1,
        failing: 1,
      },
      moreBlockers: 0,
      eta: { remainingMinutes: 330, unestimated: 1 },
      actualToEstimate: 1.67,
      criticalPath: {
        totalMinutes: 135,
        titles: ['ISP lines', 'Speed test', 'Failover test'],
      },
    });
    // the section lines skip nothing visible and hidden items are never mentioned
    expect(digest.sections).toContainEqual({
      title: 'Connectivity',
      department: 'Network',
      percentComplete: 0,
      resolved: 0,
      total: 4,
      blocked: 1,
      failing: 0,
    });
    expect(digest.sections).toContainEqual({
      title: 'Infrastructure',
      department: 'Infrastructure',
      percentComplete: 25,
      resolved: 1,
      total: 4,
      blocked: 0,
      failing: 0,
    });
    expect(digest.blockers).toEqual([
      {
        kind: 'gate',
        title: 'ISP lines',
        why: 'blocked',
        detail: 'Second line not delivered\nby Vodafone.',
      },
      { kind: 'gate', title: 'Speed test', why: 'waiting', detail: 'ISP lines' },
      { kind: 'gate', title: 'Firewall rules', why: 'open' },
    ]);
    expect(digest.failing).toEqual([
      {
        title: 'Antivirus policy',
        severity: 'major',
        failure: { kind: 'unacceptable-choice', choiceId: 'disabled', label: 'Disabled' },
      },
    ]);
    expect(digest.slipped).toEqual([
      { kind: 'over-estimate', title: 'Core switches', actualMinutes: 100, estimateMinutes: 60 },
    ]);
    expect(digest.waivers).toMatchObject([
      {
        title: 'Failover test',
        justification: 'ISP tested failover.',
        by: { name: 'Ana Admin', role: 'admin' },
        approvedBy: { name: 'Sam Supervisor' },
      },
    ]);
    const everything = JSON.stringify(digest);
    expect(everything).not.toContain('DaaS');
    expect(everything).not.toContain('Fax');
  });

  it('lists items still open after go-live as slipped', () => {
    const session = troubledSession();
    const digest = buildStatusDigest(definition, session.run, session.answers, '2025-06-04');
    expect(digest.daysToGoLive).toBe(-2);
    expect(digest.slipped).toContainEqual({
      kind: 'overdue',
      title: 'ISP lines',
      status: 'blocked',
      daysLate: 2,
    });
    expect(digest.slipped).toContainEqual({
      kind: 'overdue',
      title: 'Desk phones',
      status: 'open',
      daysLate: 2,
    });
  });

  it('is green when the gate says go, with nothing left and no critical path', () => {
    const session = completeRun(new Session());
    const digest = buildStatusDigest(definition, session.run, session.answers, '2025-05-31');
    expect(digest.rag).toBe('green');
    expect(digest.gate).toEqual({ decision: 'go', notReady: 0, blockersRaised: 0, waivers: 0 });
    expect(digest.blockers).toEqual([]);
    expect(digest.eta).toBeNull();
    expect(digest.criticalPath).toBeNull();
  });

  it('keeps at most ten entries in a list and counts the rest', () => {
    const { definition: small, session } = everythingBlocked(13);
    const digest = buildStatusDigest(small, session.run, session.answers, '2025-05-20');
    expect(digest.blockers.map((blocker) => blocker.title)).toEqual(
      Array.from({ length: 10 }, (_, index) => `Check ${index}`),
    );
    expect(digest.moreBlockers).toBe(3);
  });
});

describe('RAG', () => {
  it('red: no-go with a blocker raised, whatever the date', () => {
    const session = new Session().must({
      type: 'setStatus',
      itemId: 'av-policy',
      status: 'blocked',
      reason: 'x',
    });
    expect(buildStatusDigest(definition, session.run, session.answers, '2025-05-01').rag).toBe(
      'red',
    );
  });

  it('red: no-go two days or less before go-live; amber: no-go earlier', () => {
    const session = new Session();
    expect(buildStatusDigest(definition, session.run, session.answers, '2025-05-31').rag).toBe(
      'red',
    );
    expect(buildStatusDigest(definition, session.run, session.answers, '2025-05-30').rag).toBe(
      'amber',
    );
    expect(buildStatusDigest(definition, session.run, session.answers, '2025-06-10').rag).toBe(
      'red',
    );
  });

  it('amber: go with waivers', () => {
    const session = approveWaiver(
      completeRun(new Session()).must({
        type: 'waive',
        itemId: 'failover-test',
        justification: 'Belt and braces.',
      }),
      'failover-test',
    );
    const gate = evaluateGate(definition, session.run, session.answers);
    expect(gate.decision).toBe('go-with-waivers');
    expect(ragOf(gate, 0)).toBe('amber');
    expect(buildStatusDigest(definition, session.run, session.answers, '2025-05-31').rag).toBe(
      'amber',
    );
  });
});
