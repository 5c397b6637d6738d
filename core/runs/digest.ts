// The shareable status digest ("communicate more"): plain text to paste into chat or mail, with a
// red / amber / green rating. It states the gate, progress, blockers with their reasons, what
// slipped, waivers, an ETA at twice the remaining estimate ("expect it to take twice as long")
// and the critical path. Headings can be translated through `labels`; the sentences are English.
import type { ChecklistDefinition } from '../definitions/schema';
import { criticalPath } from './dependencies';
import { formatMinutes } from './dates';
import { evaluateItem } from './evaluation';
import type { GateDecision, GateResult } from './gate';
import { evaluateGate } from './gate';
import type { AnswerMap, Run } from './model';
import { actualMinutesOf, computeProgress } from './progress';
import { judgeContext } from './thresholds';
import { departmentTitle, runVisibility } from './visibility';

export type Rag = 'red' | 'amber' | 'green';

export interface StatusDigest {
  rag: Rag;
  text: string;
}

export interface DigestLabels {
  heading: string;
  template: string;
  goLive: string;
  gate: string;
  progress: string;
  blockers: string;
  failing: string;
  slipped: string;
  waivers: string;
  eta: string;
  criticalPath: string;
  rag: Record<Rag, string>;
  decision: Record<GateDecision, string>;
}

export const DEFAULT_DIGEST_LABELS: DigestLabels = {
  heading: 'Go-live status',
  template: 'Template',
  goLive: 'Go-live',
  gate: 'Gate',
  progress: 'Progress',
  blockers: 'Open blockers',
  failing: 'Other failing checks',
  slipped: 'Slipped',
  waivers: 'Waivers',
  eta: 'ETA',
  criticalPath: 'Critical path',
  rag: { red: 'RED', amber: 'AMBER', green: 'GREEN' },
  decision: { go: 'GO', 'go-with-waivers': 'GO WITH WAIVERS', 'no-go': 'NO-GO' },
};

/** Longest list shown in one part of the digest; the rest is summarised as "and N more". */
const LIST_LIMIT = 10;

