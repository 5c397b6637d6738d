import { describe, expect, it } from 'vitest';
import { evaluateGate, resolveConflict, type Action } from '../../../../core/runs';
import {
  admin,
  approveWaiver,
  completeRun,
  definition,
  done,
  makeRun,
  Session,
  supervisor,
  waiverDecision,
} from './fixtures';

const gateOf = (session: Session) => evaluateGate(definition, session.run, session.answers);

describe('evaluateGate', () => {
  it('a fresh run is no-go: every visible blocking item open or waiting, hidden ones left out', () => {
    const gate = gateOf(new Session());
    expect(gate.decision).toBe('no-go');
    expect(gate.reasons.map((r) => [r.itemId, r.why])).toEqual([
      ['isp-lines', 'waiting'],
      ['speed-test', 'waiting'],
      ['failover-test', 'waiting'],
      ['firewall-change', 'waiting'],
      ['core-switches', 'open'],
    ]);
    expect(gate.reasons[2]).toMatchObject({
      sectionId: 'connectivity',
      detail: 'Speed test, Firewall rules',
    });
    expect(gate.blockersRaised).toBe(0);
    expect(gate.waivers).toEqual([]);
  });

  it('all done and passing is go', () => {
    expect(gateOf(completeRun(new Session()))).toEqual({
      decision: 'go',
      reasons: [],
      waivers: [],
      blockersRaised: 0,
      failing: [],
    });
  });

  it('a blocked blocking item holds the gate with its reason; any blocked item counts as a raised blocker', () => {
    const session = completeRun(new Session()).must(
      {
        type: 'setStatus',
        itemId: 'failover-test',
        status: 'blocked',
        reason: 'Second line not live.',
      },
      { type: 'setStatus', itemId: 'av-policy', status: 'blocked', reason: 'Licence missing.' },
    );
    const gate = gateOf(session);
    expect(gate.decision).toBe('no-go');
    expect(gate.reasons).toEqual([
      {
        itemId: 'failover-test',
        title: 'Failover test',
        sectionId: 'connectivity',
        why: 'blocked',
        detail: 'Second line not live.',
      },
    ]);
    expect(gate.blockersRaised).toBe(2);
  });

  it('a done but failing blocking item is no-go, even when marked done anyway', () => {
    const session = completeRun(new Session()).must({
      type: 'setValue',
      itemId: 'isp-lines',
      value: { type: 'count', legs: ['Telekom'] },
      acceptFailing: true,
      reason: 'Vodafone line delivered Monday.',
    });
    const gate = gateOf(session);
    expect(gate.decision).toBe('no-go');
    expect(gate.reasons).toEqual([
      expect.objectContaining({
        itemId: 'isp-lines',
        why: 'failing',
        detail: '1 of 2 ISP lines named.',
      }),
    ]);
  });

  it('a failing value shows as failing even before the item is done', () => {
    const session = new Session().must({
      type: 'setValue',
      itemId: 'core-switches',
      value: { type: 'count', legs: ['sw-a'] },
    });
    expect(gateOf(session).reasons.find((r) => r.itemId === 'core-switches')?.why).toBe('failing');
  });

  it('a failing non-blocking item does not hold the gate', () => {
    const session = completeRun(new Session()).must({
      type: 'setValue',
      itemId: 'av-policy',
      value: { type: 'choice', choiceId: 'disabled' },
      acceptFailing: true,
      reason: 'Licence arrives next week.',
    });
    expect(gateOf(session).decision).toBe('go');
  });

  it('a waived blocking item makes go-with-waivers and is listed with who and when', () => {
    const session = completeRun(new Session())
      .must({
        type: 'setStatus',
        itemId: 'failover-test',
        status: 'blocked',
        reason: 'Line 2 late.',
      })
      .wait(3);
    const waivedAt = session.now();
    session.must({ type: 'waive', itemId: 'failover-test', justification: 'ISP tested failover.' });
    // Requested, not yet approved: the gate holds (four eyes).
    expect(gateOf(session)).toMatchObject({
      decision: 'no-go',
      reasons: [{ itemId: 'failover-test', why: 'waiver-pending', detail: 'ISP tested failover.' }],
      waivers: [],
    });
    session.wait(10);
    const approvedAt = session.now();
    approveWaiver(session, 'failover-test');
    const gate = gateOf(session);
    expect(gate.decision).toBe('go-with-waivers');
    expect(gate.reasons).toEqual([]);
    expect(gate.waivers).toEqual([
      {
        itemId: 'failover-test',
        title: 'Failover test',
        sectionId: 'connectivity',
        justification: 'ISP tested failover.',
        by: admin,
        at: waivedAt,
        approvedBy: supervisor,
        approvedAt,
      },
    ]);
    expect(gate.blockersRaised).toBe(1);
  });

  it('a refused waiver holds the gate with the reason; a new request needs a new decision', () => {
    const session = completeRun(new Session()).must({
      type: 'waive',
      itemId: 'failover-test',
      justification: 'Skip it.',
    });
    const refused = session.apply(
      waiverDecision(session, 'failover-test', 'refuse', 'Test it on Sunday.'),
      supervisor,
    );
    expect(refused.ok).toBe(true);
    expect(gateOf(session).reasons).toEqual([
      expect.objectContaining({ why: 'waiver-refused', detail: 'Test it on Sunday.' }),
    ]);
    expect(session.refused(waiverDecision(session, 'failover-test'), supervisor)).toBe(
      'waiver-decision-invalid',
    );
    session.must({ type: 'waive', itemId: 'failover-test', justification: 'Tested by the ISP.' });
    approveWaiver(session, 'failover-test');
    expect(gateOf(session).decision).toBe('go-with-waivers');
  });

  it('one person cannot reach GO alone: no self-approval, no decision moved to another request', () => {
    const session = completeRun(new Session()).must({
      type: 'waive',
      itemId: 'failover-test',
      justification: 'Agreed with M. Ruiz (supervisor).',
    });
    // The administrator cannot approve their own request, not even holding a supervisor role.
    const own = waiverDecision(session, 'failover-test');
    expect(session.refused(own, { ...admin, role: 'supervisor' })).toBe('waiver-decision-invalid');
    expect(session.refused(own, admin)).toBe('waiver-decision-invalid');
    // A decision signed for the earlier wording does not approve a changed request.
    const earlier = waiverDecision(session, 'failover-test');
    session.wait(1).must({ type: 'waive', itemId: 'failover-test', justification: 'Changed.' });
    expect(session.refused(earlier, supervisor)).toBe('waiver-decision-invalid');
    // A forged signature does not verify.
    const forged = waiverDecision(session, 'failover-test') as Extract<
      Action,
      { type: 'decideWaiver' }
    >;
    const bad = { ...forged, signature: `${forged.signature.slice(0, -2)}AA` };
    expect(session.refused(bad, supervisor)).toBe('waiver-decision-invalid');
    expect(gateOf(session).decision).toBe('no-go');
  });

  it('a waiver does not hide another unresolved blocking item', () => {
    const session = new Session().must({
      type: 'waive',
      itemId: 'core-switches',
      justification: 'Old ones stay.',
    });
    approveWaiver(session, 'core-switches');
    const gate = gateOf(session);
    expect(gate.decision).toBe('no-go');
    expect(gate.reasons.map((r) => r.itemId)).not.toContain('core-switches');
    expect(gate.waivers).toHaveLength(1);
  });

  it('not applicable with a reason resolves a blocking item', () => {
    const session = completeRun(new Session()).must({
      type: 'setStatus',
      itemId: 'failover-test',
      status: 'not-applicable',
      reason: 'Single-line pilot site.',
    });
    expect(gateOf(session).decision).toBe('go');
  });

  it('a done blocking item whose dependency is reopened waits again', () => {
    const session = completeRun(new Session()).must({
      type: 'setStatus',
      itemId: 'speed-test',
      status: 'open',
    });
    const gate = gateOf(session);
    expect(gate.reasons.map((r) => [r.itemId, r.why])).toEqual([
      ['speed-test', 'open'],
      ['failover-test', 'waiting'],
    ]);
  });

  it('a conditional blocking item counts only when shown', () => {
    const daas = completeRun(
      new Session(makeRun({ parameters: { seats: 120, country: 'DE', hasDaas: true } })),
    );
    expect(evaluateGate(definition, daas.run, daas.answers).decision).toBe('go');
    daas.must({ type: 'setStatus', itemId: 'daas-ready', status: 'open' });
    expect(evaluateGate(definition, daas.run, daas.answers).reasons).toEqual([
      expect.objectContaining({ itemId: 'daas-ready', why: 'open' }),
    ]);
    // the same answers against a run without DaaS: the item is hidden, so it no longer counts
    expect(evaluateGate(definition, makeRun(), daas.answers).decision).toBe('go');
    daas.must(done('daas-ready'));
    expect(evaluateGate(definition, daas.run, daas.answers).decision).toBe('go');
  });

  it('a conflict on a blocking item holds the gate until a person keeps one answer', () => {
    const a = completeRun(new Session(makeRun(), definition, 'device-a'));
    const b = new Session(a.run, definition, 'device-b');
    b.log.addAll(a.events);
    // Offline on both laptops, each writes a different note on the same done switch item.
    a.wait(5).must({ type: 'setNotes', itemId: 'core-switches', notes: 'Second switch replaced.' });
    b.wait(6).must({ type: 'setNotes', itemId: 'core-switches', notes: 'Spare on the shelf.' });
    b.wait(7).must({ type: 'setNotes', itemId: 'wifi-survey', notes: 'Attic covered.' });
    a.wait(8).must({ type: 'setNotes', itemId: 'wifi-survey', notes: 'Attic not covered.' });
    a.log.addAll(b.events);
    b.log.addAll(a.events);
    for (const session of [a, b]) {
      const gate = evaluateGate(
        definition,
        session.run,
        session.answers,
        session.log.conflictIds(),
      );
      expect(session.log.conflictIds()).toEqual(new Set(['core-switches', 'wifi-survey']));
      // Only the blocking item holds the gate; the major one is shown as a conflict elsewhere.
      expect(gate.decision).toBe('no-go');
      expect(gate.reasons.map((r) => [r.itemId, r.why])).toEqual([['core-switches', 'conflict']]);
    }
    // Counted without the conflicts, the shown answer (one head, done) would let the run go.
    expect(evaluateGate(definition, a.run, a.answers).decision).toBe('go');
    const notes = a.log.item('core-switches').heads.find((head) => head.chain === 'device-b') as {
      hash: string;
    };
    a.keep(resolveConflict(a.context(admin), 'core-switches', notes.hash));
    const resolved = evaluateGate(definition, a.run, a.answers, a.log.conflictIds());
    expect(resolved.reasons).toEqual([]);
    expect(resolved.decision).toBe('go');
  });
});
