// signWaiverDecision in main (electron/main/sign-waiver-decision.ts through handlers.ts): a
// supervisor's decision on a waiver request, signed with a key store holding a real Ed25519 key,
// after a native confirmation (a fake dialog.showMessageBox) that names the decision, run, office,
// item and request. The signature is then recorded through the core (decideWaiver), so what main
// signs is what the run's history accepts. Arbitrary bytes, a report statement, another key's
// decision, a non-canonical form and a cancelled confirmation are refused with nothing signed.
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it, vi } from 'vitest';
import type { BaseWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { createKeySigner } from '../../../core/reports';
import { bytesToBase64url } from '../../../core/reports/base64url';
import { canonicalJson } from '../../../core/runs/event-chain';
import {
  waiverStatement,
  waiverStatementBytes,
  type WaiverStatement,
} from '../../../core/runs/waiver-decision';
import { createHandlers, type HandlerDependencies } from '../../../electron/main/handlers';
import type { SigningKeyStore } from '../../../electron/main/signing-keys';
import { CANCEL_BUTTON } from '../../../electron/main/signing-confirmation';
import { DECIDE_BUTTON } from '../../../electron/main/waiver-confirmation';
import { SUPERVISOR_KEY_HEX } from '../core/reports/fixtures';
import { completeRun, Session, supervisor } from '../core/runs/fixtures';

const sender = { url: 'app://bundle/index.html', webContentsId: 3 };
const window = { id: 3 } as unknown as BaseWindow;

async function desktop(answer: number = DECIDE_BUTTON) {
  const key = createKeySigner(hexToBytes(SUPERVISOR_KEY_HEX), { name: 'x', role: 'supervisor' });
  const publicKey = (await key.identity()).publicKey;
  const dialogs: MessageBoxOptions[] = [];
  const signingKeys: SigningKeyStore = {
    getKey: async () => ({
      publicKey,
      createdAt: '2025-06-01T08:00:00.000Z',
      protection: 'os-keyring',
    }),
    publicKey: async () => publicKey,
    sign: vi.fn((message: Uint8Array) => key.sign(message)),
  };
  const log = { info: vi.fn(), warn: vi.fn() };
  const handlers = createHandlers({
    app: { getName: () => 'Go-live Checklists', getVersion: () => '1.0.0' },
    platform: 'linux',
    shell: { openExternal: async () => undefined },
    dialog: {
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showMessageBox: (async (...args: [BaseWindow, MessageBoxOptions] | [MessageBoxOptions]) => {
        dialogs.push(args.at(-1) as MessageBoxOptions);
        return { response: answer, checkboxChecked: false } satisfies MessageBoxReturnValue;
      }) as HandlerDependencies['dialog']['showMessageBox'],
    },
    fs: {} as HandlerDependencies['fs'],
    getWindow: () => window,
    allowlist: [],
    signingKeys,
    signingLog: log,
    reportMirror: {} as HandlerDependencies['reportMirror'],
    hubOrigins: {} as HandlerDependencies['hubOrigins'],
  });
  return { handlers, publicKey, dialogs, signingKeys, log };
}

/** A run whose blocking failover test has a waiver request by the administrator. */
function requested(): Session {
  return completeRun(new Session()).must({
    type: 'waive',
    itemId: 'failover-test',
    justification: 'Line 2 arrives on Tuesday; failover tested then.',
  });
}

function decision(
  session: Session,
  publicKey: string,
  verdict: 'approve' | 'refuse' = 'approve',
  comment?: string,
): WaiverStatement {
  const waiver = session.answers.get('failover-test')?.waiver;
  if (!waiver) throw new Error('no waiver');
  return waiverStatement({
    runId: session.run.id,
    itemId: 'failover-test',
    runName: session.run.name,
    office: 'Berlin office',
    itemTitle: 'Failover tested',
    waiver,
    decision: verdict,
    ...(comment === undefined ? {} : { comment }),
    signer: { publicKey, name: supervisor.name, role: 'supervisor' },
    signedAt: session.now(),
  });
}

describe('signWaiverDecision (Electron main)', () => {
  it('signs a canonical decision after the confirmation, and the run history accepts it', async () => {
    const { handlers, publicKey, dialogs, log } = await desktop();
    const session = requested();
    const statement = decision(session, publicKey);
    const { signature } = await handlers.signWaiverDecision(
      { message: waiverStatementBytes(statement), language: 'en' },
      sender,
    );
    expect(signature).toHaveLength(64);
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toMatchObject({
      message: 'Approve the waiver of “Failover tested”? It will count toward GO.',
      buttons: ['Approve waiver', 'Cancel'],
      defaultId: CANCEL_BUTTON,
      cancelId: CANCEL_BUTTON,
    });
    expect(dialogs[0]?.detail).toContain('Office: Berlin office');
    expect(dialogs[0]?.detail).toContain(
      'Request: Line 2 arrives on Tuesday; failover tested then.',
    );
    expect(log.info).toHaveBeenCalledOnce();

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
    expect(session.answers.get('failover-test')?.waiver?.decision?.statement.decision).toBe(
      'approve',
    );
  });

  it('speaks Spanish and names a refusal with its reason', async () => {
    const { handlers, publicKey, dialogs } = await desktop();
    const statement = decision(requested(), publicKey, 'refuse', 'Pruébelo antes.');
    await handlers.signWaiverDecision(
      { message: waiverStatementBytes(statement), language: 'es' },
      sender,
    );
    expect(dialogs[0]?.buttons).toEqual(['Rechazar dispensa', 'Cancelar']);
    expect(dialogs[0]?.detail).toContain('Comentario: Pruébelo antes.');
  });

  it('signs nothing when the confirmation is cancelled', async () => {
    const { handlers, publicKey, signingKeys, log } = await desktop(CANCEL_BUTTON);
    const statement = decision(requested(), publicKey);
    await expect(
      handlers.signWaiverDecision({ message: waiverStatementBytes(statement) }, sender),
    ).rejects.toThrow(/Not signed: the approve of the waiver of "failover-test".*cancelled/);
    expect(signingKeys.sign).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledOnce();
  });

  it.each([
    ['arbitrary bytes', () => utf8ToBytes('please sign this'), /not a waiver decision/],
    [
      'a decision naming another key',
      () => waiverStatementBytes(decision(requested(), 'A'.repeat(43))),
      /another key/,
    ],
    [
      'a decision in non-canonical form',
      (publicKey: string) =>
        utf8ToBytes(
          JSON.stringify(JSON.parse(canonicalJson(decision(requested(), publicKey))), null, 1),
        ),
      /canonical/,
    ],
    [
      'a decision with an extra field',
      (publicKey: string) =>
        utf8ToBytes(canonicalJson({ ...decision(requested(), publicKey), forEver: true })),
      /not a waiver decision/,
    ],
  ])('refuses %s without a dialog or a signature', async (_case, message, why) => {
    const { handlers, publicKey, dialogs, signingKeys } = await desktop();
    await expect(
      handlers.signWaiverDecision({ message: message(publicKey) }, sender),
    ).rejects.toThrow(why);
    expect(dialogs).toHaveLength(0);
    expect(signingKeys.sign).not.toHaveBeenCalled();
  });

  it('refuses a request that is not { message: Uint8Array } before reaching the key store', async () => {
    const { handlers, signingKeys } = await desktop();
    await expect(
      handlers.signWaiverDecision(
        { message: 'text' } as unknown as { message: Uint8Array },
        sender,
      ),
    ).rejects.toThrow(/signWaiverDecision needs \{ message: Uint8Array \}/);
    await expect(
      handlers.signWaiverDecision({ message: new Uint8Array(64 * 1024 + 1) }, sender),
    ).rejects.toThrow(/up to 65536 bytes/);
    expect(signingKeys.sign).not.toHaveBeenCalled();
  });
});
