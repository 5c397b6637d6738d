// A run's verified checkpoint: the chain heads of the last full verification of its history, with
// a SHA-256 (WebCrypto) of the stored events up to those heads, serialized as IndexedDB returns
// them. Opening the run again compares that digest, which costs one JSON.stringify and one native
// hash, instead of re-hashing every event in JavaScript: when it matches, those events are the
// very ones verified before and only the newer ones are verified (core verifyRunLog's
// checkpoint); when anything in them changed (an event edited, removed or added outside the app),
// the digest differs and the whole history is verified again, so tamper detection is unchanged.
// Kept in the settings table under run-checkpoint:<runId>.
import type { ChainHead, RunEvent } from '../../core/runs';
import type { GoLiveDatabase } from './database';

export interface RunCheckpoint {
  chains: ChainHead[];
  /** Hex SHA-256 of JSON.stringify of the events up to the heads, by chain id then seq. */
  digest: string;
}

const keyOf = (runId: string) => `run-checkpoint:${runId}`;

/** The events up to each head, by chain id then seq; undefined when one is missing. */
function prefixOf(events: readonly RunEvent[], chains: readonly ChainHead[]): RunEvent[] | null {
  const byChain = new Map<string, RunEvent[]>();
  for (const event of events) {
    const list = byChain.get(event.chain) ?? [];
    list.push(event);
    byChain.set(event.chain, list);
  }
  const prefix: RunEvent[] = [];
  for (const { chain, length } of [...chains].sort((a, b) => (a.chain < b.chain ? -1 : 1))) {
    const list = (byChain.get(chain) ?? []).filter((event) => event.seq <= length);
    if (list.length !== length) return null;
    prefix.push(...list.sort((a, b) => a.seq - b.seq));
  }
  return prefix;
}

async function digestOf(events: readonly RunEvent[]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(events));
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The checkpoint's heads when the stored events up to them are unchanged since it was taken;
 * otherwise (none stored, or anything in them differs) an empty list: verify everything.
 */
export async function trustedHeads(
  db: GoLiveDatabase,
  runId: string,
  events: readonly RunEvent[],
): Promise<ChainHead[]> {
  const row = await db.settings.get(keyOf(runId));
  const checkpoint = row?.value as RunCheckpoint | undefined;
  if (!checkpoint || !Array.isArray(checkpoint.chains)) return [];
  const prefix = prefixOf(events, checkpoint.chains);
  if (!prefix || (await digestOf(prefix)) !== checkpoint.digest) return [];
  return checkpoint.chains;
}

/** Stores `chains` (just verified, with `events`) as the run's checkpoint, if they moved on. */
export async function saveCheckpoint(
  db: GoLiveDatabase,
  runId: string,
  events: readonly RunEvent[],
  chains: readonly ChainHead[],
  previous: readonly ChainHead[],
): Promise<void> {
  const same =
    chains.length === previous.length &&
    chains.every((head) =>
      previous.some((other) => other.chain === head.chain && other.head === head.head),
    );
  if (same || chains.length === 0) return;
  const prefix = prefixOf(events, chains);
  if (!prefix) return;
  const checkpoint: RunCheckpoint = { chains: [...chains], digest: await digestOf(prefix) };
  await db.settings.put({ key: keyOf(runId), value: checkpoint });
}
