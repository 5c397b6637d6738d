// Who can be invited to a shared run, and by whom. Runs are owned by an office's administrators
// and by coordinators (technical account managers), so only they list people and invite them. The
// people a run can take: administrators, coordinators and engineers of the run's office, and
// engineers of any office (a client onboarding runs through departments that may sit elsewhere).
// GET /v1/people shows the caller's own office, plus the engineers of the department asked for;
// never a token, a key or a device.
import type { PeopleQuery, Person } from '../../core/sync/wire-protocol';
import type { HubRole } from '../../core/sync/wire-protocol';
import { forbidden } from '../hub-error';
import type { UserRecord } from '../store/hub-store';

/** Roles that own shared runs: they share, invite and list people. */
export const OWNER_ROLES: readonly HubRole[] = ['admin', 'coordinator'];
/** Roles that may be members of a run (supervisors and the head see runs through their office). */
export const MEMBER_ROLES: readonly HubRole[] = ['admin', 'coordinator', 'engineer'];

export function requireRunOwnerRole(user: UserRecord, what: string): void {
  if (!OWNER_ROLES.includes(user.role)) {
    throw forbidden(
      `Only administrators and coordinators, who own shared runs, may ${what}; ${user.name} is ${user.role}.`,
    );
  }
}

export function personOf(user: UserRecord): Person {
  return {
    userId: user.userId,
    name: user.name,
    role: user.role,
    ...(user.office === null ? {} : { office: user.office }),
    departments: [...user.departments],
  };
}

/** Why `person` cannot join a run of `office`, or undefined when they can. */
export function joinProblem(person: UserRecord, office: string): string | undefined {
  if (person.revokedAt !== null) return `${person.name} was revoked on ${person.revokedAt}`;
  if (!MEMBER_ROLES.includes(person.role)) {
    return `${person.name} is ${person.role}: supervisors and the head of ICT see runs through their offices, they are not members`;
  }
  if (person.office !== office && person.role !== 'engineer') {
    return `${person.name} is of ${person.office ?? 'no office'}, not of ${office}: only people of the run's office, or engineers, can be members`;
  }
  return undefined;
}

function byName(a: Person, b: Person): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.userId < b.userId ? -1 : 1;
}

/** The people `caller` may invite, narrowed by the query. */
export function invitablePeople(
  caller: UserRecord,
  users: readonly UserRecord[],
  query: PeopleQuery,
): Person[] {
  return users
    .filter((user) => user.userId !== caller.userId && user.revokedAt === null)
    .filter((user) => MEMBER_ROLES.includes(user.role))
    .filter(
      (user) =>
        (caller.office !== null && user.office === caller.office) ||
        (query.department !== undefined &&
          user.role === 'engineer' &&
          user.departments.includes(query.department)),
    )
    .filter((user) => query.office === undefined || user.office === query.office)
    .filter((user) => query.department === undefined || user.departments.includes(query.department))
    .map(personOf)
    .sort(byName);
}
