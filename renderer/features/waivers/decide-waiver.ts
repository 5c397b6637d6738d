// A supervisor's decision on a waiver request (issue 16, four eyes): the statement the core
// defines (core/runs/waiver-decision.ts) is signed with this device's key through the bridge
// (signWaiverDecision: Electron main shows its own confirmation first) and recorded as a
// decideWaiver event in the run's history, which sync sends to the hub for the administrator.
import type { Profile } from '../../../core/people/profile';
import type { Action, Actor, Waiver } from '../../../core/runs';
import { bytesToBase64url } from '../../../core/reports/base64url';
import {
  waiverStatement,
  waiverStatementBytes,
  type WaiverVerdict,
} from '../../../core/runs/waiver-decision';
import type { AppBridge, DialogLanguage } from '../../../electron/common/ipc-contract';
import type { ApplyResult } from '../../storage/run-repository';

export interface WaiverToDecide {
  runId: string;
  runName: string;
  /** The run's office, as the supervisor is shown it. */
  office: string;
  itemId: string;
  itemTitle: string;
  waiver: Waiver;
}

export interface DecideWaiverDependencies {
  bridge: Pick<AppBridge, 'getSigningKey' | 'signWaiverDecision'>;
  /** Records the action in the run's history (services.runs.apply). */
  apply: (runId: string, action: Action, actor: Actor) => Promise<ApplyResult>;
  now?: () => Date;
  language?: DialogLanguage;
}

/**
 * Signs and records the decision; resolves with the core's answer (a refusal says why in plain
 * words). Throws when the key refuses to sign or the user cancels main's confirmation.
 */
export async function decideWaiver(
  deps: DecideWaiverDependencies,
  target: WaiverToDecide,
  profile: Profile,
  verdict: WaiverVerdict,
  comment: string,
): Promise<ApplyResult> {
  const { publicKey } = await deps.bridge.getSigningKey();
  const statement = waiverStatement({
    runId: target.runId,
    itemId: target.itemId,
    runName: target.runName,
    office: target.office,
    itemTitle: target.itemTitle,
    waiver: target.waiver,
    decision: verdict,
    ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
    signer: { publicKey, name: profile.name, role: 'supervisor', office: profile.office },
    signedAt: (deps.now ?? (() => new Date()))().toISOString(),
  });
  const { signature } = await deps.bridge.signWaiverDecision({
    message: waiverStatementBytes(statement),
    ...(deps.language ? { language: deps.language } : {}),
  });
  const actor: Actor = { id: profile.id, name: profile.name, role: profile.role };
  return deps.apply(
    target.runId,
    {
      type: 'decideWaiver',
      itemId: target.itemId,
      statement,
      signature: bytesToBase64url(signature),
    },
    actor,
  );
}
