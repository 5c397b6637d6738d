// The deterministic merge of a run's chains: what each item's answer is, given every event any
// device recorded. The rule, per item: the events on the item that no other event on the item
// came after (its "heads", by causal history, never by clock time). One head: its answer. Several
// heads that say the same thing (same status, value, reason, notes, plan, waiver, evidence): the
// same answer, whoever was first. Several heads that disagree: a conflict, shown with every
// answer, until a person resolves it with an event that has seen them all. While in conflict the
// item shows the answer of the head with the lowest hash (arbitrary but the same on every device);
// a conflict on a blocking item holds the gate. Devices holding the same events therefore show
// the same run, whatever order the events arrived in.
// The run's own settings (run-settings.ts: a move to another version) merge by the same rule.
// When Answer gains a field, decide whether it is substance (conflicts when it differs) or record
// keeping (ANSWER_METADATA).
import { canonicalJson } from './canonical';
import type { Answer } from './model';
import type { RunEvent } from './run-event';
import { happenedBefore } from './run-event';
import type { RunSettings } from './run-settings';

/** The merged state of an item (an answer) or of the run's settings. */
export interface Merge<State> {
  /** null when no event touched it (an open item; the settings the run was started with). */
  answer: State | null;
  /** The events no other event on this item came after; more than one only when concurrent. */
  heads: readonly RunEvent[];
  /** True when the heads disagree in substance: a person must choose. */
  conflict: boolean;
}

export type ItemMerge = Merge<Answer>;

/** Fields that record who and when rather than what: concurrent heads differing only here agree. */
const ANSWER_METADATA = ['updatedAt', 'updatedBy', 'startedAt', 'finishedAt', 'recheck'] as const;

/** The part of an answer two people must agree on. */
export function answerSubstance(answer: Answer): string {
  const copy: Record<string, unknown> = { ...answer };
  for (const key of ANSWER_METADATA) delete copy[key];
  if (answer.waiver) copy.waiver = answer.waiver.justification;
  if (answer.acceptedFailure) {
    const { reason, failure } = answer.acceptedFailure;
    copy.acceptedFailure = { reason, failure };
  }
  copy.attachments = answer.attachments.map((a) => a.sha256).sort();
  return canonicalJson(copy);
}

const substanceOfEvent = new WeakMap<RunEvent, string>();

function isAnswer(state: Answer | RunSettings): state is Answer {
  return 'status' in state;
}

/** The answer an item event leaves (undefined for an event on the run itself). */
export function answerAfter(event: RunEvent): Answer | undefined {
  const state = event.payload.after;
  return isAnswer(state) ? state : undefined;
}

/** The substance of an event's state (all of it for run settings), computed once per event. */
function substanceOf(event: RunEvent): string {
  let substance = substanceOfEvent.get(event);
  if (substance === undefined) {
    const state = event.payload.after;
    substance = isAnswer(state) ? answerSubstance(state) : canonicalJson(state);
    substanceOfEvent.set(event, substance);
  }
  return substance;
}

function byHash(a: RunEvent, b: RunEvent): number {
  return a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
}

/** Each chain's last event among `events` (only those can be heads). */
function lastPerChain(events: readonly RunEvent[]): RunEvent[] {
  const last = new Map<string, RunEvent>();
  for (const event of events) {
    const seen = last.get(event.chain);
    if (!seen || seen.seq < event.seq) last.set(event.chain, event);
  }
  return [...last.values()];
}

/**
 * Merges every event recorded on one item (any order). A concurrent head that only repeats an
 * answer another head's author had already seen adds nothing and is no conflict: when two people
 * both tick an item done and one then adds a note, the note wins.
 */
export function mergeItem(events: readonly RunEvent[]): Merge<Answer | RunSettings> {
  if (events.length === 0) return { answer: null, heads: [], conflict: false };
  const candidates = lastPerChain(events);
  let heads = candidates
    .filter((event) => !candidates.some((other) => other !== event && happenedBefore(event, other)))
    .sort(byHash);
  if (heads.length > 1) {
    const seenBy = (head: RunEvent, substance: string) =>
      events.some((event) => happenedBefore(event, head) && substanceOf(event) === substance);
    const adding = heads.filter(
      (head) => !heads.some((other) => other !== head && seenBy(other, substanceOf(head))),
    );
    if (adding.length > 0) heads = adding;
  }
  const shown = heads[0] as RunEvent;
  const substance = substanceOf(shown);
  const conflict = heads.some((head) => substanceOf(head) !== substance);
  return { answer: shown.payload.after, heads, conflict };
}
