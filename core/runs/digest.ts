// The shareable status digest ("communicate more"): what a red / amber / green summary to paste
// into chat or mail says about a run, as data: the gate, progress, blockers with their reasons,
// failing checks, what slipped, waivers, an ETA at twice the remaining estimate ("expect it to take
// twice as long") and the critical path. No sentence is written here: the app says it in the
// user's language (renderer/features/runs/digest-text.ts).
import type { ChecklistDefinition, Severity } from '../definitions/schema';
import { criticalPath } from './dependencies';
import type { Failure } from './evaluation';
import { evaluateItem } from './evaluation';
import type { GateDecision, GateResult, GateWaiver, GateWhy } from './gate';
import { evaluateGate } from './gate';
import type { AnswerMap, ItemStatus, Run } from './model';
import { actualMinutesOf, computeProgress } from './progress';
import { judgeContext } from './thresholds';
import { departmentTitle, runVisibility } from './visibility';

export type Rag = 'red' | 'amber' | 'green';

export interface DigestSection {
  title: string;
  department: string;
  percentComplete: number;
  resolved: number;
  total: number;
  blocked: number;
  failing: number;
}

/**
 * Why an item is in the blockers list: a blocking item holding the gate (with the gate's reason),
 * or any other item someone marked blocked.
 */
export type DigestBlocker =
  | {
      kind: 'gate';
      title: string;
      why: GateWhy;
      /** The blocked reason, the titles waited on, the waiver's justification or refusal. */
      detail?: string;
      /** For why 'failing': what fails. */
      failure?: Failure;
    }
  | { kind: 'raised'; title: string; severity: Severity; isWaived: boolean; reason: string };

export interface DigestFailing {
  title: string;
  severity: Severity;
  failure: Failure;
  /** Marked done anyway: the reason given. */
  acceptedReason?: string;
}

export type DigestSlip =
  | { kind: 'over-estimate'; title: string; actualMinutes: number; estimateMinutes: number }
  | { kind: 'overdue'; title: string; status: ItemStatus; daysLate: number };

export interface StatusDigest {
  rag: Rag;
  runName: string;
  template: { title: string; version: string; id: string };
  plannedGoLive: string;
  /** Days from today to the planned go-live (negative: passed); NaN when the date is unknown. */
  daysToGoLive: number;
  gate: { decision: GateDecision; notReady: number; blockersRaised: number; waivers: number };
  progress: {
    percentComplete: number;
    resolved: number;
    total: number;
    done: number;
    notApplicable: number;
    open: number;
    blocked: number;
    failing: number;
  };
  sections: DigestSection[];
  /** At most LIST_LIMIT entries each; the `more` counts say how many were left out. */
  blockers: DigestBlocker[];
  moreBlockers: number;
  failing: DigestFailing[];
  moreFailing: number;
  slipped: DigestSlip[];
  moreSlipped: number;
  waivers: GateWaiver[];
  /** Null when nothing is left to do. */
  eta: { remainingMinutes: number; unestimated: number } | null;
  /** Actual time of timed items over their estimate (1.67 = took 1.67x), or null. */
  actualToEstimate: number | null;
  criticalPath: { totalMinutes: number; titles: string[] } | null;
}

/** Longest list shown in one part of the digest; the rest is summarised as "and N more". */
const LIST_LIMIT = 10;

/** Red: no-go with a blocker raised, or no-go two days or less before go-live. */
export function ragOf(gate: GateResult, daysToGoLive: number): Rag {
  if (gate.decision === 'no-go') {
    return gate.blockersRaised > 0 || daysToGoLive <= 2 ? 'red' : 'amber';
  }
  return gate.decision === 'go-with-waivers' ? 'amber' : 'green';
}

function capped<T>(entries: T[]): { shown: T[]; more: number } {
  return {
    shown: entries.slice(0, LIST_LIMIT),
    more: Math.max(0, entries.length - LIST_LIMIT),
  };
}

