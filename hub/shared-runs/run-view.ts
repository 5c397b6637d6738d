// A shared run as the wire protocol describes it (SharedRun): the stored run, its owner and its
// members with their names and roles, members in the order they were added (then by name).
import type { RunMember, SharedRun } from '../../core/sync/wire-protocol';
import type { UserRecord } from '../store/hub-store';
import type { MemberRecord, SharedRunRecord } from './run-store';

/** Users by id, to name owners and members. */
export type UserDirectory = ReadonlyMap<string, UserRecord>;

export function directoryOf(users: readonly UserRecord[]): UserDirectory {
  return new Map(users.map((user) => [user.userId, user]));
}

function named(directory: UserDirectory, userId: string): Pick<UserRecord, 'name' | 'role'> {
  const user = directory.get(userId);
  // Users are never deleted (only revoked), so every id a run names is known.
  if (!user) throw new Error(`hub: shared run names user ${userId}, who is not in the store`);
  return user;
}

function memberOf(directory: UserDirectory, member: MemberRecord): RunMember {
  const { name, role } = named(directory, member.userId);
  return {
    userId: member.userId,
    name,
    role,
    departments: [...member.departments],
    addedAt: member.addedAt,
    ...(member.removedAt === null ? {} : { removedAt: member.removedAt }),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sharedRunView(
  run: SharedRunRecord,
  members: readonly MemberRecord[],
  directory: UserDirectory,
): SharedRun {
  const owner = named(directory, run.ownerId);
  return {
    runId: run.runId,
    name: run.name,
    kind: run.kind,
    office: run.office,
    definitionId: run.definitionId,
    definitionVersion: run.definitionVersion,
    definitionHash: run.definitionHash,
    parameters: { ...run.parameters },
    plannedGoLive: run.plannedGoLive,
    createdAt: run.createdAt,
    owner: { userId: run.ownerId, name: owner.name, role: owner.role },
    members: [...members]
      .map((member) => memberOf(directory, member))
      .sort(
        (a, b) =>
          compare(a.addedAt, b.addedAt) || compare(a.name, b.name) || compare(a.userId, b.userId),
      ),
    plan: { ...run.plan },
    updatedAt: run.updatedAt,
  };
}
