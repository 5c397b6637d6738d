// Who may read and write what. An office's run owners (its administrators, and the coordinators
// who own its client onboardings) push and read its reports and progress; supervisors read the
// offices they supervise and post countersign/send-back signatures there; the head of ICT reads
// everything and writes nothing; engineers read no office's reports (they see the shared runs they
// are members of: shared-runs/run-access.ts). Every route asks here (and body-policy.ts refuses a
// role before its body is read; these checks stay as the last word).
import type { OfficeScope, UserRecord } from './store/hub-store';
import { forbidden } from './hub-error';

export function readScope(user: UserRecord): OfficeScope {
  switch (user.role) {
    case 'head':
      return 'all';
    case 'supervisor':
      return user.supervises;
    case 'admin':
    case 'coordinator':
      return user.office === null ? [] : [user.office];
    case 'engineer':
      return [];
  }
}

export function canRead(user: UserRecord, office: string): boolean {
  const scope = readScope(user);
  return scope === 'all' || scope.includes(office);
}

/** Only an office's run owners (administrators, coordinators) push its reports and progress. */
export function requireRunOwnerOf(user: UserRecord, office?: string): void {
  if (user.role !== 'admin' && user.role !== 'coordinator') {
    throw forbidden(
      `Only an office's administrators and coordinators push reports and progress; ${user.name} is ${user.role}.`,
    );
  }
  if (office !== undefined && user.office !== office) {
    throw forbidden(
      `${user.name} is ${user.role === 'admin' ? 'an administrator' : 'a coordinator'} of ${user.office ?? 'no office'}, not of ${office}.`,
    );
  }
}

/** Only supervisors review; which reports they may review is report-access.ts's (404, not 403). */
export function requireSupervisor(user: UserRecord): void {
  if (user.role !== 'supervisor') {
    throw forbidden(
      `Only supervisors countersign or send back reports; ${user.name} is ${user.role}.`,
    );
  }
}
