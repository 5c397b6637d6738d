// A run's history in memory: every chain of events the device holds, indexed by chain and by item,
// with each item's merged state (merge.ts) kept up to date as events arrive. Events are applied in
// causal order: one that names events not yet here (a gap in its chain, or a clock ahead of what
// is held) waits as pending until they arrive, so clocks recorded on this device are always
// transitively closed. Nothing here checks hashes: verify-run-log.ts does, once, on what is stored.
import type { Answer } from './model';
import type { CausalClock, RunEvent } from './run-event';
import { mergeItem, type ItemMerge, type Merge } from './merge';
import { RUN_ITEM_ID, type RunSettings } from './run-settings';

export type AddOutcome = 'added' | 'duplicate' | 'pending' | { rejected: string };

export interface AddAllResult {
  /** Applied now, in the order they were applied (causal). */
  added: RunEvent[];
  duplicates: number;
  /** Waiting for events they depend on. */
  pending: number;
  rejected: { event: RunEvent; reason: string }[];
}

const EMPTY_MERGE = { answer: null, heads: [], conflict: false } as const;

function pendingKey(event: Pick<RunEvent, 'chain' | 'seq'>): string {
  return `${event.chain}\u0000${event.seq}`;
}

/**
 * Sorts events so that every event comes after its causal past: the sum of an event's clock and
 * seq grows along every causal path. Ties are broken by hash, so the order is the same everywhere.
 */
export function byCausalRank(a: RunEvent, b: RunEvent): number {
  const rank = (event: RunEvent) =>
    event.seq + Object.values(event.clock ?? {}).reduce((sum, count) => sum + count, 0);
  return rank(a) - rank(b) || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0);
}

export class RunLog {
  private readonly chains = new Map<string, RunEvent[]>();
  private readonly itemEvents = new Map<string, RunEvent[]>();
  private readonly waiting = new Map<string, RunEvent>();
  private readonly merges = new Map<string, Merge<Answer | RunSettings>>();
  private readonly merged = new Map<string, Answer>();
  private readonly conflicted = new Set<string>();
  private count = 0;
  /** While addAll runs: the items whose merge waits for the end of the batch. */
  private touched: Set<string> | undefined;

  constructor(readonly runId: string) {}

  /** A log holding `events` (any order; those that cannot be applied stay pending). */
  static of(runId: string, events: Iterable<RunEvent>): RunLog {
    const log = new RunLog(runId);
    log.addAll([...events].sort(byCausalRank));
    return log;
  }

  get size(): number {
    return this.count;
  }

  get pendingCount(): number {
    return this.waiting.size;
  }

  /** Adds one event, then anything pending that it unblocks. */
  add(event: RunEvent): AddOutcome {
    const outcome = this.place(event);
    if (outcome === 'added') this.drainPending();
    return outcome;
  }

  /**
   * Adds many events; each item they touch is merged once, at the end, rather than after every
   * event (merging an item looks at all its events: per event, a sync of n events would cost n²).
   */
  addAll(events: Iterable<RunEvent>): AddAllResult {
    const result: AddAllResult = { added: [], duplicates: 0, pending: 0, rejected: [] };
    const before = this.count;
    const touched = new Set<string>();
    this.touched = touched;
    try {
      for (const event of events) {
        const outcome = this.place(event);
        if (outcome === 'duplicate') result.duplicates += 1;
        else if (typeof outcome === 'object')
          result.rejected.push({ event, reason: outcome.rejected });
      }
      this.drainPending();
    } finally {
      this.touched = undefined;
      for (const itemId of touched) this.remerge(itemId);
    }
    result.pending = this.waiting.size;
    if (this.count > before) result.added = this.appliedSince(before);
    return result;
  }

  /** How many events of each chain are held: the clock of an event recorded now. */
  frontier(): CausalClock {
    const clock: Record<string, number> = {};
    for (const [chain, events] of this.chains) clock[chain] = events.length;
    return clock;
  }

  /** The last event of a chain, or null. */
  head(chain: string): RunEvent | null {
    return this.chains.get(chain)?.at(-1) ?? null;
  }

  chainIds(): string[] {
    return [...this.chains.keys()].sort();
  }

