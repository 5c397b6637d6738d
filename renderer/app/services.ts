// The renderer's adapters, made once: repositories over the one IndexedDB database.
import { database } from '../storage/database';
import { createProfileRepository } from '../storage/profile-repository';

const db = database();

export const services = {
  db,
  profiles: createProfileRepository(db),
};
