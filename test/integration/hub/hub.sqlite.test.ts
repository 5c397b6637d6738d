// The hub suite on SQLite (a file in a temporary folder per group).
import { describe } from 'vitest';
import { sqliteFactory } from './hub-harness';
import { hubSuite } from './hub-suite';

describe('hub on SQLite', () => {
  hubSuite(sqliteFactory);
});
