// Progress of a run, per section and overall: counts by state, percent complete, the estimate
// against the actual time ("estimate, and expect it to take twice as long"), and days to go-live.
// Only visible items count. Actual time is measured on done items whose timer ran
// (startedAt before finishedAt); items ticked in one step are not timed, so they do not drag the
// estimate-vs-actual ratio towards zero.
import type { ChecklistDefinition, Section } from '../definitions/schema';
import { daysBetween, minutesBetween } from './dates';
import { evaluateItem } from './evaluation';
import type { AnswerMap, Run } from './model';
import { judgeContext, type JudgeContext } from './thresholds';
import type { ItemRef } from './visibility';
import { runVisibility } from './visibility';

export interface ProgressCounts {
  total: number;
  done: number;
  notApplicable: number;
  blocked: number;
  open: number;
  /** Items whose recorded value fails their rule (any state but N/A). */
  failing: number;
  /** (done + N/A) / total, floored to a whole percent; 100 when nothing is visible. */
  percentComplete: number;
  /** Sum of the estimates of all visible items. */
  estimateMinutes: number;
  /** Sum of the estimates of visible items still open or blocked. */
  remainingEstimateMinutes: number;
  /** Visible items without an estimate. */
  unestimated: number;
  /** Actual minutes of timed done items. */
  actualMinutes: number;
  /** Estimates of those same timed items, to compare like with like. */
  timedEstimateMinutes: number;
  timedItems: number;
  /** actualMinutes / timedEstimateMinutes; 2 means twice as long as estimated. Null when unknown. */
  actualToEstimate: number | null;
}

export interface SectionProgress extends ProgressCounts {
  sectionId: string;
  title: string;
  department: string;
}

export interface RunProgress {
  overall: ProgressCounts;
  sections: SectionProgress[];
  /** Calendar days from `today` to the planned go-live (negative once it has passed). */
  daysToGoLive: number;
}

/** Actual minutes of an item when it was timed (done, started strictly before it finished). */
export function actualMinutesOf(answer: {
  status: string;
  startedAt?: string;
  finishedAt?: string;
}): number | undefined {
  if (answer.status !== 'done' || !answer.startedAt || !answer.finishedAt) return undefined;
  const minutes = minutesBetween(answer.startedAt, answer.finishedAt);
  return minutes !== undefined && minutes > 0 ? minutes : undefined;
}

function count(refs: readonly ItemRef[], answers: AnswerMap, judge: JudgeContext): ProgressCounts {
  const c: ProgressCounts = {
    total: refs.length,
    done: 0,
    notApplicable: 0,
    blocked: 0,
    open: 0,
    failing: 0,
    percentComplete: 100,
    estimateMinutes: 0,
    remainingEstimateMinutes: 0,
    unestimated: 0,
    actualMinutes: 0,
    timedEstimateMinutes: 0,
    timedItems: 0,
    actualToEstimate: null,
  };
  for (const { item } of refs) {
    const answer = answers.get(item.id);
    const status = answer?.status ?? 'open';
    const estimate = item.estimateMinutes ?? 0;
    if (item.estimateMinutes === undefined) c.unestimated += 1;
    c.estimateMinutes += estimate;
    if (status === 'done') c.done += 1;
    else if (status === 'not-applicable') c.notApplicable += 1;
    else {
      if (status === 'blocked') c.blocked += 1;
      else c.open += 1;
      c.remainingEstimateMinutes += estimate;
    }
    if (evaluateItem(item, answer, judge).failing) c.failing += 1;
    const actual = answer ? actualMinutesOf(answer) : undefined;
    if (actual !== undefined) {
      c.actualMinutes += actual;
      c.timedEstimateMinutes += estimate;
      c.timedItems += 1;
    }
  }
  if (c.total > 0) c.percentComplete = Math.floor(((c.done + c.notApplicable) * 100) / c.total);
  c.actualMinutes = Math.round(c.actualMinutes);
  if (c.timedEstimateMinutes > 0) {
    c.actualToEstimate = Math.round((c.actualMinutes / c.timedEstimateMinutes) * 100) / 100;
  }
  return c;
}

/** Progress of a run on `today` ('YYYY-MM-DD', the user's local date). */
export function computeProgress(
  definition: ChecklistDefinition,
  run: Pick<Run, 'parameters' | 'plannedGoLive'>,
  answers: AnswerMap,
  today: string,
): RunProgress {
  const visibility = runVisibility(definition, run);
  const { visible } = visibility;
  const judge = judgeContext(definition, run, answers, visibility);
  const bySection = new Map<Section, ItemRef[]>();
  for (const ref of visible) {
    const list = bySection.get(ref.section);
    if (list) list.push(ref);
    else bySection.set(ref.section, [ref]);
  }
  const sections = definition.sections.map((section) => ({
    sectionId: section.id,
    title: section.title,
    department: section.department,
    ...count(bySection.get(section) ?? [], answers, judge),
  }));
  return {
    overall: count(visible, answers, judge),
    sections,
    daysToGoLive: daysBetween(today, run.plannedGoLive),
  };
}
