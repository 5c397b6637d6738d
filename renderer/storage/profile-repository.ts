// Reads and writes the device's one profile, validated by the core schema on the way in and out.
import { profileSchema, type Profile } from '../../core/people/profile';
import type { GoLiveDatabase } from './database';

export type ProfileDraft = Pick<Profile, 'name' | 'role' | 'office' | 'email' | 'departments'>;

export function createProfileRepository(db: GoLiveDatabase) {
  return {
    async get(): Promise<Profile | undefined> {
      const rows = await db.profile.toArray();
      const first = rows[0];
      return first ? profileSchema.parse(first) : undefined;
    },

    async save(draft: ProfileDraft, now: Date = new Date()): Promise<Profile> {
      return db.transaction('rw', db.profile, async () => {
        const existing = (await db.profile.toArray())[0];
        const profile = profileSchema.parse({
          id: existing?.id ?? crypto.randomUUID(),
          ...draft,
          email: draft.email || undefined,
          createdAt: existing?.createdAt ?? now.toISOString(),
          updatedAt: now.toISOString(),
        });
        await db.profile.put(profile);
        return profile;
      });
    },
  };
}

export type ProfileRepository = ReturnType<typeof createProfileRepository>;
