// What is still open when a run is signed off (issue 16: the sign-off dialog states it before the
// signature): visible items neither done nor not applicable, by severity, a blocking item with an
// approved waiver counted as waived rather than open; and the waivers by state (approved, still
// pending, refused) from the gate.
import type { Severity } from '../../../core/definitions/schema';
import type { Answer, GateResult, RunVisibility } from '../../../core/runs';
import { waiverHoldCounts } from '../waivers/gate-hold';

export interface OpenItems {
  open: Record<Severity, number>;
  waivers: { approved: number; pending: number; refused: number };
}

export function openItemsOf(
  visibility: Pick<RunVisibility, 'visible'>,
  answers: ReadonlyMap<string, Answer>,
  gate: Pick<GateResult, 'reasons' | 'waivers'>,
): OpenItems {
  const open: Record<Severity, number> = { blocking: 0, major: 0, minor: 0 };
  const waived = new Set(gate.waivers.map((waiver) => waiver.itemId));
  for (const { item } of visibility.visible) {
    const status = answers.get(item.id)?.status ?? 'open';
    if (status === 'done' || status === 'not-applicable' || waived.has(item.id)) continue;
    open[item.severity] += 1;
  }
  return { open, waivers: { approved: gate.waivers.length, ...waiverHoldCounts(gate) } };
}
