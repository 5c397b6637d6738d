// signWaiverDecision in web mode (renderer/bridge/web-signing-key.ts through the web bridge's
// store) on Node's WebCrypto and fake-indexeddb: the non-extractable device key signs a
// supervisor's canonical waiver decision naming it, and the run history (core decideWaiver)
// accepts the signature; anything else is refused with nothing signed.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { bytesToBase64url } from '../../../core/reports/base64url';
import { canonicalJson } from '../../../core/runs/event-chain';
import {
  waiverStatement,
  waiverStatementBytes,
  type WaiverStatement,
} from '../../../core/runs/waiver-decision';
import { createWebSigningKeyStore } from '../../../renderer/bridge/web-signing-key';
import { completeRun, Session, supervisor } from '../core/runs/fixtures';

function requested(): Session {
  return completeRun(new Session()).must({
    type: 'waive',
    itemId: 'failover-test',
    justification: 'Line 2 arrives on Tuesday.',
  });
}

function decision(session: Session, publicKey: string, comment?: string): WaiverStatement {
  const waiver = session.answers.get('failover-test')?.waiver;
  if (!waiver) throw new Error('no waiver');
  return waiverStatement({
    runId: session.run.id,
    itemId: 'failover-test',
    runName: session.run.name,
    office: 'Berlin office',
    itemTitle: 'Failover tested',
    waiver,
    decision: comment === undefined ? 'approve' : 'refuse',
    ...(comment === undefined ? {} : { comment }),
    signer: { publicKey, name: supervisor.name, role: 'supervisor' },
    signedAt: session.now(),
  });
}

describe('signWaiverDecision (web mode)', () => {
  it('signs a canonical decision naming this key, and the run history accepts it', async () => {
    const store = createWebSigningKeyStore({ indexedDB: new IDBFactory() });
    const { publicKey } = await store.getKey();
    const session = requested();
    const statement = decision(session, publicKey, 'Test the failover first.');
    const signature = await store.signWaiverDecision(waiverStatementBytes(statement));
    expect(signature).toHaveLength(64);
    const recorded = session.apply(
      {
        type: 'decideWaiver',
        itemId: 'failover-test',
        statement,
        signature: bytesToBase64url(signature),
      },
      supervisor,
    );
    expect(recorded.ok).toBe(true);
    expect(session.answers.get('failover-test')?.waiver?.decision?.statement).toMatchObject({
      decision: 'refuse',
      comment: 'Test the failover first.',
    });
  });

  it('refuses anything else, without touching the key', async () => {
    const subtle = globalThis.crypto.subtle;
    const sign = vi.spyOn(subtle, 'sign');
    const store = createWebSigningKeyStore({ indexedDB: new IDBFactory(), subtle });
    const { publicKey } = await store.getKey();
    const session = requested();
    await expect(store.signWaiverDecision(utf8ToBytes('sign me'))).rejects.toThrow(
      /not a waiver decision/,
    );
    await expect(store.signWaiverDecision(new Uint8Array(0))).rejects.toThrow(
      /signWaiverDecision needs \{ message: Uint8Array \}/,
    );
    await expect(
      store.signWaiverDecision(waiverStatementBytes(decision(session, 'A'.repeat(43)))),
    ).rejects.toThrow(/another key/);
    const pretty = JSON.stringify(JSON.parse(canonicalJson(decision(session, publicKey))), null, 2);
    await expect(store.signWaiverDecision(utf8ToBytes(pretty))).rejects.toThrow(/canonical/);
    const { comment: _reason, ...withoutReason } = decision(session, publicKey, 'Why not.');
    await expect(
      store.signWaiverDecision(utf8ToBytes(canonicalJson(withoutReason))),
    ).rejects.toThrow(/reason/);
    expect(sign).not.toHaveBeenCalled();
    sign.mockRestore();
  });

  it('refuses before a key exists', async () => {
    const store = createWebSigningKeyStore({ indexedDB: new IDBFactory() });
    const statement = decision(requested(), 'A'.repeat(43));
    await expect(store.signWaiverDecision(waiverStatementBytes(statement))).rejects.toThrow(
      /no signing key yet/,
    );
  });
});
