// A shared run's history in its report (format 3): every device's events, each chain's head and
// every move between template versions, built once at sign-off from the run's verified log. The
// verifier checks it: every chain intact (clocks, "before"s), heads and moves as the events say,
// no conflict left, and the report's items what the merge of the events says (status, value,
// reasons, notes, plan, waiver, evidence, accepted failure).
import { pureJsSha256, type Sha256 } from '../runs/canonical';
import type { Answer } from '../runs/model';
import type { MoveToVersionAction } from '../runs/run-settings';
import { RUN_ITEM_ID } from '../runs/run-settings';
import type { RunEvent } from '../runs/run-event';
import { byCausalRank, RunLog } from '../runs/run-log';
import type { ChainHead } from '../runs/verify-run-log';
import { verifyRunLog } from '../runs/verify-run-log';
import type { ReportBody, ReportHistory, ReportItem } from './report-format';
import { sameCanonicalJson } from './fast-canonical';
import type { ReportProblem } from './verify-result';

const actor = ({ id, name, role }: RunEvent['actor']) => ({ id, name, role });

/** The moves between template versions, in causal order. */
export function movesOf(events: readonly RunEvent[]): ReportHistory['moves'] {
  return events
    .filter((event) => event.itemId === RUN_ITEM_ID && event.type === 'moveToVersion')
    .sort(byCausalRank)
    .map((event) => {
      const action = event.payload.action as MoveToVersionAction;
      const to = event.payload.after as { definitionVersion: string; definitionHash: string };
      return {
        fromVersion: action.from.definitionVersion,
        toVersion: to.definitionVersion,
        toHash: to.definitionHash,
        at: event.at,
        by: actor(event.actor),
      };
    });
}

export function historyOf(
  chains: readonly ChainHead[],
  events: readonly RunEvent[],
): ReportHistory {
  return {
    chains: chains.map(({ chain, head, length }) => ({ chain, head, length })),
    events: [...events].sort((a, b) =>
      a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : a.seq - b.seq,
    ),
    moves: movesOf(events),
  };
}

/** What a report item says that the answer must say too (compared as canonical JSON). */
function itemClaims(item: ReportItem): object {
  return {
    status: item.status,
    value: item.value,
    reason: item.reason,
    rollbackPlan: item.rollbackPlan,
    notes: item.notes,
    waiver: item.waiver,
    attachments: item.attachments,
    acceptedFailure: item.acceptedFailure,
  };
}

/**
 * The same claims read off the answer. An accepted failure is compared only when the report shows
 * one: an acknowledgement of a failure that no longer reads the same is not shown (it covers only
 * the failure it saw).
 */
function answerClaims(answer: Answer | undefined, item: ReportItem): object {
  const by = (who: Answer['updatedBy']) => actor(who);
  return {
    status: answer?.status ?? 'open',
    value: answer?.value,
    reason: answer?.reason,
    rollbackPlan: answer?.rollbackPlan,
    notes: answer?.notes,
    waiver: answer?.waiver && { ...answer.waiver, by: by(answer.waiver.by) },
    attachments: (answer?.attachments ?? []).map(({ id, name, mimeType, size, sha256 }) => ({
      id,
      name,
      mimeType,
      size,
      sha256,
    })),
    acceptedFailure:
      item.acceptedFailure === undefined
        ? undefined
        : answer?.acceptedFailure && {
            ...answer.acceptedFailure,
            by: by(answer.acceptedFailure.by),
          },
  };
}

/** Whether the body holds the history record of its format (an eventChain before 3, a history since). */
export function historyShapeProblems(body: ReportBody): ReportProblem[] {
  if (body.formatVersion < 3) {
    if (body.history !== undefined) {
      return [
        {
          code: 'invalid-shape',
          path: 'body.history',
          message: `body.history: a shared run's history came with format version 3, but the report is in version ${body.formatVersion}.`,
        },
      ];
    }
    return body.eventChain === undefined
      ? [{ code: 'invalid-shape', path: 'body.eventChain', message: 'body.eventChain: missing.' }]
      : [];
  }
  if (body.eventChain !== undefined || body.history === undefined) {
    return [
      {
        code: 'invalid-shape',
        path: 'body.history',
        message:
          'body.history: a report of format version 3 or later carries its history, not an eventChain.',
      },
    ];
  }
  if (body.formatVersion < 4) {
    const index = body.history.events.findIndex((event) => event.type === 'assign');
    if (index >= 0) {
      return [
        {
          code: 'invalid-shape',
          path: `body.history.events[${index}]`,
          message: `body.history.events[${index}]: a reassignment came with format version 4, but the report is in version ${body.formatVersion}.`,
        },
      ];
    }
  }
  return [];
}

/**
 * Format 3: the history's chains, moves and merge against the report's items; [] for older
 * formats and for a body historyShapeProblems refused. `sha256` hashes every event.
 */
export function historyProblems(body: ReportBody, sha256: Sha256 = pureJsSha256): ReportProblem[] {
  if (body.formatVersion < 3 || body.history === undefined) return [];
  const { events } = body.history;
  const log = verifyRunLog(body.run.id, events, [], sha256);
  if (!log.ok) {
    return [
      {
        code: 'history-broken',
        path: 'body.history.events',
        message: `body.history.events: the history of device ${log.chain} is broken at event ${log.seq}: ${log.reason}`,
      },
    ];
  }
  if (!sameCanonicalJson(historyOf(log.chains, events), body.history)) {
    return [
      {
        code: 'history-mismatch',
        path: 'body.history',
        message:
          'body.history: the events are not the ones the report was signed with (a device log was added, cut or changed, or a move is missing).',
      },
    ];
  }
  const merged = RunLog.of(body.run.id, events);
  const problems: ReportProblem[] = [];
  if (merged.conflictIds().size > 0) {
    problems.push({
      code: 'unresolved-conflict',
      path: 'body.history.events',
      message: `body.history.events: ${[...merged.conflictIds()].join(', ')} changed on two devices at once and nobody chose which stands.`,
    });
  }
  const answers = merged.answers();
  body.sections.forEach((section, sectionIndex) =>
    section.items.forEach((item, itemIndex) => {
      if (sameCanonicalJson(itemClaims(item), answerClaims(answers.get(item.id), item))) return;
      const path = `body.sections[${sectionIndex}].items[${itemIndex}]`;
      problems.push({
        code: 'answer-not-in-history',
        path,
        message: `${path}: "${item.title}" is not what the run's history says it is.`,
      });
    }),
  );
  return problems;
}
