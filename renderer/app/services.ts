// The renderer's adapters, made once: repositories over the one IndexedDB database.
import { database } from '../storage/database';
import { createProfileRepository } from '../storage/profile-repository';
import { createSeededDefinitionRepository } from '../storage/bundled-definitions';
import { createRunRepository } from '../storage/run-repository';

const db = database();

export const services = {
  db,
  profiles: createProfileRepository(db),
  definitions: createSeededDefinitionRepository(db),
  runs: createRunRepository(db),
};
