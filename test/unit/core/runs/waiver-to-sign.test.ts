// What a device key may sign for a waiver: exactly one canonical decision statement naming this
// device's key (Electron main and web mode check it before the key is used).
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../core/runs';
import { parseWaiverStatement } from '../../../../core/runs/run-event-schema';
import {
  checkWaiverToSign,
  waiverStatementBytes,
  type WaiverStatement,
} from '../../../../core/runs/waiver-decision';
import { completeRun, samPublicKey, Session, waiverDecision } from './fixtures';

function statement(decision: 'approve' | 'refuse' = 'approve', comment?: string): WaiverStatement {
  const session = completeRun(new Session()).must({
    type: 'waive',
    itemId: 'failover-test',
    justification: 'Line 2 on Tuesday.',
  });
  const action = waiverDecision(session, 'failover-test', decision, comment);
  if (action.type !== 'decideWaiver') throw new Error('not a decision');
  return action.statement;
}

const check = (message: Uint8Array, key = samPublicKey) =>
  checkWaiverToSign(message, key, parseWaiverStatement);

describe('checkWaiverToSign', () => {
  it('accepts the canonical statement of a decision by this device key', () => {
    const ok = check(waiverStatementBytes(statement()));
    expect(ok).toMatchObject({
      ok: true,
      statement: { decision: 'approve', itemId: 'failover-test' },
    });
  });

  it('refuses arbitrary bytes, another key, a non-canonical form and a refusal without a reason', () => {
    expect(check(utf8ToBytes('please sign this'))).toMatchObject({ ok: false });
    expect(check(waiverStatementBytes(statement()), 'A'.repeat(43))).toMatchObject({
      ok: false,
      message: expect.stringContaining('another key'),
    });
    const pretty = utf8ToBytes(JSON.stringify(JSON.parse(canonicalJson(statement())), null, 2));
    expect(check(pretty)).toMatchObject({
      ok: false,
      message: expect.stringContaining('canonical'),
    });
    const { comment: _c, ...noReason } = statement('refuse', 'Test it first.');
    expect(check(utf8ToBytes(canonicalJson(noReason)))).toMatchObject({
      ok: false,
      message: expect.stringContaining('reason'),
    });
    const extra = { ...statement(), approvedForEver: true };
    expect(check(utf8ToBytes(canonicalJson(extra)))).toMatchObject({ ok: false });
  });
});
