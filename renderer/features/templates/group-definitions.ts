// Groups stored definition rows by template id for the list: the latest version's title and kind,
// and every version newest first. Pure, so the list's order is testable without a database.
import { compareSemver } from '../../../core/definitions';
import type { DefinitionRow } from '../../storage/database';

export interface DefinitionSummary {
  id: string;
  latest: DefinitionRow;
  /** Newest first; the first one is `latest`. */
  versions: DefinitionRow[];
}

export function groupDefinitions(rows: readonly DefinitionRow[]): DefinitionSummary[] {
  const byId = new Map<string, DefinitionRow[]>();
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  const summaries: DefinitionSummary[] = [];
  for (const [id, versions] of byId) {
    const sorted = [...versions].sort((a, b) => compareSemver(b.version, a.version));
    const latest = sorted[0];
    if (latest !== undefined) summaries.push({ id, latest, versions: sorted });
  }
  return summaries.sort(
    (a, b) => a.latest.title.localeCompare(b.latest.title) || a.id.localeCompare(b.id),
  );
}
