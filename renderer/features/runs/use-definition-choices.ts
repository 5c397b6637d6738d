// The definitions a run can be started from: each template with its versions, newest first.
import { useLiveQuery } from 'dexie-react-hooks';
import { compareSemver } from '../../../core/definitions';
import type { DefinitionRow } from '../../storage/database';
import { services } from '../../app/services';

export interface TemplateChoice {
  id: string;
  title: string;
  versions: DefinitionRow[];
}

export function useDefinitionChoices(): TemplateChoice[] | undefined {
  return useLiveQuery(async () => {
    const rows = await services.db.definitions.toArray();
    const byId = new Map<string, DefinitionRow[]>();
    for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
    return [...byId.entries()]
      .map(([id, versions]) => {
        const sorted = versions.sort((a, b) => compareSemver(b.version, a.version));
        return { id, title: sorted[0]?.title ?? id, versions: sorted };
      })
      .sort((a, b) => a.title.localeCompare(b.title));
  }, []);
}
