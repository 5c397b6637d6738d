// What shared runs need from the hub's store (issue 13): the runs people share, their members (a
// removal keeps the row, with removedAt), each device chain's head and the device it is bound to,
// and the events themselves, append-only, numbered per run in the order the hub received them (the
// cursor devices pull by). One implementation (store/kysely-shared-runs.ts) serves SQLite and
// PostgreSQL. Every change to a run takes the run's row lock first, so pushes, member changes and
// plan changes on one run happen one after the other, and cursors commit in their order.
import type { RunEvent } from '../../core/runs/run-event';
import type { DefinitionKind } from '../../core/definitions/schema';
import type { InsertOutcome, OfficeScope } from '../store/hub-store';
import type { RunEvidenceStore } from './evidence-store';

export interface SharedRunRecord {
  runId: string;
  name: string;
  kind: DefinitionKind;
  office: string;
  definitionId: string;
  definitionVersion: string;
  definitionHash: string;
  parameters: Record<string, string | number | boolean>;
  plannedGoLive: string;
  /** When the run was started, as the owner's device says. */
  createdAt: string;
  ownerId: string;
  /** Due dates per department ('YYYY-MM-DD'). */
  plan: Record<string, string>;
  /** The hub's time of the last change to the run, its members or its plan. */
  updatedAt: string;
}

export interface MemberRecord {
  runId: string;
  userId: string;
  departments: string[];
  addedAt: string;
  removedAt: string | null;
}

/** A device chain of a run as the hub holds it. */
export interface ChainRecord {
  runId: string;
  chain: string;
  /** The device that pushed its first event: only it may push more. */
  deviceId: string;
  userId: string;
  /** Events held (the last one's seq). */
  length: number;
  /** Hash of the last event held. */
  head: string;
}

/** What a push is judged on, read under the run's lock. */
export interface PushState {
  run: SharedRunRecord;
  members: readonly MemberRecord[];
  /** The pushed chain, when the hub holds any of it. */
  chain: ChainRecord | undefined;
  /** Hashes the hub holds of the pushed chain, by seq, for the seqs the push names. */
  held: ReadonlyMap<number, string>;
  /** Events held per chain of the run. */
  lengths: ReadonlyMap<string, number>;
}

/** What the hub appends after judging a push: new events in chain order. */
export interface PushPlan {
  append: readonly RunEvent[];
  duplicates: number;
}

export interface PushInput {
  runId: string;
  chain: string;
  /** The seqs the push names, first and last. */
  fromSeq: number;
  toSeq: number;
  deviceId: string;
  userId: string;
  receivedAt: string;
}

export interface PushResult {
  chain: ChainRecord;
  accepted: number;
  duplicates: number;
}

export interface StoredEvent {
  /** Per run, from 1, in the order the hub received the events. */
  cursor: number;
  event: RunEvent;
}

export interface MemberChanges {
  /** Added (or re-added after a removal), or their departments changed. */
  upsert: readonly Omit<MemberRecord, 'runId'>[];
  /** Removed now; a member removed before keeps their first removal time. */
  remove: readonly string[];
}

/** Evidence files of the runs: evidence-store.ts. */
export interface SharedRunStore extends RunEvidenceStore {
  /** Inserts the run with its first members unless the id is taken; then returns the stored run. */
  createRun(
    run: SharedRunRecord,
    members: readonly Omit<MemberRecord, 'runId'>[],
  ): Promise<InsertOutcome<SharedRunRecord>>;
  getRun(runId: string): Promise<SharedRunRecord | undefined>;
  members(runId: string): Promise<MemberRecord[]>;
  /** Runs the user owns or is (or was) a member of, and every run of the `offices` given. */
  runsOf(userId: string, offices: OfficeScope): Promise<SharedRunRecord[]>;
  /** Members of several runs at once, by run id. */
  membersOf(runIds: readonly string[]): Promise<Map<string, MemberRecord[]>>;
  /**
   * Changes members under the run's lock; `decide` sees the current members first and throws to
   * change nothing. Returns the members after the change; undefined when there is no such run.
   */
  changeMembers(
    runId: string,
    decide: (run: SharedRunRecord, members: readonly MemberRecord[]) => MemberChanges,
    at: string,
  ): Promise<MemberRecord[] | undefined>;
  /** Replaces the plan; false when there is no such run. */
  setPlan(runId: string, plan: Record<string, string>, at: string): Promise<boolean>;
  /**
   * One push, in one transaction under the run's lock: reads the state, lets `decide` judge it (it
   * throws to refuse: nothing is written), appends the events it accepts with the next cursors and
   * moves the chain's head, binding a new chain to the pushing device. Undefined when there is no
   * such run.
   */
  pushEvents(
    input: PushInput,
    decide: (state: PushState) => PushPlan,
  ): Promise<PushResult | undefined>;
  /** Events received after `after`, in cursor order, at most `limit`. */
  events(runId: string, after: number, limit: number): Promise<StoredEvent[]>;
}
