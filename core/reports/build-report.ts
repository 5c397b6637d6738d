// Builds the ReportBody of a run at sign-off: every visible item by section in definition order
// (sections without a visible item are left out), hidden item ids, the gate with its waivers, the
// progress summary, the head of the hash-chained event log and the evidence files whose bytes the
// signing device does not hold (declared not included, format 5). Refuses (throws ReportBuildError)
// when the inputs do not belong together or the log does not vouch for the answers: a sign-off
// must never cover data the run's own history cannot explain.
// When ReportBody changes (report-format.ts), update this builder, the schema and the golden vectors.
import type { ChecklistDefinition } from '../definitions/schema';
import type { GateDecision } from '../runs/gate';
import { evaluateGate } from '../runs/gate';
import { assignedDepartment } from '../runs/assignment';
import { evaluateItem } from '../runs/evaluation';
import type { RunEvent } from '../runs/run-event';
import { RunLog } from '../runs/run-log';
import type { ChainHead } from '../runs/verify-run-log';
import { verifyAnswersAgainstLog, verifyRunLog } from '../runs/verify-run-log';
import { evidenceNotHeld } from './evidence-not-included';
import { historyOf } from './report-history';
import type { Actor, Answer, AnswerMap, AnswerValue, AttachmentRef, Run } from '../runs/model';
import { computeProgress } from '../runs/progress';
import { judgeContext, type JudgeContext } from '../runs/thresholds';
import type { ItemRef } from '../runs/visibility';
import { runVisibility } from '../runs/visibility';
import type { ReportBody, ReportItem, ReportSection } from './report-format';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION } from './report-format';
import { HEX_SHA256, REPORT_SCHEMA_LIMITS } from './report-schema';

export interface BuildReportInput {
  definition: ChecklistDefinition;
  run: Run;
  answers: AnswerMap;
  /** The run's whole event log, in order. */
  events: readonly RunEvent[];
  /** The office (new office) or client site the report is for. */
  office: string;
  lessonsLearned: string;
  /** ISO 8601 timestamp of the sign-off. */
  signedAt: string;
  /** 1 for the first sign-off, +1 for each revision after a send-back. */
  revision: number;
  /** reportHash of the revision this one replaces; null for revision 1. */
  supersedes: string | null;
  /**
   * Whether the bytes of an evidence file (by SHA-256) are on the signing device. Files listed but
   * not held are declared in `evidenceNotIncluded`; when not given, every file counts as held.
   */
  isEvidenceHeld?: (sha256: string) => boolean;
}

export type ReportBuildErrorCode =
  | 'wrong-definition'
  | 'broken-event-log'
  | 'answers-not-in-log'
  | 'unresolved-conflict'
  | 'invalid-revision'
  | 'invalid-input';

export class ReportBuildError extends Error {
  constructor(
    readonly code: ReportBuildErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportBuildError';
  }
}