  eventsOfChain(chain: string): readonly RunEvent[] {
    return this.chains.get(chain) ?? [];
  }

  /** Every applied event, by chain id then seq (a stable order for reports and backups). */
  events(): RunEvent[] {
    return this.chainIds().flatMap((chain) => this.chains.get(chain) ?? []);
  }

  pending(): RunEvent[] {
    return [...this.waiting.values()];
  }

  eventsOfItem(itemId: string): readonly RunEvent[] {
    return this.itemEvents.get(itemId) ?? [];
  }

  /** The item's merged state. */
  item(itemId: string): ItemMerge {
    if (itemId === RUN_ITEM_ID) return EMPTY_MERGE;
    return (this.merges.get(itemId) as ItemMerge | undefined) ?? EMPTY_MERGE;
  }

  /** The run's settings as moved (run-settings.ts); `answer` is null while the run never moved. */
  settings(): Merge<RunSettings> {
    return (this.merges.get(RUN_ITEM_ID) as Merge<RunSettings> | undefined) ?? EMPTY_MERGE;
  }

  /** Every touched item's merged answer, kept up to date as events arrive (do not modify). */
  answers(): ReadonlyMap<string, Answer> {
    return this.merged;
  }

  /** Ids of the items (and RUN_ITEM_ID, for two concurrent moves) whose heads disagree. */
  conflictIds(): ReadonlySet<string> {
    return this.conflicted;
  }

  private appliedOrder: RunEvent[] = [];

  private appliedSince(index: number): RunEvent[] {
    return this.appliedOrder.slice(index);
  }

  private isReady(event: RunEvent): boolean {
    if ((this.chains.get(event.chain)?.length ?? 0) !== event.seq - 1) return false;
    for (const [chain, count] of Object.entries(event.clock ?? {})) {
      if (chain !== event.chain && (this.chains.get(chain)?.length ?? 0) < count) return false;
    }
    return true;
  }

  private place(event: RunEvent): AddOutcome {
    if (event.runId !== this.runId) return { rejected: 'The event belongs to another run.' };
    if (!Number.isSafeInteger(event.seq) || event.seq < 1) {
      return { rejected: 'The event has no valid place in its chain.' };
    }
    const held = this.chains.get(event.chain)?.[event.seq - 1];
    if (held) {
      return held.hash === event.hash
        ? 'duplicate'
        : {
            rejected: `Device log ${event.chain} already has a different event ${event.seq}: the log forked.`,
          };
    }
    const key = pendingKey(event);
    const queued = this.waiting.get(key);
    if (queued) {
      return queued.hash === event.hash
        ? 'duplicate'
        : { rejected: `Two different events ${event.seq} of device log ${event.chain} arrived.` };
    }
    if (!this.isReady(event)) {
      this.waiting.set(key, event);
      return 'pending';
    }
    this.apply(event);
    return 'added';
  }

  private apply(event: RunEvent): void {
    let chain = this.chains.get(event.chain);
    if (!chain) {
      chain = [];
      this.chains.set(event.chain, chain);
    }
    chain.push(event);
    let onItem = this.itemEvents.get(event.itemId);
    if (!onItem) {
      onItem = [];
      this.itemEvents.set(event.itemId, onItem);
    }
    onItem.push(event);
    if (this.touched) this.touched.add(event.itemId);
    else this.remerge(event.itemId);
    this.appliedOrder.push(event);
    this.count += 1;
  }

  /** Recomputes an item's merged state from all its events. */
  private remerge(itemId: string): void {
    const merge = mergeItem(this.itemEvents.get(itemId) ?? []);
    this.merges.set(itemId, merge);
    if (merge.answer && itemId !== RUN_ITEM_ID) this.merged.set(itemId, merge.answer as Answer);
    if (merge.conflict) this.conflicted.add(itemId);
    else this.conflicted.delete(itemId);
  }

  private drainPending(): void {
    let progressed = true;
    while (progressed && this.waiting.size > 0) {
      progressed = false;
      for (const [key, event] of this.waiting) {
        if (this.isReady(event)) {
          this.waiting.delete(key);
          this.apply(event);
          progressed = true;
        }
      }
    }
  }
}