/** Red: no-go with a blocker raised, or no-go two days or less before go-live. */
export function ragOf(gate: GateResult, daysToGoLive: number): Rag {
  if (gate.decision === 'no-go') {
    return gate.blockersRaised > 0 || daysToGoLive <= 2 ? 'red' : 'amber';
  }
  return gate.decision === 'go-with-waivers' ? 'amber' : 'green';
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function whenLabel(days: number): string {
  if (Number.isNaN(days)) return 'date unknown';
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

function capped(lines: string[]): string[] {
  if (lines.length <= LIST_LIMIT) return lines;
  return [...lines.slice(0, LIST_LIMIT), `  ...and ${lines.length - LIST_LIMIT} more`];
}

/** '2025-05-31T10:40:00.000Z' -> '2025-05-31 10:40 UTC'; anything else as given. */
function formatTimestamp(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function buildStatusDigest(
  definition: ChecklistDefinition,
  run: Run,
  answers: AnswerMap,
  today: string,
  labels: Partial<DigestLabels> = {},
): StatusDigest {
  const l = { ...DEFAULT_DIGEST_LABELS, ...labels };
  const gate = evaluateGate(definition, run, answers);
  const progress = computeProgress(definition, run, answers, today);
  const visibility = runVisibility(definition, run);
  const judge = judgeContext(definition, run, answers, visibility);
  const path = criticalPath(definition, run, answers);
  const days = progress.daysToGoLive;
  const rag = ragOf(gate, days);
  const o = progress.overall;
  const lines: string[] = [];

  lines.push(`${l.heading}: ${run.name} [${l.rag[rag]}]`);
  lines.push(`${l.template}: ${definition.title} v${run.definitionVersion} (${definition.id})`);
  lines.push(`${l.goLive}: ${run.plannedGoLive} (${whenLabel(days)})`);
  const gateNotes: string[] = [];
  if (gate.reasons.length > 0)
    gateNotes.push(`${count(gate.reasons.length, 'blocking item')} not ready`);
  if (gate.blockersRaised > 0) gateNotes.push(`${count(gate.blockersRaised, 'blocker')} raised`);
  if (gate.waivers.length > 0) gateNotes.push(count(gate.waivers.length, 'waiver'));
  const gateNote = gateNotes.length > 0 ? ` (${gateNotes.join(', ')})` : '';
  lines.push(`${l.gate}: ${l.decision[gate.decision]}${gateNote}`);

  lines.push('');
  const states = [`${o.done} done`, `${o.notApplicable} not applicable`];
  const rest = [`${o.open} open`, `${o.blocked} blocked`];
  if (o.failing > 0) rest.push(`${o.failing} failing`);
  lines.push(
    `${l.progress}: ${o.percentComplete}% (${o.done + o.notApplicable} of ${count(o.total, 'item')}: ${states.join(', ')}; ${rest.join(', ')})`,
  );
  for (const s of progress.sections) {
    if (s.total === 0) continue;
    const extra = [
      s.blocked > 0 ? `${s.blocked} blocked` : '',
      s.failing > 0 ? `${s.failing} failing` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const dept = departmentTitle(definition, s.department);
    lines.push(
      `  - ${s.title} (${dept}): ${s.percentComplete}%, ${s.done + s.notApplicable} of ${s.total}${extra ? `, ${extra}` : ''}`,
    );
  }

  const blockerLines = gate.reasons.map(
    (r) =>
      `  - ${r.title} [${r.why}]${r.detail ? `: ${r.why === 'waiting' ? 'waiting on ' : ''}${oneLine(r.detail)}` : ''}`,
  );
  for (const ref of visibility.visible) {
    const answer = answers.get(ref.item.id);
    if (answer?.status !== 'blocked' || gate.reasons.some((r) => r.itemId === ref.item.id))
      continue;
    const waived = answer.waiver ? ', waived' : '';
    blockerLines.push(
      `  - ${ref.item.title} [blocked, ${ref.item.severity}${waived}]: ${oneLine(answer.reason ?? '')}`,
    );
  }
  lines.push(
    '',
    `${l.blockers}:`,
    ...(blockerLines.length > 0 ? capped(blockerLines) : ['  none']),
  );

  const overEstimate: string[] = [];
  const overdue: string[] = [];
  const failing: string[] = [];
  for (const ref of visibility.visible) {
    const answer = answers.get(ref.item.id);
    const estimate = ref.item.estimateMinutes;
    const actual = answer ? actualMinutesOf(answer) : undefined;
    const evaluation = evaluateItem(ref.item, answer, judge);
    if (actual !== undefined && estimate !== undefined && actual > estimate) {
      overEstimate.push(
        `  - ${ref.item.title}: took ${formatMinutes(actual)} against an estimate of ${formatMinutes(estimate)}`,
      );
    }
    if (days < 0 && !evaluation.resolved) {
      const state = answer?.status ?? 'open';
      overdue.push(`  - ${ref.item.title}: still ${state}, ${count(-days, 'day')} after go-live`);
    }
    if (evaluation.failing && ref.item.severity !== 'blocking') {
      const accepted = evaluation.accepted
        ? ` (done anyway: "${oneLine(evaluation.accepted.reason)}")`
        : '';
      failing.push(
        `  - ${ref.item.title} [${ref.item.severity}]: ${evaluation.failure ?? ''}${accepted}`,
      );
    }
  }
  if (failing.length > 0) lines.push('', `${l.failing}:`, ...capped(failing));
  const slipped = [...overEstimate, ...overdue];
  if (slipped.length > 0) lines.push('', `${l.slipped}:`, ...capped(slipped));

  if (gate.waivers.length > 0) {
    lines.push('', `${l.waivers}:`);
    for (const w of gate.waivers) {
      lines.push(
        `  - ${w.title}: "${oneLine(w.justification)}" (waived by ${w.by.name}, ${w.by.role}, ${formatTimestamp(w.at)}; approved by ${w.approvedBy.name}, ${formatTimestamp(w.approvedAt)})`,
      );
    }
  }

  lines.push('');
  const remaining = o.remainingEstimateMinutes;
  const unestimated = visibility.visible.filter(
    (ref) =>
      ref.item.estimateMinutes === undefined &&
      !evaluateItem(ref.item, answers.get(ref.item.id), judge).resolved,
  ).length;
  const noEstimate =
    unestimated > 0
      ? ` ${count(unestimated, 'open item has', 'open items have')} no estimate.`
      : '';
  if (o.open + o.blocked === 0) {
    lines.push(`${l.eta}: nothing left to do.`);
  } else {
    lines.push(
      `${l.eta}: ${formatMinutes(remaining)} of estimated work left; expect it to take twice as long, so plan for ${formatMinutes(remaining * 2)}.${noEstimate}`,
    );
  }
  if (o.actualToEstimate !== null) {
    lines.push(`  So far, timed items took ${o.actualToEstimate}x their estimate.`);
  }
  if (path.items.length > 0) {
    const chain = path.items.map((item) => item.title).join(' -> ');
    lines.push(`${l.criticalPath} (${formatMinutes(path.totalMinutes)} estimated): ${chain}`);
  }
  return { rag, text: `${lines.join('\n')}\n` };
}
