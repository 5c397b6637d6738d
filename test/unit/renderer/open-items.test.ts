// What the sign-off dialog states as still open (renderer/features/signoff/open-items.ts): visible
// items neither done nor N/A by severity, a blocking item with an approved waiver counted as waived
// rather than open, and the waivers by state as the gate (core) sees them.
import { describe, expect, it } from 'vitest';
import { evaluateGate, runVisibility } from '../../../core/runs';
import { openItemsOf } from '../../../renderer/features/signoff/open-items';
import {
  approveWaiver,
  completeRun,
  Session,
  waiverDecision,
  supervisor,
} from '../core/runs/fixtures';

function openOf(session: Session) {
  const visibility = runVisibility(session.def, session.run);
  const answers = new Map(session.answers);
  return openItemsOf(visibility, answers, evaluateGate(session.def, session.run, answers));
}

describe('openItemsOf', () => {
  it('counts nothing open on a complete run', () => {
    expect(openOf(completeRun(new Session()))).toEqual({
      open: { blocking: 0, major: 0, minor: 0 },
      waivers: { approved: 0, pending: 0, refused: 0 },
    });
  });

  it('counts reopened items by severity, and each waiver by its state', () => {
    const session = completeRun(new Session()).must(
      { type: 'setStatus', itemId: 'failover-test', status: 'open' },
      { type: 'waive', itemId: 'failover-test', justification: 'Line 2 on Tuesday.' },
      { type: 'setStatus', itemId: 'ups-installed-on', status: 'open' },
    );
    expect(openOf(session)).toMatchObject({
      open: { blocking: 1, minor: 1 },
      waivers: { approved: 0, pending: 1, refused: 0 },
    });
    approveWaiver(session, 'failover-test');
    expect(openOf(session)).toMatchObject({
      open: { blocking: 0, minor: 1 },
      waivers: { approved: 1, pending: 0, refused: 0 },
    });
  });

  it('counts a refused waiver as refused, its item still open', () => {
    const session = completeRun(new Session()).must(
      { type: 'setStatus', itemId: 'failover-test', status: 'open' },
      { type: 'waive', itemId: 'failover-test', justification: 'Line 2 on Tuesday.' },
    );
    const refused = session.apply(
      waiverDecision(session, 'failover-test', 'refuse', 'Test it first.'),
      supervisor,
    );
    expect(refused.ok).toBe(true);
    expect(openOf(session)).toMatchObject({
      open: { blocking: 1 },
      waivers: { approved: 0, pending: 0, refused: 1 },
    });
  });
});
