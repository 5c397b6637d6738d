// Shared runs on a real hub over SQLite (a file in a temporary folder per group).
import { describe } from 'vitest';
import { sqliteFactory } from '../hub-harness';
import { sharedRunSuite } from './shared-run-suite';

describe('shared runs on SQLite', () => {
  sharedRunSuite(sqliteFactory);
});
