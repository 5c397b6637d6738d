// Where a run stands in the sign-off workflow: still being checked, signed off by the local
// administrator, countersigned by a supervisor, or sent back for a new revision. The hub's review
// state wins; without it the state is read from the report's signatures by the sync's
// reviewStateOf (a send-back ends the revision, so it outranks an earlier countersign). The
// signatures are taken as verified: the hub verified them on ingest.
import { reviewStateOf } from '../sync/sync-stores';
import type { RolloutSource } from './sources';

/** In workflow order. */
export const SIGN_OFF_STATES = ['in-progress', 'sent-back', 'signed', 'countersigned'] as const;
export type SignOffState = (typeof SIGN_OFF_STATES)[number];

export function signOffStateOf(
  source: Pick<RolloutSource, 'report' | 'reviewState'>,
): SignOffState {
  if (source.report === undefined) return 'in-progress';
  return source.reviewState ?? reviewStateOf(source.report);
}

/** Signed and countersigned runs are finished: their figures are final. */
export function isSignedOff(state: SignOffState): boolean {
  return state === 'signed' || state === 'countersigned';
}
