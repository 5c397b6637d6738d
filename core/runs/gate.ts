// The go / no-go gate. A run is ready only when every visible blocking item is resolved (done or
// not applicable with a reason) and passing, or waived with a justification.
// Why an item holds the gate, in order: 'blocked' (a blocker was raised), 'failing' (its value
// fails the item's rule, even when done), 'waiting' (a dependency is unresolved: not done yet, or
// reopened after this item was done, so this item must be rechecked), 'open'.
import type { ChecklistDefinition } from '../definitions/schema';
import { unresolvedDependencies } from './dependencies';
import { evaluateItem } from './evaluation';
import type { Actor, AnswerMap, Run } from './model';
import { runVisibility } from './visibility';

export type GateDecision = 'go' | 'go-with-waivers' | 'no-go';
export type GateWhy = 'open' | 'blocked' | 'failing' | 'waiting';

export interface GateReason {
  itemId: string;
  title: string;
  sectionId: string;
  why: GateWhy;
  /** The blocked reason, the failure, or the titles waited on. */
  detail?: string;
}

export interface GateWaiver {
  itemId: string;
  title: string;
  justification: string;
  by: Actor;
  at: string;
}

export interface GateResult {
  decision: GateDecision;
  /** Unwaived visible blocking items that hold the gate, in definition order. */
  reasons: GateReason[];
  /** Waivers on visible blocking items. Any waiver on record makes at best 'go-with-waivers'. */
  waivers: GateWaiver[];
  /** Visible items of any severity currently marked blocked ("bad news early"). */
  blockersRaised: number;
}

export function evaluateGate(
  definition: ChecklistDefinition,
  run: Pick<Run, 'parameters'>,
  answers: AnswerMap,
): GateResult {
  const visibility = runVisibility(definition, run);
  const reasons: GateReason[] = [];
  const waivers: GateWaiver[] = [];
  let blockersRaised = 0;
  for (const ref of visibility.visible) {
    const { item } = ref;
    const answer = answers.get(item.id);
    if (answer?.status === 'blocked') blockersRaised += 1;
    if (item.severity !== 'blocking') continue;
    if (answer?.waiver) {
      const { justification, by, at } = answer.waiver;
      waivers.push({ itemId: item.id, title: item.title, justification, by, at });
      continue;
    }
    const evaluation = evaluateItem(item, answer);
    const base = { itemId: item.id, title: item.title, sectionId: ref.section.id };
    if (answer?.status === 'blocked') {
      reasons.push({ ...base, why: 'blocked', detail: answer.reason });
      continue;
    }
    if (evaluation.failing) {
      reasons.push({ ...base, why: 'failing', detail: evaluation.failure });
      continue;
    }
    if (answer?.status === 'not-applicable') continue;
    const waiting = unresolvedDependencies(definition, visibility, answers, item.id);
    if (waiting.length > 0) {
      const detail = waiting.map((dep) => dep.item.title).join(', ');
      reasons.push({ ...base, why: 'waiting', detail });
      continue;
    }
    if (!evaluation.resolved) reasons.push({ ...base, why: 'open' });
  }
  const decision: GateDecision =
    reasons.length > 0 ? 'no-go' : waivers.length > 0 ? 'go-with-waivers' : 'go';
  return { decision, reasons, waivers, blockersRaised };
}
