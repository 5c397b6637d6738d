// The renderer's waiver decision (renderer/features/waivers/decide-waiver.ts) over the web bridge's
// real key store (Node WebCrypto, fake-indexeddb): the statement it builds from the waiver on
// record is what the key store agrees to sign and what the run history (core decideWaiver)
// accepts from a supervisor; the requester deciding their own waiver is refused by the core.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../core/people/profile';
import type { Action, Actor } from '../../../core/runs';
import { createWebSigningKeyStore } from '../../../renderer/bridge/web-signing-key';
import { decideWaiver } from '../../../renderer/features/waivers/decide-waiver';
import type { ApplyResult } from '../../../renderer/storage/run-repository';
import { admin, completeRun, Session, supervisor } from '../core/runs/fixtures';

function profileOf(actor: Actor, office: string): Profile {
  return {
    id: actor.id,
    name: actor.name,
    role: actor.role === 'supervisor' ? 'supervisor' : 'admin',
    office,
    createdAt: '2025-05-30T08:00:00.000Z',
    updatedAt: '2025-05-30T08:00:00.000Z',
  };
}

function setUp() {
  const keys = createWebSigningKeyStore({ indexedDB: new IDBFactory() });
  const session = completeRun(new Session()).must({
    type: 'waive',
    itemId: 'failover-test',
    justification: 'Line 2 arrives on Tuesday.',
  });
  const waiver = session.answers.get('failover-test')?.waiver;
  if (!waiver) throw new Error('no waiver');
  const deps = {
    bridge: {
      getSigningKey: () => keys.getKey(),
      signWaiverDecision: async ({ message }: { message: Uint8Array }) => ({
        signature: await keys.signWaiverDecision(message),
      }),
    },
    apply: async (_runId: string, action: Action, actor: Actor): Promise<ApplyResult> => {
      const result = session.apply(action, actor);
      if (!result.ok) return result;
      if (!result.answer) throw new Error(`${action.type} left no answer`);
      return { ok: true, answer: result.answer, event: result.event };
    },
    now: () => new Date(session.now()),
  };
  const target = {
    runId: session.run.id,
    runName: session.run.name,
    office: 'Berlin office',
    itemId: 'failover-test',
    itemTitle: 'Failover tested',
    waiver,
  };
  return { session, deps, target };
}

describe('decideWaiver', () => {
  it("records a supervisor's approval that the gate then counts", async () => {
    const { session, deps, target } = setUp();
    const result = await decideWaiver(
      deps,
      target,
      profileOf(supervisor, 'Central ICT'),
      'approve',
      '',
    );
    expect(result.ok).toBe(true);
    const decision = session.answers.get('failover-test')?.waiver?.decision;
    expect(decision?.by).toEqual(supervisor);
    expect(decision?.statement).toMatchObject({
      decision: 'approve',
      office: 'Berlin office',
      itemTitle: 'Failover tested',
      signer: { name: supervisor.name, role: 'supervisor', office: 'Central ICT' },
    });
    expect(decision?.statement).not.toHaveProperty('comment');
  });

  it('records a refusal with its reason', async () => {
    const { session, deps, target } = setUp();
    const result = await decideWaiver(
      deps,
      target,
      profileOf(supervisor, 'Central ICT'),
      'refuse',
      '  Test the failover first.  ',
    );
    expect(result.ok).toBe(true);
    expect(session.answers.get('failover-test')?.waiver?.decision?.statement).toMatchObject({
      decision: 'refuse',
      comment: 'Test the failover first.',
    });
  });

  it('cannot make the requester their own approver', async () => {
    const { session, deps, target } = setUp();
    const asSupervisor = { ...profileOf(admin, 'Berlin office'), role: 'supervisor' as const };
    const result = await decideWaiver(deps, target, asSupervisor, 'approve', '');
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('second person') },
    });
    expect(session.answers.get('failover-test')?.waiver?.decision).toBeUndefined();
  });
});
