import { describe, expect, it } from 'vitest';
import { applyAction, type Action } from '../../../../core/runs';
import {
  admin,
  attachment,
  completeRun,
  definition,
  done,
  makeRun,
  Session,
  supervisor,
} from './fixtures';

const switches: Action = {
  type: 'setValue',
  itemId: 'core-switches',
  value: { type: 'count', legs: ['sw-a', 'sw-b'] },
};

describe('applyAction: refusals that apply to every action', () => {
  const everyAction: Action[] = [
    { type: 'setStatus', itemId: 'failover-test', status: 'done' },
    { type: 'setValue', itemId: 'speed-test', value: { type: 'number', value: 1 } },
    { type: 'setNotes', itemId: 'failover-test', notes: 'x' },
    { type: 'setRollbackPlan', itemId: 'firewall-change', rollbackPlan: 'x' },
    { type: 'waive', itemId: 'failover-test', justification: 'x' },
    { type: 'removeWaiver', itemId: 'failover-test' },
    { type: 'attach', itemId: 'speed-test', attachment: attachment('a') },
    { type: 'detach', itemId: 'speed-test', attachmentId: 'a' },
    { type: 'start', itemId: 'failover-test' },
  ];

  it('a signed run is frozen', () => {
    const session = completeRun(new Session());
    session.run = { ...session.run, state: 'signed' };
    for (const action of everyAction) expect(session.refused(action)).toBe('run-frozen');
  });

  it('unknown and hidden items are refused', () => {
    const session = new Session();
    expect(session.refused({ type: 'start', itemId: 'nope' })).toBe('unknown-item');
    expect(session.refused({ type: 'setStatus', itemId: 'fax-line', status: 'done' })).toBe(
      'item-hidden',
    );
    expect(session.refused({ type: 'setNotes', itemId: 'daas-ready', notes: 'n' })).toBe(
      'item-hidden',
    );
    expect(session.events).toHaveLength(0);
  });

  it('an unknown action type is refused', () => {
    const session = new Session();
    expect(session.refused({ type: 'explode', itemId: 'failover-test' } as unknown as Action)).toBe(
      'unknown-action',
    );
  });
});

