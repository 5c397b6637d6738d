// Waiver decisions for signWaiverDecision (issue 16, four eyes): a supervisor approves or refuses a
// waiver request with this device's key. The message must be exactly one canonical
// WaiverStatement naming this device's key (core's checkWaiverToSign with the run history's strict
// schema), and main's confirmation names the decision (waiver-confirmation.ts). The checks, the
// confirmation and the signature are confirmed-signing.ts's, shared with report statements. The
// web-mode twin is renderer/bridge/web-signing-key.ts (signWaiverDecision).
import { parseWaiverStatement } from '../../core/runs/run-event-schema';
import { checkWaiverToSign } from '../../core/runs/waiver-decision';
import type { SignWaiverDecisionRequest } from '../common/ipc-contract';
import {
  createConfirmedSigningHandler,
  type ConfirmedSigningDependencies,
  type ConfirmedSigningHandler,
} from './confirmed-signing';
import { DECIDE_BUTTON, waiverConfirmationOptions } from './waiver-confirmation';

export function createWaiverDecisionHandler(
  deps: ConfirmedSigningDependencies,
): ConfirmedSigningHandler {
  return createConfirmedSigningHandler(deps, {
    method: 'signWaiverDecision',
    shapeHint: 'signWaiverDecision needs { message: Uint8Array } with at least one byte.',
    check: (_request: SignWaiverDecisionRequest, message, publicKey) => {
      const checked = checkWaiverToSign(message, publicKey, parseWaiverStatement);
      return checked.ok ? { ok: true, value: checked.statement } : checked;
    },
    confirmation: waiverConfirmationOptions,
    signButton: DECIDE_BUTTON,
    describe: ({ decision, itemId, runId }) =>
      `${decision} of the waiver of ${JSON.stringify(itemId)} in run ${JSON.stringify(runId)}`,
  });
}
