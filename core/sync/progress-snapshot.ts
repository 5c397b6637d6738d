// A progress snapshot of a run in progress, for the hub ("bad news early": a blocker raised on
// Friday is seen centrally at the next sync, not at sign-off). Built from the same rules the run
// screen uses (computeProgress, evaluateGate), checked against the wire schema before it is queued.
// When a snapshot field is added in wire-protocol.ts, fill it here.
import type { ChecklistDefinition } from '../definitions/schema';
import type { AnswerMap, Run } from '../runs/model';
import { evaluateGate } from '../runs/gate';
import { computeProgress } from '../runs/progress';
import { runVisibility } from '../runs/visibility';
import type { ProgressSnapshot } from './wire-protocol';
import { progressSnapshotSchema } from './wire-protocol';

export interface SnapshotInput {
  definition: ChecklistDefinition;
  run: Pick<
    Run,
    'id' | 'name' | 'kind' | 'definitionId' | 'definitionVersion' | 'plannedGoLive' | 'parameters'
  >;
  answers: AnswerMap;
  /** The office the hub knows the administrator by (the enrolled user's office). */
  office: string;
  takenAt: string;
  /** 'YYYY-MM-DD', the user's local date. */
  today: string;
}

export type SnapshotResult =
  { ok: true; snapshot: ProgressSnapshot } | { ok: false; problems: string[] };

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export function buildProgressSnapshot(input: SnapshotInput): SnapshotResult {
  const { definition, run, answers } = input;
  const progress = computeProgress(definition, run, answers, input.today);
  const gate = evaluateGate(definition, run, answers);
  const { visible } = runVisibility(definition, run);
  const statusOf = (itemId: string) => answers.get(itemId)?.status ?? 'open';
  const { overall } = progress;
  const snapshot: ProgressSnapshot = {
    runId: run.id,
    office: clip(input.office, 120),
    runName: clip(run.name, 200),
    kind: run.kind,
    definitionId: run.definitionId,
    definitionVersion: run.definitionVersion,
    plannedGoLive: run.plannedGoLive,
    takenAt: input.takenAt,
    decision: gate.decision,
    total: overall.total,
    resolved: overall.done + overall.notApplicable,
    blocked: overall.blocked,
    failing: overall.failing,
    estimateMinutes: overall.estimateMinutes,
    actualMinutes: overall.actualMinutes,
    blockers: visible
      .filter(({ item }) => statusOf(item.id) === 'blocked')
      .slice(0, 500)
      .map(({ item, department }) => ({
        itemId: item.id,
        title: clip(item.title, 200),
        department,
        reason: clip(answers.get(item.id)?.reason ?? '', 4000),
      })),
    sections: progress.sections.slice(0, 200).map((section) => ({
      sectionId: section.sectionId,
      title: clip(section.title, 200),
      department: section.department,
      total: section.total,
      resolved: section.done + section.notApplicable,
      blocked: section.blocked,
      estimateMinutes: section.estimateMinutes,
      actualMinutes: section.actualMinutes,
    })),
    items: visible
      .slice(0, 5000)
      .map(({ item }) => ({ itemId: item.id, status: statusOf(item.id) })),
  };
  const checked = progressSnapshotSchema.safeParse(snapshot);
  if (!checked.success) {
    return {
      ok: false,
      problems: checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  }
  return { ok: true, snapshot: checked.data };
}
