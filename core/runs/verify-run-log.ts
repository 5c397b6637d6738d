// Verifies a run's whole history, every chain together, before anything trusts it (opening a run,
// restoring a backup, building or verifying a signed report): each chain is intact (event-chain.ts);
// each clock names only events that exist and includes everything they had seen, so the causal
// order is real; and each event's `before` is exactly what the merge of its causal past says the
// item was, so no device can record a change on top of a state that never existed. Then the
// stored (or reported) answers must be what the merge of all events says.
import { canonicalJson, pureJsSha256, type Sha256 } from './canonical';
import { verifyChain } from './event-chain';
import type { Answer, AnswerMap } from './model';
import { mergeItem } from './merge';
import type { RunEvent } from './run-event';
import { happenedBefore, seenOf } from './run-event';

export interface ChainHead {
  chain: string;
  /** Hash of the chain's last event. */
  head: string;
  length: number;
}

export type RunLogVerification =
  { ok: true; chains: ChainHead[] } | { ok: false; chain: string; seq: number; reason: string };

function groupByChain(events: readonly RunEvent[]): Map<string, RunEvent[]> {
  const chains = new Map<string, RunEvent[]>();
  for (const event of events) {
    const chain = typeof event?.chain === 'string' ? event.chain : '';
    let list = chains.get(chain);
    if (!list) {
      list = [];
      chains.set(chain, list);
    }
    list.push(event);
  }
  for (const list of chains.values()) list.sort((a, b) => a.seq - b.seq);
  return chains;
}

function checkClocks(chains: Map<string, RunEvent[]>): RunLogVerification | undefined {
  const chainIds = [...chains.keys()];
  for (const [chain, events] of chains) {
    let previous: RunEvent | undefined;
    for (const event of events) {
      const broken = (reason: string): RunLogVerification => ({
        ok: false,
        chain,
        seq: event.seq,
        reason,
      });
      const clock = event.clock ?? {};
      if (event.v === 2 && (typeof clock !== 'object' || clock === null || Array.isArray(clock))) {
        return broken('Its causal clock is not readable.');
      }
      for (const [other, count] of Object.entries(clock)) {
        if (other === chain) return broken('Its causal clock names its own device log.');
        if (!Number.isSafeInteger(count) || count < 1) {
          return broken(`Its causal clock has an invalid count for device log ${other}.`);
        }
        const seen = chains.get(other)?.[count - 1];
        if (!seen) {
          return broken(`It names event ${count} of device log ${other}, which is missing.`);
        }
        for (const k of chainIds) {
          if (seenOf(seen, k) > seenOf(event, k)) {
            return broken(
              `Its causal clock is not closed: it saw event ${count} of device log ${other} but not what that event had seen.`,
            );
          }
        }
      }
      if (previous) {
        for (const k of chainIds) {
          if (k !== chain && seenOf(previous, k) > seenOf(event, k)) {
            return broken('Its causal clock went backwards: it forgets what the device had seen.');
          }
        }
      }
      previous = event;
    }
  }
  return undefined;
}

function checkBefores(
  events: readonly RunEvent[],
  isTrusted: (event: RunEvent) => boolean,
): RunLogVerification | undefined {
  const byItem = new Map<string, RunEvent[]>();
  for (const event of events) {
    const list = byItem.get(event.itemId) ?? [];
    list.push(event);
    byItem.set(event.itemId, list);
  }
  for (const onItem of byItem.values()) {
    for (const event of onItem) {
      if (isTrusted(event)) continue;
      const past = onItem.filter((other) => happenedBefore(other, event));
      const expected = mergeItem(past).answer;
      const recorded = event.payload?.before ?? null;
      const same =
        expected === null ? recorded === null : recorded !== null && sameState(expected, recorded);
      if (!same) {
        return {
          ok: false,
          chain: event.chain,
          seq: event.seq,
          reason: `Its "before" is not what the item was at that point of the history.`,
        };
      }
    }
  }
  return undefined;
}

function sameState(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/**
 * Checks every chain, the causal clocks and every event's `before`.
 *
 * `checkpoint`: the heads a previous verification returned, when the caller has made sure the
 * events up to them are unchanged since (storage compares a digest of their stored bytes). Those
 * events are not hashed and their `before` not re-derived; a chain whose event at the checkpoint's
 * length does not carry the checkpoint's head hash is verified in full.
 */
export function verifyRunLog(
  runId: string,
  events: readonly RunEvent[],
  checkpoint: readonly ChainHead[] = [],
  sha256: Sha256 = pureJsSha256,
): RunLogVerification {
  const chains = groupByChain(events);
  const trusted = new Map<string, number>();
  for (const { chain, head, length } of checkpoint) {
    if (chains.get(chain)?.[length - 1]?.hash === head) trusted.set(chain, length);
  }
  const heads: ChainHead[] = [];
  for (const [chain, list] of [...chains].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (chain === '')
      return { ok: false, chain, seq: list[0]?.seq ?? 0, reason: 'An event names no device log.' };
    const verification = verifyChain(list, trusted.get(chain) ?? 0, sha256);
    if (!verification.ok) {
      return { ok: false, chain, seq: verification.brokenAt, reason: verification.reason };
    }
    if (list[0]?.runId !== runId) {
      return { ok: false, chain, seq: 1, reason: 'The device log belongs to another run.' };
    }
    heads.push({ chain, head: verification.head as string, length: list.length });
  }
  const clocks = checkClocks(chains);
  if (clocks) return clocks;
  const befores = checkBefores(events, (event) => event.seq <= (trusted.get(event.chain) ?? 0));
  if (befores) return befores;
  return { ok: true, chains: heads };
}

/**
 * Item ids whose stored answer is not the merge of the events (an answer without events, changed
 * outside the log, or deleted while its events remain). Events first, then answers without events.
 */
export function verifyAnswersAgainstLog(
  answers: Iterable<Answer> | AnswerMap,
  merged: ReadonlyMap<string, Answer>,
): string[] {
  const list: Answer[] =
    answers instanceof Map ? [...answers.values()] : [...(answers as Iterable<Answer>)];
  const stored = new Map(list.map((answer) => [answer.itemId, answer]));
  const mismatched: string[] = [];
  for (const [itemId, after] of merged) {
    const answer = stored.get(itemId);
    if (!answer || !sameState(answer, after)) mismatched.push(itemId);
  }
  for (const answer of list) if (!merged.has(answer.itemId)) mismatched.push(answer.itemId);
  return mismatched;
}
