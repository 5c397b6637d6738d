// The shared-run cases, run once per store engine (shared-runs.sqlite.test.ts and
// shared-runs.postgres.test.ts), so both engines are held to the same behaviour.
import type { StoreFactory } from '../hub-harness';
import { evidenceCases } from './evidence-cases';
import { pushFuzzCases } from './push-fuzz-cases';
import { relayCases } from './relay-cases';
import { sharingCases } from './sharing-cases';

export function sharedRunSuite(factory: () => StoreFactory): void {
  sharingCases(factory);
  relayCases(factory);
  pushFuzzCases(factory);
  evidenceCases(factory);
}