describe('applyAction: status rules', () => {
  it('not applicable and blocked need a reason', () => {
    const session = new Session();
    expect(
      session.refused({ type: 'setStatus', itemId: 'wifi-survey', status: 'not-applicable' }),
    ).toBe('reason-required');
    expect(
      session.refused({
        type: 'setStatus',
        itemId: 'wifi-survey',
        status: 'not-applicable',
        reason: '   ',
      }),
    ).toBe('reason-required');
    expect(session.refused({ type: 'setStatus', itemId: 'isp-lines', status: 'blocked' })).toBe(
      'reason-required',
    );
    session.must({
      type: 'setStatus',
      itemId: 'isp-lines',
      status: 'blocked',
      reason: '  Second line not delivered. ',
    });
    expect(session.answers.get('isp-lines')).toMatchObject({
      status: 'blocked',
      reason: 'Second line not delivered.',
    });
  });

  it('the reason is dropped when the item is reopened', () => {
    const session = new Session().must(
      { type: 'setStatus', itemId: 'wifi-survey', status: 'not-applicable', reason: 'Wired only.' },
      { type: 'setStatus', itemId: 'wifi-survey', status: 'open' },
    );
    expect(session.answers.get('wifi-survey')?.reason).toBeUndefined();
    expect('reason' in (session.answers.get('wifi-survey') ?? {})).toBe(false);
  });

  it('done is refused while a dependency is open, and says on what it waits', () => {
    const session = new Session();
    const result = session.apply(done('failover-test'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('dependencies-open');
    expect(result.error.details?.waitingOn).toEqual([
      {
        itemId: 'speed-test',
        title: 'Speed test',
        sectionId: 'connectivity',
        department: 'network',
        status: 'open',
      },
      {
        itemId: 'firewall-change',
        title: 'Firewall rules',
        sectionId: 'security',
        department: 'security',
        status: 'open',
      },
    ]);
    expect(result.error.message).toContain('Speed test');
  });

  it('a dependency marked not applicable counts as resolved; a hidden one too', () => {
    const session = new Session().must(
      {
        type: 'setStatus',
        itemId: 'core-switches',
        status: 'not-applicable',
        reason: 'Shared building switches.',
      },
      { type: 'setValue', itemId: 'backup-target', value: { type: 'text', text: 'NAS-01' } },
      done('backup-target'),
      // desk-phones depends on fax-line, hidden for country DE
      done('desk-phones'),
    );
    expect(session.answers.get('desk-phones')?.status).toBe('done');
    const fr = new Session(makeRun({ parameters: { seats: 120, country: 'FR', hasDaas: false } }));
    expect(fr.refused(done('desk-phones'))).toBe('dependencies-open');
  });

  it('typed items need a value to be done; check items do not', () => {
    const session = new Session();
    expect(session.refused(done('core-switches'))).toBe('value-required');
    expect(session.refused(done('av-policy'))).toBe('value-required');
    expect(session.refused(done('ups-installed-on'))).toBe('value-required');
    session.must(done('wifi-survey'));
    session.must(switches, done('core-switches'));
  });

  it('a failing value is done only as a conscious choice (failing-answers.test.ts has the rest)', () => {
    const session = new Session().must({
      type: 'setValue',
      itemId: 'core-switches',
      value: { type: 'count', legs: ['only-one'] },
    });
    expect(session.refused(done('core-switches'))).toBe('value-failing');
    session.must({
      type: 'setStatus',
      itemId: 'core-switches',
      status: 'done',
      acceptFailing: true,
      reason: 'Second one ships Monday.',
    });
    expect(session.answers.get('core-switches')?.status).toBe('done');
  });

  it('a change item needs a rollback plan before done and before it is started', () => {
    const session = new Session().must(switches, done('core-switches'));
    expect(session.refused(done('firewall-change'))).toBe('rollback-plan-required');
    expect(session.refused({ type: 'start', itemId: 'firewall-change' })).toBe(
      'rollback-plan-required',
    );
    session.must({ type: 'setRollbackPlan', itemId: 'firewall-change', rollbackPlan: '   ' });
    expect(session.refused(done('firewall-change'))).toBe('rollback-plan-required');
    session.must(
      { type: 'setRollbackPlan', itemId: 'firewall-change', rollbackPlan: 'Restore fw-backup.cfg' },
      { type: 'start', itemId: 'firewall-change' },
      done('firewall-change'),
    );
    expect(
      session.refused({ type: 'setRollbackPlan', itemId: 'firewall-change', rollbackPlan: '' }),
    ).toBe('rollback-plan-required');
  });

  it('required evidence: at least one attachment to be done, and the last one stays while done', () => {
    const session = new Session().must(
      switches,
      done('core-switches'),
      { type: 'setValue', itemId: 'isp-lines', value: { type: 'count', legs: ['A', 'B'] } },
      done('isp-lines'),
      { type: 'setValue', itemId: 'speed-test', value: { type: 'number', value: 250 } },
    );
    expect(session.refused(done('speed-test'))).toBe('evidence-required');
    session.must(
      { type: 'attach', itemId: 'speed-test', attachment: attachment('photo') },
      done('speed-test'),
    );
    expect(session.refused({ type: 'detach', itemId: 'speed-test', attachmentId: 'photo' })).toBe(
      'evidence-required',
    );
    session.must(
      { type: 'attach', itemId: 'speed-test', attachment: attachment('photo-2') },
      { type: 'detach', itemId: 'speed-test', attachmentId: 'photo' },
    );
    expect(session.answers.get('speed-test')?.attachments.map((a) => a.id)).toEqual(['photo-2']);
  });
});

describe('applyAction: values', () => {
  it('validates the value against the item type', () => {
    const session = new Session();
    const set = (itemId: string, value: unknown) =>
      session.refused({ type: 'setValue', itemId, value } as Action);
    expect(set('speed-test', { type: 'number', value: Number.NaN })).toBe('invalid-value');
    expect(set('speed-test', { type: 'number', value: Number.POSITIVE_INFINITY })).toBe(
      'invalid-value',
    );
    expect(set('speed-test', { type: 'number', value: '250' })).toBe('invalid-value');
    expect(set('speed-test', { type: 'count', legs: ['a'] })).toBe('invalid-value');
    expect(set('ups-installed-on', { type: 'date', date: '2025-02-30' })).toBe('invalid-value');
    expect(set('ups-installed-on', { type: 'date', date: '2025-6-1' })).toBe('invalid-value');
    expect(set('av-policy', { type: 'choice', choiceId: 'maybe' })).toBe('invalid-value');
    expect(set('isp-lines', { type: 'count', legs: ['Telekom', ' '] })).toBe('invalid-value');
    expect(set('isp-lines', { type: 'count', legs: ['Telekom', 'telekom '] })).toBe(
      'invalid-value',
    );
    expect(set('backup-target', { type: 'text', text: '  ' })).toBe('invalid-value');
    expect(set('failover-test', { type: 'text', text: 'yes' })).toBe('invalid-value');
    expect(session.events).toHaveLength(0);
  });

  it('stores normalised values', () => {
    const session = new Session().must(
      {
        type: 'setValue',
        itemId: 'isp-lines',
        value: { type: 'count', legs: [' Telekom ', 'Vodafone'] },
      },
      { type: 'setValue', itemId: 'ups-installed-on', value: { type: 'date', date: '2024-02-29' } },
      { type: 'setValue', itemId: 'speed-test', value: { type: 'number', value: -0.5 } },
    );
    expect(session.answers.get('isp-lines')?.value).toEqual({
      type: 'count',
      legs: ['Telekom', 'Vodafone'],
    });
    expect(session.answers.get('ups-installed-on')?.value).toEqual({
      type: 'date',
      date: '2024-02-29',
    });
  });

  it('a value can be cleared, except on a done typed item', () => {
    const session = new Session().must(switches, {
      type: 'setValue',
      itemId: 'core-switches',
      value: null,
    });
    expect(session.answers.get('core-switches')?.value).toBeUndefined();
    session.must(switches, done('core-switches'));
    expect(session.refused({ type: 'setValue', itemId: 'core-switches', value: null })).toBe(
      'value-required',
    );
  });
});

describe('applyAction: waivers, notes, attachments', () => {
  it('only blocking items can be waived, with a justification; who and when are recorded', () => {
    const session = new Session();
    expect(session.refused({ type: 'waive', itemId: 'av-policy', justification: 'later' })).toBe(
      'not-blocking',
    );
    expect(session.refused({ type: 'waive', itemId: 'failover-test', justification: ' ' })).toBe(
      'justification-required',
    );
    expect(session.refused({ type: 'removeWaiver', itemId: 'failover-test' })).toBe('no-waiver');
    session.wait(5);
    const result = session.apply(
      { type: 'waive', itemId: 'failover-test', justification: 'Tested by the ISP on Friday.' },
      supervisor,
    );
    expect(result.ok && result.answer?.waiver).toEqual({
      justification: 'Tested by the ISP on Friday.',
      by: supervisor,
      at: session.now(),
    });
    session.must({ type: 'removeWaiver', itemId: 'failover-test' });
    expect(session.answers.get('failover-test')?.waiver).toBeUndefined();
  });

  it('notes are kept as written and cleared when empty', () => {
    const session = new Session().must({
      type: 'setNotes',
      itemId: 'wifi-survey',
      notes: 'Ask facilities\nabout APs',
    });
    expect(session.answers.get('wifi-survey')?.notes).toBe('Ask facilities\nabout APs');
    session.must({ type: 'setNotes', itemId: 'wifi-survey', notes: ' ' });
    expect(session.answers.get('wifi-survey')?.notes).toBeUndefined();
    expect(
      session.refused({ type: 'setNotes', itemId: 'wifi-survey', notes: 'x'.repeat(20_001) }),
    ).toBe('text-too-long');
  });

  it('attachments are validated; detaching an unknown one is refused', () => {
    const session = new Session();
    const bad = { ...attachment('a'), sha256: 'XYZ' };
    expect(session.refused({ type: 'attach', itemId: 'wifi-survey', attachment: bad })).toBe(
      'invalid-attachment',
    );
    expect(
      session.refused({
        type: 'attach',
        itemId: 'wifi-survey',
        attachment: { ...attachment('a'), size: -1 },
      }),
    ).toBe('invalid-attachment');
    session.must({ type: 'attach', itemId: 'wifi-survey', attachment: attachment('a') });
    expect(
      session.refused({ type: 'attach', itemId: 'wifi-survey', attachment: attachment('a') }),
    ).toBe('invalid-attachment');
    expect(session.refused({ type: 'detach', itemId: 'wifi-survey', attachmentId: 'zzz' })).toBe(
      'unknown-attachment',
    );
  });
});

describe('applyAction: timing, recheck and the event', () => {
  it('startedAt is set once; finishedAt follows done / N/A and is cleared when reopened', () => {
    const session = new Session().must({ type: 'start', itemId: 'wifi-survey' });
    const started = session.now();
    expect(session.refused({ type: 'start', itemId: 'wifi-survey' })).toBe('already-started');
    session.wait(30).must(done('wifi-survey'));
    expect(session.answers.get('wifi-survey')).toMatchObject({
      startedAt: started,
      finishedAt: session.now(),
    });
    session.wait(5).must({ type: 'setStatus', itemId: 'wifi-survey', status: 'open' });
    expect(session.answers.get('wifi-survey')?.finishedAt).toBeUndefined();
    expect(session.answers.get('wifi-survey')?.startedAt).toBe(started);
    session.must({
      type: 'setStatus',
      itemId: 'av-policy',
      status: 'blocked',
      reason: 'No licence yet.',
    });
    expect(session.answers.get('av-policy')).toMatchObject({ startedAt: session.now() });
    expect(session.answers.get('av-policy')?.finishedAt).toBeUndefined();
  });

  it('finishedAt is kept when a finished item changes between done and N/A', () => {
    const session = new Session().must(done('wifi-survey'));
    const finished = session.now();
    session.wait(10).must({
      type: 'setStatus',
      itemId: 'wifi-survey',
      status: 'not-applicable',
      reason: 'Wired.',
    });
    expect(session.answers.get('wifi-survey')?.finishedAt).toBe(finished);
  });

  it('reopening a resolved item lists the done items built on it for a recheck', () => {
    const session = completeRun(new Session());
    session.must({ type: 'setStatus', itemId: 'core-switches', status: 'open' });
    expect(session.answers.get('core-switches')?.recheck).toEqual([
      'isp-lines',
      'speed-test',
      'failover-test',
      'firewall-change',
      'backup-target',
    ]);
    session.must(done('core-switches'));
    expect(session.answers.get('core-switches')?.recheck).toBeUndefined();
  });

  it('returns the event with the answer before and after, the actor and the time', () => {
    const session = new Session();
    const first = session.apply(switches);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.event).toEqual({
      v: 2,
      runId: 'run-berlin',
      chain: 'device-a',
      seq: 1,
      prevHash: '0'.repeat(64),
      clock: {},
      type: 'setValue',
      itemId: 'core-switches',
      payload: { action: switches, before: null, after: first.answer },
      at: session.now(),
      actor: admin,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(first.answer).toEqual({
      runId: 'run-berlin',
      itemId: 'core-switches',
      status: 'open',
      value: { type: 'count', legs: ['sw-a', 'sw-b'] },
      attachments: [],
      updatedAt: session.now(),
      updatedBy: admin,
    });
    session.wait(1);
    const second = session.apply(done('core-switches'));
    expect(second.ok && second.event.payload.before).toEqual(first.answer);
  });

  it('never mutates its inputs', () => {
    const session = new Session().must(switches);
    const answers = new Map(session.answers);
    const snapshot = JSON.stringify([...answers]);
    const run = makeRun();
    const result = applyAction(
      { definition, run, answers, actor: admin, now: 'x' },
      done('core-switches'),
    );
    expect(result.ok).toBe(true);
    expect(JSON.stringify([...answers])).toBe(snapshot);
    expect(run).toEqual(makeRun());
  });
});
