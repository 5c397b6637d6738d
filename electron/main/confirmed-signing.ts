// The one way main signs with the device key for the renderer, whatever is signed: the request's
// shape is checked (a message of 1 to MAX_SIGN_MESSAGE_BYTES bytes, a dialog language, and what
// the kind adds), the message is checked as a canonical statement of its kind naming this device's
// key, main shows the kind's native confirmation, and the key signs only when the user presses the
// kind's sign button. Anything else is refused and logged, and nothing is signed. The kinds are
// report statements (sign-request.ts) and waiver decisions (sign-waiver-decision.ts).
import type { BaseWindow, Dialog, MessageBoxOptions } from 'electron';
import { MAX_SIGN_MESSAGE_BYTES } from '../common/ipc-contract';
import type { DialogLanguage } from '../common/ipc-contract';
import type { SenderInfo } from './ipc';
import type { Logger } from './logging';
import type { SigningKeyStore } from './signing-keys';

export interface ConfirmedSigningDependencies {
  signingKeys: Pick<SigningKeyStore, 'publicKey' | 'sign'>;
  dialog: Pick<Dialog, 'showMessageBox'>;
  /** The window of the calling page, which the confirmation is modal to. */
  getWindow: (sender: SenderInfo) => BaseWindow | null;
  /** Where refusals (warn) and signatures made (info) are logged. */
  log?: Pick<Logger, 'info' | 'warn'>;
}

/** Signs one request after its checks and the user's confirmation; throws when refused. */
export type ConfirmedSigningHandler = (
  request: unknown,
  sender: SenderInfo,
) => Promise<{ signature: Uint8Array }>;

export interface SignableRequest {
  message: Uint8Array;
  language?: DialogLanguage;
}

export type CheckResult<Checked> = { ok: true; value: Checked } | { ok: false; message: string };

/** What differs between the kinds of things main signs. */
export interface SigningKind<Request extends SignableRequest, Checked> {
  /** The bridge method, named in shape errors and the log ("signWithDeviceKey"). */
  method: string;
  /** What the request must hold, said when its shape is wrong. */
  shapeHint: string;
  /** Checks beyond the message and language; a message when the request is not of the shape. */
  extraShapeProblem?: (candidate: Record<string, unknown>) => string | null;
  /** The message (a copy the page cannot change) as this kind's statement naming `publicKey`. */
  check: (request: Request, message: Uint8Array, publicKey: string) => CheckResult<Checked>;
  confirmation: (checked: Checked, language: DialogLanguage) => MessageBoxOptions;
  /** Index of the confirmation's button that signs. */
  signButton: number;
  /** "sign-off of report "r1" revision 2", for the log and the refusal. */
  describe: (checked: Checked) => string;
  /** Added to the log line of a signature made, e.g. the report fingerprint. */
  logDetail?: (checked: Checked) => string;
}

function shapeProblem(
  request: unknown,
  kind: Pick<SigningKind<SignableRequest, unknown>, 'method' | 'shapeHint' | 'extraShapeProblem'>,
): string | null {
  if (typeof request !== 'object' || request === null) return kind.shapeHint;
  const candidate = request as Record<string, unknown>;
  const message = candidate.message;
  if (!(message instanceof Uint8Array) || message.byteLength === 0) return kind.shapeHint;
  if (message.byteLength > MAX_SIGN_MESSAGE_BYTES) {
    return `${kind.method} signs messages of up to ${MAX_SIGN_MESSAGE_BYTES} bytes, not ${message.byteLength}.`;
  }
  const extra = kind.extraShapeProblem?.(candidate) ?? null;
  if (extra !== null) return extra;
  if (
    candidate.language !== undefined &&
    candidate.language !== 'en' &&
    candidate.language !== 'es'
  ) {
    return `${kind.method}: language is "en" or "es".`;
  }
  return null;
}

export function createConfirmedSigningHandler<Request extends SignableRequest, Checked>(
  deps: ConfirmedSigningDependencies,
  kind: SigningKind<Request, Checked>,
): ConfirmedSigningHandler {
  const log = deps.log ?? {
    info: (message: string) => console.info(`[${kind.method}] ${message}`),
    warn: (message: string) => console.warn(`[${kind.method}] ${message}`),
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
    return response === kind.signButton;
  }

  return async (request, sender) => {
    const problem = shapeProblem(request, kind);
    if (problem !== null) throw new Error(problem);
    const checkedRequest = request as Request;
    const publicKey = await deps.signingKeys.publicKey();
    if (publicKey === null) {
      throw new Error('This device has no signing key yet: getSigningKey makes it.');
    }
    // A copy: the page cannot change the bytes between the check and the signature.
    const message = new Uint8Array(checkedRequest.message);
    const checked = kind.check(checkedRequest, message, publicKey);
    if (!checked.ok) return refuse(checked.message);
    if (isConfirming) {
      return refuse('Refused to sign: another signature is waiting for your confirmation.');
    }
    isConfirming = true;
    let isConfirmed: boolean;
    try {
      isConfirmed = await confirm(
        kind.confirmation(checked.value, checkedRequest.language ?? 'en'),
        sender,
      );
    } finally {
      isConfirming = false;
    }
    const what = kind.describe(checked.value);
    if (!isConfirmed) return refuse(`Not signed: the ${what} was cancelled in the confirmation.`);
    const signature = await deps.signingKeys.sign(message, publicKey);
    const detail = kind.logDetail ? ` (${kind.logDetail(checked.value)})` : '';
    log.info(`signed the ${what}${detail} after confirmation`);
    return { signature };
  };
}
