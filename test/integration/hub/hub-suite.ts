// The hub's integration suite, run once per store engine (hub.sqlite.test.ts and
// hub.postgres.test.ts) so both engines are held to exactly the same behaviour.
import type { StoreFactory } from './hub-harness';
import { authMatrixCases } from './auth-matrix-cases';
import { enrollmentCases } from './enrollment-cases';
import { fuzzCases } from './fuzz-cases';
import { ingestCases } from './ingest-cases';
import { platformCases } from './platform-cases';
import { progressAndDefinitionCases } from './progress-definition-cases';
import { reviewCases } from './review-cases';

/** `factory` is called once per group, after the engine is ready (beforeAll of the file). */
export function hubSuite(factory: () => StoreFactory): void {
  enrollmentCases(factory);
  ingestCases(factory);
  reviewCases(factory);
  progressAndDefinitionCases(factory);
  platformCases(factory);
  authMatrixCases(factory);
  fuzzCases(factory);
}
