// Live reads of the stored definitions (they update when an import or a sync adds a version), and
// the outcome of seeding the bundled templates at start.
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { services } from '../../app/services';
import type { DefinitionRow } from '../../storage/database';
import type { SeedReport } from '../../storage/definition-repository';

/** Every stored version; `undefined` while loading. */
export function useDefinitionRows(): DefinitionRow[] | undefined {
  return useLiveQuery(() => services.definitions.list(), []);
}

/** The stored versions of one template, newest first; `undefined` while loading. */
export function useDefinitionVersions(id: string): DefinitionRow[] | undefined {
  return useLiveQuery(() => services.definitions.versionsOf(id), [id]);
}

export type SeedOutcome = SeedReport | { error: string };

/** `undefined` until the bundled templates are stored (first start) or found stored already. */
export function useSeedOutcome(): SeedOutcome | undefined {
  const [outcome, setOutcome] = useState<SeedOutcome>();
  useEffect(() => {
    let isCurrent = true;
    void services.definitions.seeded.then((settled) => {
      if (isCurrent) setOutcome(settled);
    });
    return () => {
      isCurrent = false;
    };
  }, []);
  return outcome;
}
