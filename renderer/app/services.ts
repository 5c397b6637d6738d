// The renderer's adapters, made once: repositories over the one IndexedDB database.
import { database } from '../storage/database';
import { createProfileRepository } from '../storage/profile-repository';
import { createSeededDefinitionRepository } from '../storage/bundled-definitions';
import { createRunRepository } from '../storage/run-repository';
import { createReportRepository } from '../storage/report-repository';
import { createSharedRunRepository } from '../storage/shared-run-repository';
import { afterFirstPaint } from './after-first-paint';

const db = database();
const runs = createRunRepository(db);

export const services = {
  db,
  profiles: createProfileRepository(db),
  definitions: createSeededDefinitionRepository(db, afterFirstPaint()),
  runs,
  reports: createReportRepository(db, runs),
  sharedRuns: createSharedRunRepository(db, runs),
};
