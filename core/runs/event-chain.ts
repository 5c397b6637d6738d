// One device's chain of a run's events: numbered from 1, each linked to the previous one by hash
// (run-event.ts says what is hashed). Editing, removing or reordering an event breaks the chain.
// The run as a whole, all chains together, is checked by verify-run-log.ts.
import { pureJsSha256, type Sha256 } from './canonical';
import type { RunEvent } from './run-event';
import { GENESIS_HASH, hashEvent } from './run-event';

export { canonicalJson, sha256Hex } from './canonical';
export { GENESIS_HASH, hashEvent } from './run-event';

export type ChainVerification =
  { ok: true; head: string | null } | { ok: false; brokenAt: number; reason: string };

/**
 * Checks one chain, in order, from seq 1. `brokenAt` is the seq where the chain first breaks.
 * The first `trustedLength` events are not hashed again (their numbering and links still are):
 * the caller vouches they are, byte for byte, events this check passed before (a checkpoint).
 * `sha256` hashes the others (node:crypto on the hub, pure JS when not given).
 */
export function verifyChain(
  events: readonly RunEvent[],
  trustedLength = 0,
  sha256: Sha256 = pureJsSha256,
): ChainVerification {
  let previousHash = GENESIS_HASH;
  const first = events[0];
  let sawFormat2 = false;
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
    if (event.runId !== first?.runId) return broken(`Event ${expectedSeq} belongs to another run.`);
    if (event.chain !== first.chain) {
      return broken(`Event ${expectedSeq} belongs to another device's log.`);
    }
    if (event.v === undefined && sawFormat2) {
      return broken(`Event ${expectedSeq} has the old format after a newer event.`);
    }
    if (event.v !== undefined && event.v !== 2) {
      return broken(`Event ${expectedSeq} has an unknown format (${String(event.v)}).`);
    }
    sawFormat2 ||= event.v === 2;
    if (expectedSeq > trustedLength) {
      let hash: string;
      try {
        hash = hashEvent(event, sha256);
      } catch {
        return broken(`Event ${expectedSeq} cannot be read as JSON.`);
      }
      if (hash !== event.hash)
        return broken(`Event ${expectedSeq} was changed after it was recorded.`);
    }
    if (event.prevHash !== previousHash) {
      return broken(
        `Event ${expectedSeq} does not follow event ${expectedSeq - 1}: its link was changed.`,
      );
    }
    previousHash = event.hash;
  }
  return { ok: true, head: events.length > 0 ? previousHash : null };
}
