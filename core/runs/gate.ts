// The go / no-go gate. A run is ready only when every visible blocking item is resolved (done or
// not applicable with a reason) and passing, or waived with a justification.
// Why an item holds the gate, in order: 'conflict' (a shared run's item changed on two devices at
// once and nobody chose which answer stands: whatever the shown answer says cannot be trusted yet,
// merge.ts), 'blocked' (a blocker was raised), 'failing' (its value
// fails the item's rule, even when done), 'waiting' (a dependency is unresolved: not done yet, or
// reopened after this item was done, so this item must be rechecked), 'open'.
// A failing blocking item holds the gate like an open one even when it was marked done anyway
// (acceptedFailure): only a waiver lets the gate pass it, and a waiver counts only once a
// supervisor approved it ('waiver-pending' and 'waiver-refused' hold the gate: four eyes). Every failing visible item, of any
// severity, is listed in `failing` so the sign-off names them before the signature.
import type { ChecklistDefinition, Severity } from '../definitions/schema';
import { unresolvedDependencies } from './dependencies';
import { evaluateItem, type Failure } from './evaluation';
import type { AcceptedFailure, Actor, AnswerMap, ItemStatus, Run } from './model';
import { judgeContext } from './thresholds';
import { isApprovedWaiver } from './waiver-decision';
import { runVisibility } from './visibility';

export type GateDecision = 'go' | 'go-with-waivers' | 'no-go';
export type GateWhy =
  /** Changed on two devices at once; a person must keep one answer (merge.ts). */
  | 'conflict'
  | 'open'
  | 'blocked'
  | 'failing'
  | 'waiting'
  /** A waiver was requested and waits for a supervisor's decision (four eyes). */
  | 'waiver-pending'
  /** A supervisor refused the waiver. */
  | 'waiver-refused';

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
  /** The supervisor who approved it, and when. */
  approvedBy: Actor;
  approvedAt: string;
}

/** A visible item whose value fails its rule. */
export interface GateFailing {
  itemId: string;
  title: string;
  sectionId: string;
  severity: Severity;
  status: ItemStatus;
  /** Plain English, e.g. "1 of 2 ISP lines named." */
  failure: string;
  failureDetail: Failure;
  /** Marked done anyway, with the reason. */
  accepted?: AcceptedFailure;
  /** A waived blocking item: it no longer holds the gate. */
  isWaived: boolean;
}

export interface GateResult {
  decision: GateDecision;
  /** Unwaived visible blocking items that hold the gate, in definition order. */
  reasons: GateReason[];
  /** Waivers on visible blocking items. Any waiver on record makes at best 'go-with-waivers'. */
  waivers: GateWaiver[];
  /** Visible items of any severity currently marked blocked ("bad news early"). */
  blockersRaised: number;
  /** Visible items of any severity whose value fails, in definition order. */
  failing: GateFailing[];
}

/**
 * `conflicts`: ids of the items whose merged answer is in conflict (RunLog.conflictIds()); a run
 * worked on by one device has none.
 */
export function evaluateGate(
  definition: ChecklistDefinition,
  run: Pick<Run, 'parameters'>,
  answers: AnswerMap,
  conflicts: ReadonlySet<string> = new Set(),
): GateResult {
  const visibility = runVisibility(definition, run);
  const context = judgeContext(definition, run, answers, visibility);
  const reasons: GateReason[] = [];
  const waivers: GateWaiver[] = [];
  const failing: GateFailing[] = [];
  let blockersRaised = 0;
  for (const ref of visibility.visible) {
    const { item } = ref;
    const answer = answers.get(item.id);
    if (answer?.status === 'blocked') blockersRaised += 1;
    const evaluation = evaluateItem(item, answer, context);
    const isWaived = item.severity === 'blocking' && isApprovedWaiver(answer?.waiver);
    if (evaluation.failing && evaluation.failure !== undefined && evaluation.failureDetail) {
      failing.push({
        itemId: item.id,
        title: item.title,
        sectionId: ref.section.id,
        severity: item.severity,
        status: answer?.status ?? 'open',
        failure: evaluation.failure,
        failureDetail: evaluation.failureDetail,
        ...(evaluation.accepted ? { accepted: evaluation.accepted } : {}),
        isWaived,
      });
    }
    if (item.severity !== 'blocking') continue;
    const base = { itemId: item.id, title: item.title, sectionId: ref.section.id };
    if (conflicts.has(item.id)) {
      reasons.push({ ...base, why: 'conflict' });
      continue;
    }
    const waiver = answer?.waiver;
    if (waiver?.decision && isApprovedWaiver(waiver)) {
      const { justification, by, at } = waiver;
      const { by: approvedBy, at: approvedAt } = waiver.decision;
      waivers.push({ ...base, justification, by, at, approvedBy, approvedAt });
      continue;
    }
    if (waiver) {
      const refused = waiver.decision !== undefined;
      reasons.push({
        ...base,
        why: refused ? 'waiver-refused' : 'waiver-pending',
        detail: refused ? waiver.decision?.statement.comment : waiver.justification,
      });
      continue;
    }
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
  return { decision, reasons, waivers, blockersRaised, failing };
}
