// signWaiverDecision in main (issue 16, four eyes): a supervisor approves or refuses a waiver
// request with this device's key. The message must be exactly one canonical WaiverStatement naming
// this device's key (core's checkWaiverToSign with the run history's strict schema), then main
// shows a native confirmation of the decision (waiver-confirmation.ts), and the key signs only when
// the user confirms. Anything else is refused and logged, and nothing is signed. Everything it
// touches (key store, dialog, window) is passed in. The web-mode twin is
// renderer/bridge/web-signing-key.ts (signWaiverDecision).

import type { BaseWindow, Dialog } from 'electron';
import { parseWaiverStatement } from '../../core/runs/run-event-schema';
import { checkWaiverToSign } from '../../core/runs/waiver-decision';
import { MAX_SIGN_MESSAGE_BYTES } from '../common/ipc-contract';
import type { DialogLanguage, SignWaiverDecisionRequest } from '../common/ipc-contract';
import type { SenderInfo } from './ipc';
import type { Logger } from './logging';
import type { SigningKeyStore } from './signing-keys';
import { DECIDE_BUTTON, waiverConfirmationOptions } from './waiver-confirmation';

export interface WaiverDecisionDependencies {
  signingKeys: Pick<SigningKeyStore, 'publicKey' | 'sign'>;
  dialog: Pick<Dialog, 'showMessageBox'>;
  /** The window of the calling page, which the confirmation is modal to. */
  getWindow: (sender: SenderInfo) => BaseWindow | null;
  /** Where refusals (warn) and signatures made (info) are logged. */
  log?: Pick<Logger, 'info' | 'warn'>;
}

export type WaiverDecisionHandler = (
  request: unknown,
  sender: SenderInfo,
) => Promise<{ signature: Uint8Array }>;

function assertShape(request: unknown): asserts request is SignWaiverDecisionRequest {
  const candidate = request as Partial<Record<keyof SignWaiverDecisionRequest, unknown>> | null;
  const message = candidate?.message;
  if (!(message instanceof Uint8Array) || message.byteLength === 0) {
    throw new Error('signWaiverDecision needs { message: Uint8Array } with at least one byte.');
  }
  if (message.byteLength > MAX_SIGN_MESSAGE_BYTES) {
    throw new Error(
      `signWaiverDecision signs messages of up to ${MAX_SIGN_MESSAGE_BYTES} bytes, not ${message.byteLength}.`,
    );
  }
  if (
    candidate?.language !== undefined &&
    candidate.language !== 'en' &&
    candidate.language !== 'es'
  ) {
    throw new Error('signWaiverDecision: language is "en" or "es".');
  }
}

export function createWaiverDecisionHandler(
  deps: WaiverDecisionDependencies,
): WaiverDecisionHandler {
  const log = deps.log ?? {
    info: (message: string) => console.info(`[sign-waiver] ${message}`),
    warn: (message: string) => console.warn(`[sign-waiver] ${message}`),
  };
  // One confirmation at a time: a page cannot stack dialogs hoping one is confirmed by mistake.
  let isConfirming = false;
  const refuse = (reason: string): never => {
    log.warn(reason);
    throw new Error(reason);
  };

  return async (request, sender) => {
    assertShape(request);
    const publicKey = await deps.signingKeys.publicKey();
    if (publicKey === null) {
      throw new Error('This device has no signing key yet: getSigningKey makes it.');
    }
    // A copy: the page cannot change the bytes between the check and the signature.
    const message = new Uint8Array(request.message);
    const checked = checkWaiverToSign(message, publicKey, parseWaiverStatement);
    if (!checked.ok) return refuse(checked.message);
    if (isConfirming) {
      return refuse('Refused to sign: another signature is waiting for your confirmation.');
    }
    const language: DialogLanguage = request.language ?? 'en';
    const options = waiverConfirmationOptions(checked.statement, language);
    const window = deps.getWindow(sender);
    isConfirming = true;
    let response: number;
    try {
      ({ response } = window
        ? await deps.dialog.showMessageBox(window, options)
        : await deps.dialog.showMessageBox(options));
    } finally {
      isConfirming = false;
    }
    const { decision, itemId, runId } = checked.statement;
    const what = `${decision} of the waiver of ${JSON.stringify(itemId)} in run ${JSON.stringify(runId)}`;
    if (response !== DECIDE_BUTTON) {
      return refuse(`Not signed: the ${what} was cancelled in the confirmation.`);
    }
    const signature = await deps.signingKeys.sign(message, publicKey);
    log.info(`signed the ${what} after confirmation`);
    return { signature };
  };
}