/** Only a run whose gate says go (with or without waivers) may be signed off. */
export function canSignOff(gate: { decision: GateDecision }): boolean {
  return gate.decision === 'go' || gate.decision === 'go-with-waivers';
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function check(input: BuildReportInput): void {
  const { definition, run, events, revision, supersedes } = input;
  if (definition.id !== run.definitionId || definition.version !== run.definitionVersion) {
    throw new ReportBuildError(
      'wrong-definition',
      `The run uses ${run.definitionId} ${run.definitionVersion}, but ${definition.id} ${definition.version} was given.`,
    );
  }
  if (!Number.isInteger(revision) || revision < 1) {
    throw new ReportBuildError('invalid-revision', `Revision must be 1 or more, not ${revision}.`);
  }
  if ((revision === 1) !== (supersedes === null)) {
    throw new ReportBuildError(
      'invalid-revision',
      revision === 1
        ? 'Revision 1 replaces nothing: supersedes must be null.'
        : `Revision ${revision} must name the reportHash of the revision it replaces.`,
    );
  }
  if (supersedes !== null && !HEX_SHA256.test(supersedes)) {
    throw new ReportBuildError('invalid-revision', 'supersedes must be a SHA-256 hex reportHash.');
  }
  if (!ISO_DATE_TIME.test(input.signedAt)) {
    throw new ReportBuildError('invalid-input', 'signedAt must be an ISO 8601 date and time.');
  }
  if (input.lessonsLearned.length > REPORT_SCHEMA_LIMITS.longText) {
    throw new ReportBuildError(
      'invalid-input',
      `Lessons learned are too long (at most ${REPORT_SCHEMA_LIMITS.longText} characters).`,
    );
  }
  if (events.some((event) => event.runId !== run.id)) {
    throw new ReportBuildError('broken-event-log', 'The event log holds events of another run.');
  }
  const log = verifyRunLog(run.id, events);
  if (!log.ok) {
    throw new ReportBuildError(
      'broken-event-log',
      `The run's history is broken at event ${log.seq}: ${log.reason}`,
    );
  }
  const merged = RunLog.of(run.id, events);
  if (merged.conflictIds().size > 0) {
    throw new ReportBuildError(
      'unresolved-conflict',
      `${[...merged.conflictIds()].join(', ')} changed on two devices at once: choose which answer stands before signing off.`,
    );
  }
  const mismatched = verifyAnswersAgainstLog(input.answers, merged.answers());
  if (mismatched.length > 0) {
    throw new ReportBuildError(
      'answers-not-in-log',
      `The answers of ${mismatched.join(', ')} do not match the run's history: they were changed outside the app.`,
    );
  }
}

/** The heads of a log check() already verified. */
function verifiedChains(runId: string, events: readonly RunEvent[]): ChainHead[] {
  const log = verifyRunLog(runId, events);
  return log.ok ? log.chains : [];
}

// Copies pick the contract's fields only: an extra property on a stored object (added by a later
// app version, say) must not end up in the signed report, where the strict verifier rejects it.
const actor = ({ id, name, role }: Actor): Actor => ({ id, name, role });

const attachmentRef = ({ id, name, mimeType, size, sha256 }: AttachmentRef): AttachmentRef => ({
  id,
  name,
  mimeType,
  size,
  sha256,
});

function answerValue(value: AnswerValue): AnswerValue {
  switch (value.type) {
    case 'number':
      return { type: 'number', value: value.value };
    case 'count':
      return { type: 'count', legs: [...value.legs] };
    case 'choice':
      return { type: 'choice', choiceId: value.choiceId };
    case 'text':
      return { type: 'text', text: value.text };
    case 'date':
      return { type: 'date', date: value.date };
  }
}

function reportItem(ref: ItemRef, answer: Answer | undefined, judge: JudgeContext): ReportItem {
  const { item } = ref;
  const evaluation = evaluateItem(item, answer, judge);
  const out: ReportItem = {
    id: item.id,
    title: item.title,
    type: item.type,
    severity: item.severity,
    // The department the item is for when signed: a reassignment moves it (who did what follows).
    department: assignedDepartment(ref, answer),
    status: answer?.status ?? 'open',
    attachments: answer ? answer.attachments.map(attachmentRef) : [],
    failing: evaluation.failing,
  };
  // Optional fields are left out rather than set to undefined, so the object is what is hashed.
  if (answer?.value !== undefined) out.value = answerValue(answer.value);
  if (item.type === 'number' || item.type === 'count') out.unit = item.unit;
  const chosen = answer?.value?.type === 'choice' ? answer.value.choiceId : undefined;
  if (item.type === 'choice' && chosen !== undefined) {
    const label = item.choices.find((choice) => choice.id === chosen)?.label;
    if (label !== undefined) out.valueLabel = label;
  }
  if (answer?.reason !== undefined) out.reason = answer.reason;
  if (answer?.rollbackPlan !== undefined) out.rollbackPlan = answer.rollbackPlan;
  if (answer?.notes !== undefined) out.notes = answer.notes;
  if (answer?.waiver !== undefined) {
    const { justification, by, at, decision } = answer.waiver;
    out.waiver = { justification, by: actor(by), at };
    if (decision) out.waiver.decision = { ...decision, by: actor(decision.by) };
  }
  if (evaluation.failure !== undefined) out.failure = evaluation.failure;
  if (evaluation.accepted !== undefined) {
    const { reason, failure, by, at } = evaluation.accepted;
    out.acceptedFailure = { reason, failure, by: actor(by), at };
  }
  if (answer?.startedAt !== undefined) out.startedAt = answer.startedAt;
  if (answer?.finishedAt !== undefined) out.finishedAt = answer.finishedAt;
  if (item.estimateMinutes !== undefined) out.estimateMinutes = item.estimateMinutes;
  if (answer) {
    out.updatedAt = answer.updatedAt;
    out.updatedBy = actor(answer.updatedBy);
  }
  return out;
}

export function buildReportBody(input: BuildReportInput): ReportBody {
  check(input);
  const { definition, run, answers, events } = input;
  const visibility = runVisibility(definition, run);
  const judge = judgeContext(definition, run, answers, visibility);
  const sections: ReportSection[] = [];
  const bySection = new Map<string, ReportSection>();
  for (const ref of visibility.visible) {
    let section = bySection.get(ref.section.id);
    if (!section) {
      section = {
        id: ref.section.id,
        title: ref.section.title,
        department: ref.section.department,
        items: [],
      };
      bySection.set(ref.section.id, section);
      sections.push(section);
    }
    section.items.push(reportItem(ref, answers.get(ref.item.id), judge));
  }
  const gate = evaluateGate(definition, run, answers);
  const notIncluded = input.isEvidenceHeld
    ? evidenceNotHeld({ sections }, input.isEvidenceHeld)
    : [];
  const { overall } = computeProgress(definition, run, answers, input.signedAt.slice(0, 10));
  return {
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    reportId: run.id,
    revision: input.revision,
    supersedes: input.supersedes,
    run: {
      id: run.id,
      name: run.name,
      kind: run.kind,
      office: input.office,
      parameters: { ...run.parameters },
      plannedGoLive: run.plannedGoLive,
      createdAt: run.createdAt,
      createdBy: actor(run.createdBy),
    },
    definition: {
      id: run.definitionId,
      version: run.definitionVersion,
      hash: run.definitionHash,
      title: definition.title,
    },
    gate: {
      decision: gate.decision,
      waivers: gate.waivers.map(
        ({ itemId, title, justification, by, at, approvedBy, approvedAt }) => ({
          itemId,
          title,
          justification,
          by: actor(by),
          at,
          approvedBy: actor(approvedBy),
          approvedAt,
        }),
      ),
    },
    summary: {
      total: overall.total,
      done: overall.done,
      notApplicable: overall.notApplicable,
      blocked: overall.blocked,
      open: overall.open,
      failing: overall.failing,
      percentComplete: overall.percentComplete,
      estimateMinutes: overall.estimateMinutes,
      actualMinutes: overall.actualMinutes,
    },
    sections,
    departments: definition.departments.map(({ id, title }) => ({ id, title })),
    hiddenItems: visibility.hidden.map((ref) => ref.item.id),
    history: historyOf(verifiedChains(run.id, events), events),
    ...(notIncluded.length > 0 ? { evidenceNotIncluded: notIncluded } : {}),
    lessonsLearned: input.lessonsLearned,
    signedAt: input.signedAt,
  };
}
