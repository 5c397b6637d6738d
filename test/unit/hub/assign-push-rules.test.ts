// Only the run's owner reassigns items: the hub refuses an assign event pushed by a member (or a
// supervisor), and takes the member's other events as before.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../core/runs';
import {
  checkEventTypes,
  MEMBER_EVENT_TYPES,
  OWNER_EVENT_TYPES,
} from '../../../hub/shared-runs/push-rules';
import { pushableTypes, SUPERVISOR_EVENT_TYPES } from '../../../hub/shared-runs/run-access';
import type { MemberRecord, SharedRunRecord } from '../../../hub/shared-runs/run-store';

const event = (type: RunEvent['type'], seq: number) =>
  ({ type, seq, actor: { id: 'u-nils', name: 'Nils Network', role: 'engineer' } }) as RunEvent;

describe('who may push an assign event', () => {
  it('the owner pushes every type; a member every type but assign', () => {
    const run = { runId: 'run-1', name: 'Client onboarding' } as SharedRunRecord;
    expect(pushableTypes({ kind: 'owner' }, run)).toBe('all');
    expect(pushableTypes({ kind: 'member', member: {} as MemberRecord }, run)).toEqual(
      MEMBER_EVENT_TYPES,
    );
    expect(MEMBER_EVENT_TYPES).not.toContain('assign');
    expect(MEMBER_EVENT_TYPES).toContain('setStatus');
    expect(OWNER_EVENT_TYPES).toEqual(['assign']);
    expect(() => checkEventTypes([event('assign', 1)], 'all')).not.toThrow();
  });

  it("refuses a member's push holding an assign event, saying who may", () => {
    const push = [event('setStatus', 4), event('assign', 5)];
    expect(() => checkEventTypes(push, MEMBER_EVENT_TYPES)).toThrow(
      /Only the run's owner may reassign items; events\[1\] \(event 5\) is an assign/,
    );
    expect(() => checkEventTypes([event('assign', 1)], SUPERVISOR_EVENT_TYPES)).toThrow(
      /Only the run's owner/,
    );
    expect(() => checkEventTypes([event('setStatus', 4)], MEMBER_EVENT_TYPES)).not.toThrow();
  });
});
