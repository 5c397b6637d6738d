// The run's append-only, hash-chained event log. Each event's hash is the hex SHA-256 of the
// RFC 8785 canonical JSON of the event without its `hash` (so seq and prevHash are covered);
// prevHash links to the previous event (64 zeros for the first). Editing, removing or reordering
// an event breaks the chain; editing the answers store directly is caught by comparing each
// answer with the `after` of the last event for its item.
// When the hashed shape changes, old logs no longer verify: version the log before doing that.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';
import type { EventDraft } from './actions';
import type { Answer } from './model';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent extends EventDraft {
  /** 1 for the first event of a run, then +1 each. */
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainVerification =
  { ok: true; head: string | null } | { ok: false; brokenAt: number; reason: string };

/** RFC 8785 canonical JSON (keys sorted, no whitespace; undefined properties are left out). */
export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new Error('Cannot canonicalize this value.');
  return json;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The hash an event should carry: over everything but `hash`. */
export function hashEvent(event: Omit<ChainedEvent, 'hash'> & { hash?: string }): string {
  const { hash: _hash, ...content } = event;
  return sha256Hex(canonicalJson(content));
}

/** Appends a draft after `previous` (null for the first event of a run). */
export function chainEvent(draft: EventDraft, previous: ChainedEvent | null): ChainedEvent {
  const unhashed = {
    ...draft,
    seq: previous ? previous.seq + 1 : 1,
    prevHash: previous ? previous.hash : GENESIS_HASH,
  };
  return { ...unhashed, hash: hashEvent(unhashed) };
}

/** Checks a whole log, in order, from seq 1. `brokenAt` is the seq where the chain first breaks. */
export function verifyChain(events: readonly ChainedEvent[]): ChainVerification {
  let previousHash = GENESIS_HASH;
  const runId = events[0]?.runId;
  for (let i = 0; i < events.length; i++) {
    const expectedSeq = i + 1;
    const event = events[i];
    const broken = (reason: string): ChainVerification => ({
      ok: false,
      brokenAt: expectedSeq,
      reason,
    });
    if (typeof event !== 'object' || event === null)
      return broken(`Event ${expectedSeq} is missing.`);
    if (event.seq !== expectedSeq) {
      return broken(
        `Expected event ${expectedSeq} but found event ${String(event.seq)}: an event was removed or the log was reordered.`,
      );
    }
    if (event.runId !== runId) return broken(`Event ${expectedSeq} belongs to another run.`);
    let hash: string;
    try {
      hash = hashEvent(event);
    } catch {
      return broken(`Event ${expectedSeq} cannot be read as JSON.`);
    }
    if (hash !== event.hash)
      return broken(`Event ${expectedSeq} was changed after it was recorded.`);
    if (event.prevHash !== previousHash) {
      return broken(
        `Event ${expectedSeq} does not follow event ${expectedSeq - 1}: its link was changed.`,
      );
    }
    previousHash = event.hash;
  }
  return { ok: true, head: events.length > 0 ? previousHash : null };
}

/**
 * Item ids whose stored answer differs from the `after` of the last event for the item: an answer
 * without any event, an answer changed outside the log, or an answer deleted while its events
 * remain. Compared as canonical JSON. Ids in event order, then answers without events.
 */
export function verifyAnswersAgainstEvents(
  answers: Iterable<Answer> | ReadonlyMap<string, Answer>,
  events: readonly ChainedEvent[],
): string[] {
  const list: Answer[] = isMap(answers) ? [...answers.values()] : [...answers];
  const lastAfter = new Map<string, Answer>();
  for (const event of events) lastAfter.set(event.itemId, event.payload.after);
  const stored = new Map(list.map((answer) => [answer.itemId, answer]));
  const mismatched: string[] = [];
  for (const [itemId, after] of lastAfter) {
    const answer = stored.get(itemId);
    if (!answer || canonicalJson(answer) !== canonicalJson(after)) mismatched.push(itemId);
  }
  for (const answer of list) {
    if (!lastAfter.has(answer.itemId)) mismatched.push(answer.itemId);
  }
  return mismatched;
}

function isMap(value: unknown): value is ReadonlyMap<string, Answer> {
  return value instanceof Map;
}
