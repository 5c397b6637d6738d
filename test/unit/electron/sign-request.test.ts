// signWithDeviceKey in main (electron/main/sign-request.ts through handlers.ts), driven the way the
// renderer drives it: core's signOff, countersign and sendBack with the renderer's device Signer
// over a bridge that calls main's handler, and a key store holding a real Ed25519 key. Main signs
// only a canonical statement about the body sent with it, and only after the native confirmation
// (a fake dialog.showMessageBox) names the run, office, decision and report fingerprint; arbitrary
// bytes, other statements and a cancelled confirmation are refused with nothing signed.
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it, vi } from 'vitest';
import type { BaseWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import {
  countersign,
  createKeySigner,
  REPORT_FORMAT_VERSION,
  reportHash,
  sendBack,
  signOff,
  statementBytes,
  verifyReport,
  type ReportBody,
} from '../../../core/reports';
import { canonicalJson } from '../../../core/runs/event-chain';
import type { AppBridge, SignWithDeviceKeyRequest } from '../../../electron/common/ipc-contract';
import { createHandlers, type HandlerDependencies } from '../../../electron/main/handlers';
import type { SigningKeyStore } from '../../../electron/main/signing-keys';
import {
  CANCEL_BUTTON,
  SIGN_BUTTON,
  displayText,
} from '../../../electron/main/signing-confirmation';
import { createDeviceSigner } from '../../../renderer/bridge/device-signer';
import {
  ADMIN_KEY_HEX,
  SUPERVISOR_KEY_HEX,
  body,
  clone,
  defaultTrust,
  signedOff,
} from '../core/reports/fixtures';

const sender = { url: 'app://bundle/index.html', webContentsId: 3 };
const window = { id: 3 } as unknown as BaseWindow;
const NOW = '2025-06-02T09:00:00.000Z';

/** Main's handlers over a key store with a real key, and a dialog the test answers. */
function desktop(keyHex: string, answer: number = SIGN_BUTTON) {
  const key = createKeySigner(hexToBytes(keyHex), { name: 'unused', role: 'admin' });
  const dialogs: { parent: BaseWindow | null; options: MessageBoxOptions }[] = [];
  let respond = (_options: MessageBoxOptions): Promise<MessageBoxReturnValue> =>
    Promise.resolve({ response: answer, checkboxChecked: false });
  const signingKeys: SigningKeyStore = {
    getKey: async () => ({
      publicKey: (await key.identity()).publicKey,
      createdAt: '2025-06-01T08:00:00.000Z',
      protection: 'os-keyring',
    }),
    publicKey: async () => (await key.identity()).publicKey,
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
        const options = args.at(-1) as MessageBoxOptions;
        dialogs.push({ parent: args.length === 2 ? args[0] : null, options });
        return respond(options);
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
  // The preload's bridge, minus the IPC.
  const bridge: Pick<AppBridge, 'getSigningKey' | 'signWithDeviceKey'> = {
    getSigningKey: () => handlers.getSigningKey(undefined, sender),
    signWithDeviceKey: (request) => handlers.signWithDeviceKey(request, sender),
  };
  return {
    handlers,
    bridge,
    dialogs,
    signingKeys,
    log,
    answerWith: (next: typeof respond) => (respond = next),
  };
}

const ana = { name: 'Ana Admin', role: 'admin' as const, office: 'Berlin office' };
const sam = { name: 'Sam Supervisor', role: 'supervisor' as const };

function signOffRequest(reportBody: ReportBody, publicKey: string): SignWithDeviceKeyRequest {
  return {
    message: statementBytes({
      format: 'go-live-report',
      formatVersion: REPORT_FORMAT_VERSION,
      purpose: 'sign-off',
      reportHash: reportHash(reportBody),
      signer: { publicKey, ...ana },
      signedAt: reportBody.signedAt,
    }),
    reportBody: canonicalJson(reportBody),
  };
}

describe('signWithDeviceKey in the desktop app', () => {
  it('refuses arbitrary bytes: no dialog, the key is not used', async () => {
    const { handlers, dialogs, signingKeys, log } = desktop(ADMIN_KEY_HEX);
    const reportBody = canonicalJson(body());
    for (const message of [
      new TextEncoder().encode('nonce:3f9a'),
      new TextEncoder().encode('{"amount":1000}'),
      new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
    ]) {
      await expect(handlers.signWithDeviceKey({ message, reportBody }, sender)).rejects.toThrow(
        /^Refused to sign: /,
      );
    }
    expect(dialogs).toEqual([]);
    expect(signingKeys.sign).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(3);
  });

  it('signs off after the confirmation names the run, office, decision and fingerprint', async () => {
    const { bridge, dialogs } = desktop(ADMIN_KEY_HEX);
    const reportBody = body();
    const signed = await signOff(createDeviceSigner(bridge, ana), reportBody, reportBody.signedAt);

    expect(verifyReport(signed, await defaultTrust())).toMatchObject({ valid: true });
    expect(dialogs).toHaveLength(1);
    const [{ parent, options }] = dialogs as [(typeof dialogs)[number]];
    const hash = reportHash(reportBody);
    expect(parent).toBe(window);
    expect(options).toMatchObject({
      type: 'question',
      message: `Sign off “${reportBody.run.name}” as ready to go live?`,
      buttons: ['Sign off', 'Cancel'],
      defaultId: CANCEL_BUTTON,
      cancelId: CANCEL_BUTTON,
    });
    expect(options.detail).toContain(`Run: ${reportBody.run.name}`);
    expect(options.detail).toContain('Office: Berlin office');
    expect(options.detail).toContain('Decision: sign-off, gate GO');
    expect(options.detail).toContain(`Report fingerprint: ${hash.slice(0, 16)}`);
    expect(options.detail).toContain(`SHA-256: ${hash}`);
    expect(options.detail).toContain('Signed as: Ana Admin (administrator, Berlin office)');
  });

  it('countersigns and sends back after confirmations that say so, with the comment', async () => {
    const report = await signedOff();
    const { bridge, dialogs } = desktop(SUPERVISOR_KEY_HEX);
    const signer = createDeviceSigner(bridge, sam);
    const approved = await countersign(signer, report, NOW, 'Looks good.');
    const returned = await sendBack(signer, report, NOW, 'Photo of rack B is missing.');

    const trust = await defaultTrust();
    expect(verifyReport(approved, trust)).toMatchObject({ valid: true, status: 'countersigned' });
    expect(verifyReport(returned, trust)).toMatchObject({ valid: true, status: 'sent-back' });
    expect(dialogs.map(({ options }) => options.buttons?.[SIGN_BUTTON])).toEqual([
      'Countersign',
      'Send back',
    ]);
    expect(dialogs[0]?.options.detail).toContain('Decision: countersign (approve the report)');
    expect(dialogs[1]?.options.detail).toContain('Decision: send back for a new revision');
    expect(dialogs[1]?.options.detail).toContain('Comment: Photo of rack B is missing.');
  });

  it('signs nothing when the user cancels', async () => {
    const { bridge, signingKeys, log } = desktop(ADMIN_KEY_HEX, CANCEL_BUTTON);
    const reportBody = body();
    await expect(
      signOff(createDeviceSigner(bridge, ana), reportBody, reportBody.signedAt),
    ).rejects.toThrow(/Not signed: the sign-off of report .* was cancelled in the confirmation/);
    expect(signingKeys.sign).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledOnce();
  });

  it('refuses a statement about another report than the one it would show', async () => {
    const { handlers, dialogs, signingKeys } = desktop(ADMIN_KEY_HEX);
    const signedBody = body();
    const { publicKey } = await handlers.getSigningKey(undefined, sender);
    const shown = clone(signedBody);
    shown.run.name = 'Harmless test run';
    const request = { ...signOffRequest(signedBody, publicKey), reportBody: canonicalJson(shown) };
    await expect(handlers.signWithDeviceKey(request, sender)).rejects.toThrow(
      /names another report than the one shown/,
    );
    expect(dialogs).toEqual([]);
    expect(signingKeys.sign).not.toHaveBeenCalled();
  });

  it("refuses a statement naming another key than the device's", async () => {
    const { handlers, signingKeys } = desktop(ADMIN_KEY_HEX);
    const { publicKey } = await createKeySigner(hexToBytes(SUPERVISOR_KEY_HEX), sam).identity();
    await expect(
      handlers.signWithDeviceKey(signOffRequest(body(), publicKey), sender),
    ).rejects.toThrow(/another signer's key/);
    expect(signingKeys.sign).not.toHaveBeenCalled();
  });

  it('refuses a second request while a confirmation is open, then signs the first', async () => {
    const { handlers, dialogs, signingKeys, answerWith } = desktop(ADMIN_KEY_HEX);
    let confirm: (value: MessageBoxReturnValue) => void = () => undefined;
    answerWith(() => new Promise((resolve) => (confirm = resolve)));
    const { publicKey } = await handlers.getSigningKey(undefined, sender);
    const request = signOffRequest(body(), publicKey);

    const first = handlers.signWithDeviceKey(request, sender);
    await vi.waitFor(() => expect(dialogs).toHaveLength(1));
    await expect(handlers.signWithDeviceKey(request, sender)).rejects.toThrow(
      /another signature is waiting for your confirmation/,
    );
    expect(dialogs).toHaveLength(1);
    confirm({ response: SIGN_BUTTON, checkboxChecked: false });
    await expect(first).resolves.toEqual({ signature: expect.any(Uint8Array) });
    expect(signingKeys.sign).toHaveBeenCalledOnce();
  });

  it('shows a run name with bidirectional overrides and line breaks as plain text', async () => {
    const { handlers, dialogs } = desktop(ADMIN_KEY_HEX);
    const reportBody = body();
    reportBody.run.name = 'Berlin\u202Eevil\u202C\nOffice: Madrid';
    const { publicKey } = await handlers.getSigningKey(undefined, sender);
    await handlers.signWithDeviceKey(signOffRequest(reportBody, publicKey), sender);
    const detail = dialogs[0]?.options.detail ?? '';
    expect(detail).not.toMatch(/[\u202a-\u202e\n]Office: Madrid/);
    expect(detail).toContain('Run: Berlin evil  Office: Madrid');
    expect(detail.split('\n').filter((line) => line.startsWith('Office:'))).toEqual([
      'Office: Berlin office',
    ]);
  });

  it('speaks Spanish when the page does', async () => {
    const { handlers, dialogs } = desktop(ADMIN_KEY_HEX);
    const reportBody = body();
    const { publicKey } = await handlers.getSigningKey(undefined, sender);
    await handlers.signWithDeviceKey(
      { ...signOffRequest(reportBody, publicKey), language: 'es' },
      sender,
    );
    expect(dialogs[0]?.options).toMatchObject({
      title: 'Confirme su firma',
      buttons: ['Firmar', 'Cancelar'],
    });
    expect(dialogs[0]?.options.detail).toContain('Oficina: Berlin office');
  });

  it.each([
    ['no message', {}],
    ['a string', { message: 'statement', reportBody: '{}' }],
    ['an empty message', { message: new Uint8Array(0), reportBody: '{}' }],
    ['no report body', { message: new Uint8Array([1]) }],
    ['an unknown language', { message: new Uint8Array([1]), reportBody: '{}', language: 'de' }],
    ['null', null],
  ])('rejects %s before reaching the key store', async (_case, request) => {
    const { handlers, signingKeys } = desktop(ADMIN_KEY_HEX);
    await expect(
      handlers.signWithDeviceKey(request as unknown as SignWithDeviceKeyRequest, sender),
    ).rejects.toThrow(/signWithDeviceKey/);
    expect(signingKeys.sign).not.toHaveBeenCalled();
  });
});

describe('displayText', () => {
  it('removes control and bidirectional characters and cuts long text', () => {
    expect(displayText('a\u202Eb\u2066c\u0007d')).toBe('a b c d');
    expect([...displayText('x'.repeat(500))]).toHaveLength(160);
    expect(displayText('x'.repeat(500)).endsWith('…')).toBe(true);
  });
});
