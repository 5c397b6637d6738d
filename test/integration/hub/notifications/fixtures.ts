// Events, people and preferences the notification tests share.
import type { NotificationPreferences } from '../../../../core/sync/wire-protocol';
import type { BlockerRaised, CountersignWaiting } from '../../../../hub/notifications/events';
import type { UserRecord } from '../../../../hub/store/hub-store';

export const T0 = '2025-06-02T08:00:00.000Z';

export function user(
  userId: string,
  role: UserRecord['role'],
  office: string | null,
  supervises: string[] = [],
): UserRecord {
  return {
    userId,
    name: userId,
    role,
    office,
    supervises,
    departments: [],
    createdAt: T0,
    revokedAt: null,
  };
}

export function prefs(partial: Partial<NotificationPreferences>): NotificationPreferences {
  return {
    language: 'en',
    causes: [
      'blocker-raised',
      'go-live-slipped',
      'countersign-waiting',
      'countersign-reminder',
      'sent-back',
      'daily-digest',
    ],
    email: null,
    webhooks: [],
    ...partial,
  };
}

export const BLOCKER: BlockerRaised = {
  cause: 'blocker-raised',
  runId: 'run-berlin',
  runName: 'Berlin office',
  office: 'Berlin',
  plannedGoLive: '2025-06-09',
  takenAt: '2025-06-02T07:55:00.000Z',
  raised: [
    {
      itemId: 'isp-2',
      title: 'Second ISP line',
      department: 'network',
      reason: 'Line not delivered <yet> & no date',
    },
  ],
  blockedTotal: 1,
};

export const WAITING: CountersignWaiting = {
  cause: 'countersign-waiting',
  reportId: 'run-berlin',
  revision: 1,
  runName: 'Berlin office',
  office: 'Berlin',
  decision: 'go',
  signedAt: '2025-06-08T18:00:00.000Z',
  receivedAt: '2025-06-09T07:00:00.000Z',
};
