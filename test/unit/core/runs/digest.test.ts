import { describe, expect, it } from 'vitest';
import { buildStatusDigest, evaluateGate, ragOf } from '../../../../core/runs';
import { approveWaiver, completeRun, definition, done, Session } from './fixtures';

function troubledSession(): Session {
  const session = new Session()
    .must(
      {
        type: 'setValue',
        itemId: 'core-switches',
        value: { type: 'count', legs: ['sw-a', 'sw-b'] },
      },
      { type: 'start', itemId: 'core-switches' },
    )
    .wait(100)
    .must(
      done('core-switches'),
      {
        type: 'setStatus',
        itemId: 'isp-lines',
        status: 'blocked',
        reason: 'Second line not delivered\nby Vodafone.',
      },
      { type: 'setValue', itemId: 'av-policy', value: { type: 'choice', choiceId: 'disabled' } },
    );
  session.must({ type: 'waive', itemId: 'failover-test', justification: 'ISP tested failover.' });
  return approveWaiver(session, 'failover-test');
}

describe('buildStatusDigest', () => {
  it('tells the whole story in plain text', () => {
    const session = troubledSession();
    const { rag, text } = buildStatusDigest(definition, session.run, session.answers, '2025-05-29');
    expect(rag).toBe('red');
    const expected = [
      'Go-live status: Berlin office [RED]',
      'Template: New office go-live v1.2.0 (new-office)',
      'Go-live: 2025-06-02 (in 4 days)',
      'Gate: NO-GO (3 blocking items not ready, 1 blocker raised, 1 waiver)',
      'Progress: 10% (1 of 10 items: 1 done, 0 not applicable; 8 open, 1 blocked, 1 failing)',
      '  - Connectivity (Network): 0%, 0 of 4, 1 blocked',
      '  - Infrastructure (Infrastructure): 25%, 1 of 4',
      'Open blockers:',
      '  - ISP lines [blocked]: Second line not delivered by Vodafone.',
      '  - Speed test [waiting]: waiting on ISP lines',
      '  - Firewall rules [open]',
      'Other failing checks:',
      '  - Antivirus policy [major]: "Disabled" is not acceptable.',
      'Slipped:',
      '  - Core switches: took 1 h 40 min against an estimate of 1 h',
      'Waivers:',
      '  - Failover test: "ISP tested failover." (waived by Ana Admin, admin, 2025-05-31 10:40 UTC; approved by Sam Supervisor, 2025-05-31 10:40 UTC)',
      'ETA: 5 h 30 min of estimated work left; expect it to take twice as long, so plan for 11 h. 1 open item has no estimate.',
      '  So far, timed items took 1.67x their estimate.',
      'Critical path (2 h 15 min estimated): ISP lines -> Speed test -> Failover test',
    ];
    for (const line of expected) expect(text.split('\n')).toContain(line);
    // the section lines skip nothing visible and hidden items are never mentioned
    expect(text).not.toContain('DaaS');
    expect(text).not.toContain('Fax');
  });

  it('lists items still open after go-live as slipped', () => {
    const session = troubledSession();
    const { text } = buildStatusDigest(definition, session.run, session.answers, '2025-06-04');
    expect(text).toContain('Go-live: 2025-06-02 (2 days ago)');
    expect(text).toContain('  - ISP lines: still blocked, 2 days after go-live');
    expect(text).toContain('  - Desk phones: still open, 2 days after go-live');
  });

  it('is green when the gate says go, and says there is nothing left', () => {
    const session = completeRun(new Session());
    const { rag, text } = buildStatusDigest(definition, session.run, session.answers, '2025-05-31');
    expect(rag).toBe('green');
    expect(text).toContain('Gate: GO\n');
    expect(text).toContain('Open blockers:\n  none');
    expect(text).toContain('ETA: nothing left to do.');
    expect(text).not.toContain('Critical path');
  });

  it('accepts translated headings', () => {
    const session = completeRun(new Session());
    const { text } = buildStatusDigest(definition, session.run, session.answers, '2025-05-31', {
      heading: 'Go-Live-Status',
      rag: { red: 'ROT', amber: 'GELB', green: 'GRÜN' },
    });
    expect(text.split('\n')[0]).toBe('Go-Live-Status: Berlin office [GRÜN]');
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
