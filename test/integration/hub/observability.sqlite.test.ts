// The probes and metrics on SQLite (a file in a temporary folder).
import { describe } from 'vitest';
import { rawSqliteFactory } from './notifications/notify-harness';
import { observabilityCases } from './observability-cases';

describe('hub probes and metrics on SQLite', () => {
  observabilityCases(rawSqliteFactory);
});
