// The people of the hub tests, enrolled through POST /v1/enroll: an administrator of Berlin and one
// of Madrid, a supervisor of Berlin, the head of ICT, and a Berlin administrator whose device was
// revoked. Also a progress snapshot fixture.
import type { ProgressSnapshot } from '../../../core/sync/wire-protocol';
import type { Person, TestHub } from './hub-harness';

export const BERLIN = 'Berlin';
export const MADRID = 'Madrid';

export interface People {
  adminA: Person;
  adminB: Person;
  supervisorA: Person;
  head: Person;
  revoked: Person;
}

export async function enrollPeople(hub: TestHub): Promise<People> {
  const adminA = await hub.enroll('admin-a', 'Ana Admin', 'admin', BERLIN);
  const adminB = await hub.enroll('admin-b', 'Bea Admin', 'admin', MADRID);
  const supervisorA = await hub.enroll('supervisor-a', 'Sam Supervisor', 'supervisor', undefined, [
    BERLIN,
  ]);
  const head = await hub.enroll('head', 'Hal Head', 'head');
  const revoked = await hub.enroll('revoked', 'Rex Revoked', 'admin', BERLIN);
  await hub.store.revokeDevice(revoked.deviceId, hub.now().toISOString());
  return { adminA, adminB, supervisorA, head, revoked };
}

export function snapshot(
  runId: string,
  office: string,
  takenAt: string,
  resolved = 10,
): ProgressSnapshot {
  return {
    runId,
    office,
    runName: `Opening ${office}`,
    kind: 'new-office',
    definitionId: 'new-office',
    definitionVersion: '1.1.0',
    plannedGoLive: '2025-06-02',
    takenAt,
    decision: 'no-go',
    total: 70,
    resolved,
    blocked: 1,
    failing: 0,
    estimateMinutes: 600,
    actualMinutes: 320,
    blockers: [
      {
        itemId: 'second-isp',
        title: 'Second ISP line',
        department: 'network',
        reason: 'Not delivered yet',
      },
    ],
    sections: [
      {
        sectionId: 'network',
        title: 'Network',
        department: 'network',
        total: 10,
        resolved: 5,
        blocked: 1,
        estimateMinutes: 120,
        actualMinutes: 90,
      },
    ],
    items: [{ itemId: 'second-isp', status: 'blocked' }],
  };
}
