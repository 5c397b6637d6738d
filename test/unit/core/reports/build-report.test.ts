// buildReportBody: what a sign-off report holds, in which order, and what it refuses to build.
import { describe, expect, it } from 'vitest';
import {
  buildReportBody,
  canSignOff,
  ReportBuildError,
  reportBodySchema,
  type BuildReportInput,
} from '../../../../core/reports';
import { evaluateGate, recordEvent } from '../../../../core/runs';
import { admin, approveWaiver, definition, makeRun, Session, supervisor } from '../runs/fixtures';
import { completedSession, SIGNED_AT } from './fixtures';

function input(session: Session, overrides: Partial<BuildReportInput> = {}): BuildReportInput {
  return {
    definition: session.def,
    run: session.run,
    answers: session.answers,
    events: session.events,
    office: 'Berlin office',
    lessonsLearned: 'Order the second line earlier.',
    signedAt: SIGNED_AT,
    revision: 1,
    supersedes: null,
    ...overrides,
  };
}

function buildError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ReportBuildError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('built a report it should have refused');
}

describe('buildReportBody', () => {
  it('lists every visible item by section in definition order, with hidden item ids', () => {
    const body = buildReportBody(input(completedSession()));
    expect(body.sections.map((s) => [s.id, s.items.map((i) => i.id)])).toEqual([
      ['connectivity', ['isp-lines', 'speed-test', 'failover-test', 'wifi-survey']],
      ['security', ['firewall-change', 'av-policy']],
      ['infrastructure', ['core-switches', 'backup-target', 'ups-installed-on', 'desk-phones']],
    ]);
    expect(body.hiddenItems).toEqual(['daas-ready', 'fax-line']);
    expect(body.sections[2]?.items[1]?.department).toBe('backup');
  });

  it('carries each item state: value, reason, rollback plan, attachments, times, who and when', () => {
    const session = completedSession();
    const body = buildReportBody(input(session));
    const items = new Map(body.sections.flatMap((s) => s.items).map((i) => [i.id, i]));
    expect(items.get('speed-test')).toEqual({
      id: 'speed-test',
      title: 'Speed test',
      type: 'number',
      severity: 'blocking',
      department: 'network',
      status: 'done',
      value: { type: 'number', value: 480 },
      unit: 'Mbit/s',
      attachments: [session.answers.get('speed-test')?.attachments[0]],
      failing: false,
      finishedAt: session.answers.get('speed-test')?.finishedAt,
      startedAt: session.answers.get('speed-test')?.startedAt,
      estimateMinutes: 30,
      updatedAt: session.answers.get('speed-test')?.updatedAt,
      updatedBy: admin,
    });
    expect(items.get('wifi-survey')).toMatchObject({
      status: 'not-applicable',
      reason: 'Wired only.',
    });
    expect(items.get('firewall-change')?.rollbackPlan).toBe('Restore the saved config.');
    expect(body.departments).toEqual(
      expect.arrayContaining([{ id: 'network', title: expect.any(String) }]),
    );
  });

  it('records the gate with its waivers, the summary and the head of the event chain', () => {
    const session = completedSession().must(
      {
        type: 'setStatus',
        itemId: 'failover-test',
        status: 'blocked',
        reason: 'Second line late.',
      },
      { type: 'waive', itemId: 'failover-test', justification: 'Line 2 on Tuesday; 4G backup.' },
    );
    approveWaiver(session, 'failover-test');
    const body = buildReportBody(input(session));
    const waiver = session.answers.get('failover-test')?.waiver;
    expect(body.gate).toEqual({
      decision: 'go-with-waivers',
      waivers: [
        {
          itemId: 'failover-test',
          title: 'Failover test',
          justification: 'Line 2 on Tuesday; 4G backup.',
          by: admin,
          at: waiver?.at,
          approvedBy: supervisor,
          approvedAt: waiver?.decision?.at,
        },
      ],
    });
    expect(body.sections[0]?.items[2]?.waiver?.decision).toEqual(waiver?.decision);
    const failover = body.sections[0]?.items[2];
    expect(failover?.status).toBe('blocked');
    expect(failover?.reason).toBe('Second line late.');
    expect(failover?.waiver?.justification).toBe('Line 2 on Tuesday; 4G backup.');
    expect(body.summary).toMatchObject({ total: 10, blocked: 1, notApplicable: 1, done: 8 });
    expect(body.history).toEqual({
      chains: [
        { chain: 'device-a', head: session.events.at(-1)?.hash, length: session.events.length },
      ],
      events: session.events,
      moves: [],
    });
    expect(body).not.toHaveProperty('eventChain');
    expect(body).toMatchObject({
      format: 'go-live-report',
      formatVersion: 5,
      reportId: 'run-berlin',
      revision: 1,
      supersedes: null,
      signedAt: SIGNED_AT,
      definition: { id: 'new-office', version: '1.2.0', hash: 'a'.repeat(64) },
      run: { id: 'run-berlin', office: 'Berlin office', parameters: { seats: 120 } },
    });
  });

  it('passes the strict report schema, with no undefined fields and no extra properties', () => {
    const session = completedSession();
    // An extra property on a stored actor must not leak into the signed report.
    const run = { ...session.run, createdBy: { ...admin, office: 'Berlin' } };
    const body = buildReportBody(input(session, { run }));
    expect(reportBodySchema.safeParse(body).success).toBe(true);
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it('reports failing values even when the gate is held', () => {
    const session = new Session().must({
      type: 'setValue',
      itemId: 'core-switches',
      value: { type: 'count', legs: ['sw-a'] },
    });
    const body = buildReportBody(input(session));
    expect(body.gate.decision).toBe('no-go');
    expect(canSignOff(body.gate)).toBe(false);
    expect(body.sections[2]?.items[0]).toMatchObject({
      failing: true,
      failure: '1 of 2 core switches named.',
    });
    expect(body.history?.events).toHaveLength(1);
  });

  it('an untouched run has an empty history', () => {
    const body = buildReportBody(input(new Session()));
    expect(body.history).toEqual({ chains: [], events: [], moves: [] });
    expect(body.sections[0]?.items[0]).not.toHaveProperty('updatedAt');
  });

  it('refuses a broken event log, answers changed outside it, and another definition', () => {
    const session = completedSession();
    const events = session.events.map((e, i) => (i === 3 ? { ...e, at: 'x' } : e));
    expect(buildError(() => buildReportBody(input(session, { events })))).toMatch(
      /^broken-event-log: The run's history is broken at event 4/,
    );
    const answers = new Map(session.answers);
    const edited = answers.get('isp-lines');
    if (edited) answers.set('isp-lines', { ...edited, notes: 'edited in the database' });
    expect(buildError(() => buildReportBody(input(session, { answers })))).toMatch(
      /^answers-not-in-log: The answers of isp-lines do not match/,
    );
    const other = { ...session.run, definitionVersion: '9.9.9' };
    expect(buildError(() => buildReportBody(input(session, { run: other })))).toMatch(
      /^wrong-definition/,
    );
    const foreign = [
      recordEvent({ ...session.events[0]!, runId: 'run-other' }, 'device-a', null, {}),
    ];
    expect(buildError(() => buildReportBody(input(session, { events: foreign })))).toMatch(
      /^broken-event-log: The event log holds events of another run/,
    );
  });

  it('refuses an impossible revision or supersedes, and a bad sign-off time', () => {
    const session = completedSession();
    expect(buildError(() => buildReportBody(input(session, { revision: 0 })))).toMatch(
      /^invalid-revision/,
    );
    expect(
      buildError(() => buildReportBody(input(session, { revision: 2, supersedes: null }))),
    ).toMatch(/^invalid-revision: Revision 2 must name/);
    expect(
      buildError(() =>
        buildReportBody(input(session, { revision: 1, supersedes: 'f'.repeat(64) })),
      ),
    ).toMatch(/^invalid-revision: Revision 1 replaces nothing/);
    expect(buildError(() => buildReportBody(input(session, { signedAt: 'Sunday' })))).toMatch(
      /^invalid-input/,
    );
    const revision2 = buildReportBody(input(session, { revision: 2, supersedes: 'f'.repeat(64) }));
    expect(revision2).toMatchObject({ revision: 2, supersedes: 'f'.repeat(64) });
  });
});

describe('canSignOff', () => {
  it('allows go and go-with-waivers only', () => {
    expect(canSignOff({ decision: 'go' })).toBe(true);
    expect(canSignOff({ decision: 'go-with-waivers' })).toBe(true);
    expect(canSignOff({ decision: 'no-go' })).toBe(false);
    expect(canSignOff(evaluateGate(definition, makeRun(), new Map()))).toBe(false);
  });
});
