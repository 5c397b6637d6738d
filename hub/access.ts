// Who may read and write what. Administrators push and read their own office's reports and
// progress; supervisors read the offices they supervise and post countersign/send-back
// signatures there; the head of ICT reads everything and writes nothing. Every route asks here
// (and body-policy.ts refuses a role before its body is read; these checks stay as the last word).
import type { OfficeScope, UserRecord } from './store/hub-store';
import { forbidden } from './hub-error';

export function readScope(user: UserRecord): OfficeScope {
  switch (user.role) {
    case 'head':
      return 'all';
    case 'supervisor':
      return user.supervises;
    case 'admin':
      return user.office === null ? [] : [user.office];
  }
}

export function canRead(user: UserRecord, office: string): boolean {
  const scope = readScope(user);
  return scope === 'all' || scope.includes(office);
}

/** Only an office's administrators push its reports and progress. */
export function requireAdminOf(user: UserRecord, office?: string): void {
  if (user.role !== 'admin') {
    throw forbidden(
      `Only an office's administrators push reports and progress; ${user.name} is ${user.role}.`,
    );
  }
  if (office !== undefined && user.office !== office) {
    throw forbidden(
      `${user.name} is an administrator of ${user.office ?? 'no office'}, not of ${office}.`,
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
