// One event of a run's history as it is stored, synced and signed. A run may be worked on by
// several people, each on their own laptop: every device writes its own hash-chained log of the
// run ("chain"), and the run is the union of all chains (merge.ts).
//
// An event's hash is the hex SHA-256 of the RFC 8785 canonical JSON of the event without `hash`;
// `prevHash` links it to the previous event of the same chain (64 zeros for the first). `clock`
// says, for every other chain, how many of its events this device had when it recorded the event:
// the event's causal past (causality.ts). A device only records an event once it holds everything
// its clock names, so clocks are transitively closed and `happenedBefore` is exact.
//
// Format 1 (events recorded before shared runs) had no `v`, `chain` or `clock`: the run had one log.
// Those events keep their hashes (a re-hash would erase their tamper evidence): their hash covers
// everything but `hash` and `chain`, and storage gives them the chain of the device that wrote
// them. Format 2 events (`v: 2`) hash everything but `hash`.
// When the hashed shape changes again, add a format 3 here and keep verifying 1 and 2.
import type { EventDraft } from './actions';
import { canonicalJson, pureJsSha256, type Sha256 } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);
export const RUN_EVENT_FORMAT = 2;

/** For each other chain: how many of its events were known when this one was recorded. */
export type CausalClock = Readonly<Record<string, number>>;

export interface RunEvent extends EventDraft {
  /** 2 since shared runs; absent on format-1 events. */
  v?: typeof RUN_EVENT_FORMAT;
  /** The device log this event belongs to (a device's stable id). */
  chain: string;
  /** 1 for the chain's first event, then +1 each. */
  seq: number;
  prevHash: string;
  /** Absent on format-1 events (a single log has no other chains). */
  clock?: CausalClock;
  hash: string;
}

/** The content an event's hash covers (see the module comment for format 1). */
function hashedContent(event: Omit<RunEvent, 'hash'> & { hash?: string }): object {
  const { hash: _hash, ...content } = event;
  if (content.v === RUN_EVENT_FORMAT) return content;
  const { chain: _chain, ...legacy } = content;
  return legacy;
}

/** The hash an event should carry (`sha256`: the platform's, core/runs/canonical.ts). */
export function hashEvent(
  event: Omit<RunEvent, 'hash'> & { hash?: string },
  sha256: Sha256 = pureJsSha256,
): string {
  return sha256.hex(canonicalJson(hashedContent(event)));
}

/**
 * Appends a draft to `chain` after `previous` (that chain's last event, or null), with the
 * device's knowledge of the other chains. Entries for the event's own chain and zero counts are
 * left out of the clock, so equal knowledge always hashes the same.
 */
export function recordEvent(
  draft: EventDraft,
  chain: string,
  previous: Pick<RunEvent, 'seq' | 'hash'> | null,
  clock: CausalClock,
): RunEvent {
  const compactClock: Record<string, number> = {};
  for (const key of Object.keys(clock).sort()) {
    const count = clock[key] ?? 0;
    if (key !== chain && count > 0) compactClock[key] = count;
  }
  const unhashed: Omit<RunEvent, 'hash'> = {
    ...draft,
    v: RUN_EVENT_FORMAT,
    chain,
    seq: previous ? previous.seq + 1 : 1,
    prevHash: previous ? previous.hash : GENESIS_HASH,
    clock: compactClock,
  };
  return { ...unhashed, hash: hashEvent(unhashed) };
}

/** How many events of `chain` the event had seen, counting itself for its own chain. */
export function seenOf(event: Pick<RunEvent, 'chain' | 'seq' | 'clock'>, chain: string): number {
  if (event.chain === chain) return event.seq;
  return event.clock?.[chain] ?? 0;
}

/** True when `a` is in the causal past of `b` (b's device knew a when it recorded b). */
export function happenedBefore(
  a: Pick<RunEvent, 'chain' | 'seq'>,
  b: Pick<RunEvent, 'chain' | 'seq' | 'clock'>,
): boolean {
  if (a.chain === b.chain) return a.seq < b.seq;
  return seenOf(b, a.chain) >= a.seq;
}

/** Events the device that recorded `a` had not seen, and that had not seen `a`. */
export function areConcurrent(
  a: Pick<RunEvent, 'chain' | 'seq' | 'clock'>,
  b: Pick<RunEvent, 'chain' | 'seq' | 'clock'>,
): boolean {
  return (
    !happenedBefore(a, b) && !happenedBefore(b, a) && !(a.chain === b.chain && a.seq === b.seq)
  );
}
