// Sharing a run and keeping its members and plan (POST /v1/runs, /members, /plan; GET /v1/runs):
// the caller who shares a run owns it; a run belongs to its owner's office; members are people
// the run can take (people.ts), each with the departments whose items are theirs (their own
// departments unless the owner says otherwise). A removal keeps the member's row with removedAt,
// so their history stays and their device learns why its pushes are refused. Sharing the same run
// again (a retry after a lost answer) answers the run as it is; another run under the same id is
// refused.
import { canonicalJson } from '../../core/runs/canonical';
import type {
  RunPlanRequest,
  ShareRunRequest,
  SharedRun,
  SharedRunListResponse,
  UpdateMembersRequest,
} from '../../core/sync/wire-protocol';
import { SHARED_RUN_LIMITS } from '../../core/sync/wire-protocol';
import type { HubContext } from '../hub-context';
import { nowIso } from '../hub-context';
import { badRequest, conflict, forbidden } from '../hub-error';
import type { UserRecord } from '../store/hub-store';
import { joinProblem, requireRunOwnerRole } from './people';
import { noSuchRun, relationTo, requireOwner, requireViewer } from './run-access';
import type { MemberChanges, MemberRecord, SharedRunRecord } from './run-store';
import { directoryOf, sharedRunView, type UserDirectory } from './run-view';

type NewMember = ShareRunRequest['members'][number];

/** Why `userId` cannot be added to the run, or undefined when they can. */
function memberProblem(
  userId: string,
  run: Pick<SharedRunRecord, 'office' | 'ownerId'>,
  directory: UserDirectory,
): string | undefined {
  const person = directory.get(userId);
  if (!person) return `the hub knows no person ${userId}`;
  if (person.userId === run.ownerId) return `${person.name} owns the run already`;
  return joinProblem(person, run.office);
}

/** The members to add, checked against the people the hub knows; throws 400 listing each problem. */
function newMembers(
  requested: readonly NewMember[],
  run: Pick<SharedRunRecord, 'office' | 'ownerId'>,
  directory: UserDirectory,
  at: string,
  where: string,
): Omit<MemberRecord, 'runId'>[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const members: Omit<MemberRecord, 'runId'>[] = [];
  requested.forEach((entry, index) => {
    const problem = seen.has(entry.userId)
      ? `${entry.userId} is listed twice`
      : memberProblem(entry.userId, run, directory);
    seen.add(entry.userId);
    const person = directory.get(entry.userId);
    if (problem || !person) {
      problems.push(`${where}.${index}: ${problem ?? 'unknown'}`);
      return;
    }
    members.push({
      userId: person.userId,
      departments: [...(entry.departments ?? person.departments)],
      addedAt: at,
      removedAt: null,
    });
  });
  if (problems.length > 0) {
    throw badRequest('Some of the people named cannot be members of this run.', problems);
  }
  return members;
}

/** The fields of a run fixed when it is shared: a retry must name the same. */
function sharedFields(run: Omit<SharedRunRecord, 'ownerId' | 'plan' | 'updatedAt'>): string {
  const { runId, name, kind, office, definitionId, definitionVersion, definitionHash } = run;
  const { parameters, plannedGoLive, createdAt } = run;
  return canonicalJson({
    runId,
    name,
    kind,
    office,
    definitionId,
    definitionVersion,
    definitionHash,
    parameters,
    plannedGoLive,
    createdAt,
  });
}

async function view(context: HubContext, run: SharedRunRecord): Promise<SharedRun> {
  const members = await context.store.sharedRuns.members(run.runId);
  return sharedRunView(run, members, directoryOf(await context.store.listUsers()));
}

export async function shareRun(
  context: HubContext,
  owner: UserRecord,
  request: ShareRunRequest,
): Promise<{ status: 200 | 201; run: SharedRun }> {
  const { store } = context;
  requireRunOwnerRole(owner, 'share runs');
  if (owner.office !== request.office) {
    throw forbidden(
      `${owner.name} is ${owner.role === 'admin' ? 'an administrator' : 'a coordinator'} of ${owner.office ?? 'no office'}: a run they share belongs to their office, not to ${request.office}.`,
    );
  }
  const published = await store.getDefinition(request.definitionId, request.definitionVersion);
  if (published && published.hash !== request.definitionHash) {
    throw conflict(
      `The hub publishes ${request.definitionId}@${request.definitionVersion} with another content (hash ${published.hash}): the run's template is not the published one.`,
    );
  }
  const at = nowIso(context);
  const { members: requested, ...fields } = request;
  const run: SharedRunRecord = { ...fields, ownerId: owner.userId, plan: {}, updatedAt: at };
  const directory = directoryOf(await store.listUsers());
  const members = newMembers(requested, run, directory, at, 'members');
  const outcome = await store.sharedRuns.createRun(run, members);
  if (outcome.inserted) return { status: 201, run: await view(context, run) };
  const existing = outcome.existing;
  if (existing.ownerId === owner.userId && sharedFields(existing) === sharedFields(run)) {
    return { status: 200, run: await view(context, existing) };
  }
  throw conflict(
    `A run with the id ${request.runId} is shared already, and it is not this one: nothing was changed.`,
  );
}