export function buildStatusDigest(
  definition: ChecklistDefinition,
  run: Run,
  answers: AnswerMap,
  today: string,
): StatusDigest {
  const gate = evaluateGate(definition, run, answers);
  const progress = computeProgress(definition, run, answers, today);
  const visibility = runVisibility(definition, run);
  const judge = judgeContext(definition, run, answers, visibility);
  const path = criticalPath(definition, run, answers);
  const days = progress.daysToGoLive;
  const o = progress.overall;
  const evaluations = new Map(
    visibility.visible.map((ref) => [
      ref.item.id,
      evaluateItem(ref.item, answers.get(ref.item.id), judge),
    ]),
  );

  const blockers: DigestBlocker[] = gate.reasons.map((reason) => {
    const failure =
      reason.why === 'failing' ? evaluations.get(reason.itemId)?.failureDetail : undefined;
    return {
      kind: 'gate',
      title: reason.title,
      why: reason.why,
      ...(reason.detail !== undefined && reason.why !== 'failing' ? { detail: reason.detail } : {}),
      ...(failure ? { failure } : {}),
    };
  });
  const overEstimate: DigestSlip[] = [];
  const overdue: DigestSlip[] = [];
  const failing: DigestFailing[] = [];
  let unestimated = 0;
  for (const ref of visibility.visible) {
    const answer = answers.get(ref.item.id);
    const evaluation = evaluations.get(ref.item.id);
    if (!evaluation) continue;
    if (answer?.status === 'blocked' && !gate.reasons.some((r) => r.itemId === ref.item.id)) {
      blockers.push({
        kind: 'raised',
        title: ref.item.title,
        severity: ref.item.severity,
        isWaived: answer.waiver !== undefined,
        reason: answer.reason ?? '',
      });
    }
    const estimate = ref.item.estimateMinutes;
    const actual = answer ? actualMinutesOf(answer) : undefined;
    if (actual !== undefined && estimate !== undefined && actual > estimate) {
      overEstimate.push({
        kind: 'over-estimate',
        title: ref.item.title,
        actualMinutes: actual,
        estimateMinutes: estimate,
      });
    }
    if (days < 0 && !evaluation.resolved) {
      overdue.push({
        kind: 'overdue',
        title: ref.item.title,
        status: answer?.status ?? 'open',
        daysLate: -days,
      });
    }
    if (evaluation.failing && evaluation.failureDetail && ref.item.severity !== 'blocking') {
      failing.push({
        title: ref.item.title,
        severity: ref.item.severity,
        failure: evaluation.failureDetail,
        ...(evaluation.accepted ? { acceptedReason: evaluation.accepted.reason } : {}),
      });
    }
    if (estimate === undefined && !evaluation.resolved) unestimated += 1;
  }
  const cappedBlockers = capped(blockers);
  const cappedFailing = capped(failing);
  const cappedSlipped = capped([...overEstimate, ...overdue]);

  return {
    rag: ragOf(gate, days),
    runName: run.name,
    template: { title: definition.title, version: run.definitionVersion, id: definition.id },
    plannedGoLive: run.plannedGoLive,
    daysToGoLive: days,
    gate: {
      decision: gate.decision,
      notReady: gate.reasons.length,
      blockersRaised: gate.blockersRaised,
      waivers: gate.waivers.length,
    },
    progress: {
      percentComplete: o.percentComplete,
      resolved: o.done + o.notApplicable,
      total: o.total,
      done: o.done,
      notApplicable: o.notApplicable,
      open: o.open,
      blocked: o.blocked,
      failing: o.failing,
    },
    sections: progress.sections
      .filter((s) => s.total > 0)
      .map((s) => ({
        title: s.title,
        department: departmentTitle(definition, s.department),
        percentComplete: s.percentComplete,
        resolved: s.done + s.notApplicable,
        total: s.total,
        blocked: s.blocked,
        failing: s.failing,
      })),
    blockers: cappedBlockers.shown,
    moreBlockers: cappedBlockers.more,
    failing: cappedFailing.shown,
    moreFailing: cappedFailing.more,
    slipped: cappedSlipped.shown,
    moreSlipped: cappedSlipped.more,
    waivers: gate.waivers,
    eta:
      o.open + o.blocked === 0
        ? null
        : { remainingMinutes: o.remainingEstimateMinutes, unestimated },
    actualToEstimate: o.actualToEstimate,
    criticalPath:
      path.items.length > 0
        ? { totalMinutes: path.totalMinutes, titles: path.items.map((item) => item.title) }
        : null,
  };
}
