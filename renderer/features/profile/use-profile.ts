// The current profile, live from IndexedDB. `undefined` while loading, `null` when none exists yet.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Profile } from '../../../core/people/profile';
import { services } from '../../app/services';

export function useProfile(): Profile | null | undefined {
  return useLiveQuery(async () => (await services.profiles.get()) ?? null, []);
}