export async function listRuns(
  context: HubContext,
  user: UserRecord,
): Promise<SharedRunListResponse> {
  const { sharedRuns } = context.store;
  const offices = user.role === 'supervisor' ? user.supervises : [];
  const runs = await sharedRuns.runsOf(user.userId, offices);
  const members = await sharedRuns.membersOf(runs.map((run) => run.runId));
  const directory = directoryOf(await context.store.listUsers());
  return {
    runs: runs.map((run) => sharedRunView(run, members.get(run.runId) ?? [], directory)),
  };
}

/** The run with its members, when the user may see it (404 otherwise). */
export async function visibleRun(
  context: HubContext,
  user: UserRecord,
  runId: string,
): Promise<{ run: SharedRunRecord; members: MemberRecord[] }> {
  const { sharedRuns } = context.store;
  const run = await sharedRuns.getRun(runId);
  if (!run) throw noSuchRun(runId);
  const members = await sharedRuns.members(runId);
  requireViewer(relationTo(user, run, members), runId);
  return { run, members };
}

export async function getRun(
  context: HubContext,
  user: UserRecord,
  runId: string,
): Promise<SharedRun> {
  const { run, members } = await visibleRun(context, user, runId);
  return sharedRunView(run, members, directoryOf(await context.store.listUsers()));
}

export async function updateMembers(
  context: HubContext,
  user: UserRecord,
  runId: string,
  request: UpdateMembersRequest,
): Promise<SharedRun> {
  const { store } = context;
  const at = nowIso(context);
  const directory = directoryOf(await store.listUsers());
  const decide = (run: SharedRunRecord, members: readonly MemberRecord[]): MemberChanges => {
    requireOwner(relationTo(user, run, members), run, 'change its members');
    const removing = new Set(request.remove);
    const both = request.add.filter((entry) => removing.has(entry.userId));
    if (both.length > 0) {
      throw badRequest(
        `A person is either added or removed: ${both.map((entry) => entry.userId).join(', ')} is both.`,
      );
    }
    const byId = new Map(members.map((member) => [member.userId, member]));
    const unknown = request.remove.filter((userId) => !byId.has(userId));
    if (unknown.length > 0) {
      throw badRequest(`Only members can be removed; not members: ${unknown.join(', ')}.`);
    }
    const upsert = newMembers(request.add, run, directory, at, 'add').map((member) => {
      const current = byId.get(member.userId);
      // A current member keeps the day they joined; a removed one who comes back joins anew.
      return current && current.removedAt === null
        ? { ...member, addedAt: current.addedAt }
        : member;
    });
    const rows = new Set([...byId.keys(), ...upsert.map((member) => member.userId)]);
    if (rows.size > SHARED_RUN_LIMITS.members) {
      throw conflict(
        `A run has at most ${SHARED_RUN_LIMITS.members} members, removed ones included; this would make ${rows.size}.`,
      );
    }
    return { upsert, remove: request.remove };
  };
  const members = await store.sharedRuns.changeMembers(runId, decide, at);
  const run = await store.sharedRuns.getRun(runId);
  if (!members || !run) throw noSuchRun(runId);
  return sharedRunView(run, members, directory);
}

export async function setPlan(
  context: HubContext,
  user: UserRecord,
  runId: string,
  request: RunPlanRequest,
): Promise<SharedRun> {
  const { run, members } = await visibleRun(context, user, runId);
  requireOwner(relationTo(user, run, members), run, 'set its plan');
  const at = nowIso(context);
  if (!(await context.store.sharedRuns.setPlan(runId, request.plan, at))) throw noSuchRun(runId);
  return sharedRunView(
    { ...run, plan: { ...request.plan }, updatedAt: at },
    members,
    directoryOf(await context.store.listUsers()),
  );
}
