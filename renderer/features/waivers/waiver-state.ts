// Where a waiver stands (issue 16, four eyes): requested and waiting for a supervisor, approved
// (only then it counts toward GO: core/runs/gate.ts), or refused. Read from the waiver on record.
import type { Waiver } from '../../../core/runs';

export type WaiverState = 'pending' | 'approved' | 'refused';

export function waiverStateOf(waiver: Waiver | undefined): WaiverState | undefined {
  if (!waiver) return undefined;
  if (!waiver.decision) return 'pending';
  return waiver.decision.statement.decision === 'approve' ? 'approved' : 'refused';
}
