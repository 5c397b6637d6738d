// The notification cases on SQLite (a file in a temporary folder per case).
import { describe } from 'vitest';
import { notificationCases } from './notification-cases';
import { rawSqliteFactory } from './notify-harness';

describe('notifications on SQLite', () => {
  notificationCases(rawSqliteFactory);
});
