// The team side of one run, live from IndexedDB: the hub's view of it (owner, members, plan, a
// removal), who this device's user is on the hub (role, departments), this device's chain and, for
// a shared run, every device's events merged (conflicts, "Ready for you", the department chain).
// A run nobody shared reads no events here unless a view asks for the log (the chain view), so a
// tick on a local run costs nothing more than before.
import { createContext, useContext, useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  evaluateGate,
  isRunItem,
  myItemIds,
  readyForYou,
  RunLog,
  type ReadyItem,
  type RunEvent,
} from '../../../core/runs';
import type { RunMember } from '../../../core/sync';
import { services } from '../../app/services';
import type { GoLiveDatabase } from '../../storage/database';
import { eventsOfRun } from '../../storage/run-events';
import type { SharedRunRow } from '../../storage/shared-run-repository';
import { DEVICE_CHAIN_KEY } from '../../storage/versions/v4';
import { readHubConnection, type HubConnection } from '../../sync/hub-connection';
import type { RunView } from '../runs/use-run-view';

interface TeamRecords {
  shared: SharedRunRow | null;
  connection: HubConnection | null;
  /** This device's chain id (null until this database recorded its first event). */
  chain: string | null;
  events: RunEvent[] | null;
}

export interface RunTeam {
  shared: SharedRunRow | null;
  connection: HubConnection | null;
  chain: string | null;
  /** Every device's events merged; null for a local run when no view asked for it. */
  log: RunLog | null;
  /** The member entry of this device's user, when the run is shared with them. */
  me: RunMember | undefined;
  isOwner: boolean;
  /** Connected as an administrator or coordinator, and the run is not shared yet. */
  canShare: boolean;
  /** The departments whose items are this user's ("My items"). */
  myDepartments: readonly string[];
  /**
   * On a shared run, with the hub's departments: the items that are this user's (their
   * departments' as reassigned by the owner, or named to them: core isMyItem).
   */
  myItems: ReadonlySet<string> | undefined;
  /** Items changed on two devices at once, waiting for a person to keep one answer. */
  conflicts: ReadonlySet<string>;
  ready: ReadyItem[];
  readyIds: ReadonlySet<string>;
  /** When the owner removed this user from the run (the hub refused their events since). */
  removedAt: string | undefined;
  /** This device's events of the run the hub has not confirmed. */
  unpushed: number;
}

async function readChain(db: GoLiveDatabase): Promise<string | null> {
  // Read only: a live query must not write (device-chain.ts creates the id on the first write).
  const row = await db.settings.get(DEVICE_CHAIN_KEY);
  return typeof row?.value === 'string' && row.value !== '' ? row.value : null;
}

function readTeam(runId: string, needsLog: boolean): Promise<TeamRecords> {
  const { db } = services;
  return db.transaction('r', db.sharedRuns, db.settings, db.runEvents, async () => {
    const shared = (await db.sharedRuns.get(runId)) ?? null;
    const connection = (await readHubConnection(db)) ?? null;
    const chain = await readChain(db);
    const events = shared || needsLog ? await eventsOfRun(db, runId).toArray() : null;
    return { shared, connection, chain, events };
  });
}

const NO_CONFLICTS: ReadonlySet<string> = new Set();

export function deriveTeam(view: RunView, records: TeamRecords, log: RunLog | null): RunTeam {
  const { shared, connection, chain, events } = records;
  const user = connection?.user;
  const me = user
    ? shared?.info.members.find((member) => member.userId === user.userId)
    : undefined;
  const isOwner = Boolean(user && shared && shared.info.owner.userId === user.userId);
  const canShare =
    !shared &&
    view.run.state !== 'signed' &&
    (user?.role === 'admin' || user?.role === 'coordinator');
  const myDepartments = me?.departments ?? user?.departments ?? [];
  const conflicts = log
    ? new Set([...log.conflictIds()].filter((itemId) => !isRunItem(itemId)))
    : NO_CONFLICTS;
  const owner = { departments: myDepartments, ...(user ? { userId: user.userId } : {}) };
  const ready =
    log && chain && shared && myDepartments.length > 0
      ? readyForYou(view.definition, view.run, log, { ...owner, chain })
      : [];
  const myItems =
    shared && myDepartments.length > 0
      ? myItemIds(view.visibility.visible, view.answers, owner)
      : undefined;
  const unpushed =
    shared && chain && events
      ? events.filter((event) => event.chain === chain && event.seq > shared.pushedSeq).length
      : 0;
  return {
    shared,
    connection,
    chain,
    log,
    me,
    isOwner,
    canShare,
    myDepartments,
    myItems,
    conflicts,
    ready,
    readyIds: new Set(ready.map((item) => item.itemId)),
    removedAt: shared?.removedAt ?? me?.removedAt,
    unpushed,
  };
}

/** `undefined` while loading. */
export function useRunTeam(view: RunView, needsLog = false): RunTeam | undefined {
  const runId = view.run.id;
  const records = useLiveQuery(() => readTeam(runId, needsLog), [runId, needsLog]);
  const events = records?.events;
  const log = useMemo(() => (events ? RunLog.of(runId, events) : null), [runId, events]);
  return useMemo(
    () => (records ? deriveTeam(view, records, log) : undefined),
    [view, records, log],
  );
}

/** The run as the gate must judge it: a conflict on a blocking item holds it (core/runs/gate.ts). */
export function withConflicts(view: RunView, conflicts: ReadonlySet<string>): RunView {
  if (conflicts.size === 0) return view;
  return { ...view, gate: evaluateGate(view.definition, view.run, view.answers, conflicts) };
}

/** The run screen's team state, for the parts of the run screen that show it (list, detail). */
export const RunTeamContext = createContext<RunTeam | undefined>(undefined);

export function useRunTeamContext(): RunTeam | undefined {
  return useContext(RunTeamContext);
}

/**
 * The ids of a shared run's items in conflict (none for a local run), for lists of runs. Inside a
 * read transaction over sharedRuns and runEvents.
 */
export async function sharedRunConflicts(
  db: GoLiveDatabase,
  runId: string,
): Promise<ReadonlySet<string>> {
  if (!(await db.sharedRuns.get(runId))) return NO_CONFLICTS;
  const log = RunLog.of(runId, await eventsOfRun(db, runId).toArray());
  return new Set([...log.conflictIds()].filter((itemId) => !isRunItem(itemId)));
}
