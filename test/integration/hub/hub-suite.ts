// The hub's integration suite, run once per store engine (hub.sqlite.test.ts and
// hub.postgres.test.ts) so both engines are held to exactly the same behaviour.
import type { StoreFactory } from './hub-harness';
import { authBudgetCases } from './auth-budget-cases';
import { authMatrixCases } from './auth-matrix-cases';
import { earlyRefusalCases } from './early-refusal-cases';
import { enrollmentCases } from './enrollment-cases';
import { existenceCases } from './existence-cases';
import { fuzzCases } from './fuzz-cases';
import { ingestCases } from './ingest-cases';
import { platformCases } from './platform-cases';
import { progressAndDefinitionCases } from './progress-definition-cases';
import { reviewCases } from './review-cases';
import { takeoverCases } from './takeover-cases';

/** `factory` is called once per group, after the engine is ready (beforeAll of the file). */
export function hubSuite(factory: () => StoreFactory): void {
  enrollmentCases(factory);
  ingestCases(factory);
  reviewCases(factory);
  progressAndDefinitionCases(factory);
  platformCases(factory);
  // Issue 11: the attacks of an outside review, each refused.
  takeoverCases(factory);
  earlyRefusalCases(factory);
  authBudgetCases(factory);
  existenceCases(factory);
  authMatrixCases(factory);
  fuzzCases(factory);
}
