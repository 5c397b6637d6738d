// The owner's actions on a shared run that need the hub now (core/sync/shared-runs-client.ts):
// find people to invite, share the run, add or remove members, set the due dates. Each answer the
// hub gives is kept as this device's view of the run (storage/shared-run-repository.ts), so the
// team panel shows it at once; sync then carries the run's events. Nothing here touches the run's
// own work: a refusal or a dead line loses nothing.
import {
  listPeople,
  setRunPlan,
  shareRun,
  updateMembers,
  type PeopleQuery,
  type Person,
  type SharedRun,
  type TeamOutcome,
} from '../../../core/sync';
import { services } from '../../app/services';
import type { RunRow } from '../../storage/database';
import { appSync } from '../../sync/app-sync';
import { createFetchTransport } from '../../sync/fetch-transport';
import type { HubConnection } from '../../sync/hub-connection';

/** The hub's outcomes, and one the app finds first: the hub knows this user in no office. */
export type TeamResult<T> = TeamOutcome<T> | { ok: false; reason: 'no-office'; message: string };
export type TeamFailure = Extract<TeamResult<unknown>, { ok: false }>;

/** A person chosen as a member, with the departments whose items are theirs on this run. */
export interface ChosenMember {
  userId: string;
  departments: string[];
}

function transportOf(connection: Pick<HubConnection, 'hubUrl' | 'deviceToken'>) {
  return createFetchTransport({ baseUrl: connection.hubUrl, token: connection.deviceToken });
}

/** Keeps the hub's answer as this device's view of the run; a problem keeping it is a failure. */
async function kept(outcome: TeamOutcome<SharedRun>): Promise<TeamOutcome<SharedRun>> {
  if (!outcome.ok) return outcome;
  const result = await services.sharedRuns.keep(outcome.value);
  if (!result.ok) return { ok: false, reason: 'refused', message: result.problem };
  return outcome;
}

export function findPeople(
  connection: Pick<HubConnection, 'hubUrl' | 'deviceToken'>,
  query: PeopleQuery,
): Promise<TeamOutcome<Person[]>> {
  return listPeople(transportOf(connection), query);
}

export async function shareWith(
  connection: HubConnection,
  run: RunRow,
  members: readonly ChosenMember[],
): Promise<TeamResult<SharedRun>> {
  const office = connection.user.office;
  if (office === undefined) return { ok: false, reason: 'no-office', message: '' };
  const outcome = await kept(
    await shareRun(transportOf(connection), {
      runId: run.id,
      name: run.name,
      kind: run.kind,
      office,
      definitionId: run.definitionId,
      definitionVersion: run.definitionVersion,
      definitionHash: run.definitionHash,
      parameters: run.parameters,
      plannedGoLive: run.plannedGoLive,
      createdAt: run.createdAt,
      members: members.map(({ userId, departments }) => ({ userId, departments })),
    }),
  );
  // The run's events so far go to the hub now, so members get them on their next sync.
  if (outcome.ok) void appSync.syncNow();
  return outcome;
}

export async function addMembers(
  connection: HubConnection,
  runId: string,
  members: readonly ChosenMember[],
): Promise<TeamOutcome<SharedRun>> {
  return kept(
    await updateMembers(transportOf(connection), runId, {
      add: members.map(({ userId, departments }) => ({ userId, departments })),
      remove: [],
    }),
  );
}

export async function removeMember(
  connection: HubConnection,
  runId: string,
  userId: string,
): Promise<TeamOutcome<SharedRun>> {
  return kept(await updateMembers(transportOf(connection), runId, { add: [], remove: [userId] }));
}

export async function savePlan(
  connection: HubConnection,
  runId: string,
  plan: Record<string, string>,
): Promise<TeamOutcome<SharedRun>> {
  return kept(await setRunPlan(transportOf(connection), runId, { plan }));
}
