// The one way the renderer gets a signature from the device key (signWithDeviceKey): the request
// is checked as a canonical sign-off, countersign or send-back statement about the report body
// sent beside it (core/reports/statement-to-sign.ts), then main shows a native confirmation naming
// the run, the office, the decision and the report fingerprint (signing-confirmation.ts), and the
// key signs only when the user confirms. Anything else is refused and logged, and nothing is
// signed: a script in the page has no silent signing oracle. The web-mode twin is
// renderer/bridge/web-signing-key.ts.

import type { BaseWindow, Dialog, MessageBoxOptions } from 'electron';
import { checkStatementToSign } from '../../core/reports/statement-to-sign';
import { MAX_REPORT_JSON_BYTES } from '../../core/reports/report-hash';
import { MAX_SIGN_MESSAGE_BYTES } from '../common/ipc-contract';
import type { DialogLanguage, SignWithDeviceKeyRequest } from '../common/ipc-contract';
import type { SenderInfo } from './ipc';
import type { Logger } from './logging';
import type { SigningKeyStore } from './signing-keys';
import { SIGN_BUTTON, signingConfirmationOptions } from './signing-confirmation';

export interface SignRequestDependencies {
  signingKeys: Pick<SigningKeyStore, 'publicKey' | 'sign'>;
  dialog: Pick<Dialog, 'showMessageBox'>;
  /** The window of the calling page, which the confirmation is modal to. */
  getWindow: (sender: SenderInfo) => BaseWindow | null;
  /** Where refusals (warn) and signatures made (info) are logged. */
  log?: Pick<Logger, 'info' | 'warn'>;
}

/** Signs one request after its checks and the user's confirmation; throws when refused. */
export type SignRequestHandler = (
  request: unknown,
  sender: SenderInfo,
) => Promise<{ signature: Uint8Array }>;

function assertShape(request: unknown): asserts request is SignWithDeviceKeyRequest {
  const candidate = request as Partial<Record<keyof SignWithDeviceKeyRequest, unknown>> | null;
  const message = candidate?.message;
  if (!(message instanceof Uint8Array) || message.byteLength === 0) {
    throw new Error(
      'signWithDeviceKey needs { message: Uint8Array, reportBody: string } with at least one byte.',
    );
  }
  if (message.byteLength > MAX_SIGN_MESSAGE_BYTES) {
    throw new Error(
      `signWithDeviceKey signs messages of up to ${MAX_SIGN_MESSAGE_BYTES} bytes, not ${message.byteLength}.`,
    );
  }
  if (
    typeof candidate?.reportBody !== 'string' ||
    candidate.reportBody.length > MAX_REPORT_JSON_BYTES
  ) {
    throw new Error(
      'signWithDeviceKey needs the report body the statement is about (reportBody, canonical JSON).',
    );
  }
  if (
    candidate.language !== undefined &&
    candidate.language !== 'en' &&
    candidate.language !== 'es'
  ) {
    throw new Error('signWithDeviceKey: language is "en" or "es".');
  }
}

export function createSignRequestHandler(deps: SignRequestDependencies): SignRequestHandler {
  const log = deps.log ?? {
    info: (message: string) => console.info(`[sign-request] ${message}`),
    warn: (message: string) => console.warn(`[sign-request] ${message}`),
  };
  // One confirmation at a time: a page cannot stack dialogs hoping one is confirmed by mistake.
  let isConfirming = false;

  const refuse = (reason: string): never => {
    log.warn(reason);
    throw new Error(reason);
  };

  async function confirm(options: MessageBoxOptions, sender: SenderInfo): Promise<boolean> {
    const window = deps.getWindow(sender);
    const { response } = window
      ? await deps.dialog.showMessageBox(window, options)
      : await deps.dialog.showMessageBox(options);
    return response === SIGN_BUTTON;
  }

  return async (request, sender) => {
    assertShape(request);
    const publicKey = await deps.signingKeys.publicKey();
    if (publicKey === null) {
      throw new Error('This device has no signing key yet: getSigningKey makes it.');
    }
    const checked = checkStatementToSign({
      message: request.message,
      reportBody: request.reportBody,
      publicKey,
    });
    if (!checked.ok) return refuse(checked.message);
    if (isConfirming) {
      return refuse('Refused to sign: another signature is waiting for your confirmation.');
    }
    const language: DialogLanguage = request.language ?? 'en';
    isConfirming = true;
    let isConfirmed: boolean;
    try {
      isConfirmed = await confirm(signingConfirmationOptions(checked.value, language), sender);
    } finally {
      isConfirming = false;
    }
    const { statement, body } = checked.value;
    const what = `${statement.purpose} of report ${JSON.stringify(body.reportId)} revision ${body.revision}`;
    if (!isConfirmed) return refuse(`Not signed: the ${what} was cancelled in the confirmation.`);
    const signature = await deps.signingKeys.sign(request.message, publicKey);
    log.info(`signed the ${what} (${checked.value.reportHash.slice(0, 16)}) after confirmation`);
    return { signature };
  };
}
