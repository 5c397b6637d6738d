// Published definitions for the projections (a snapshot's remaining work item by item), parsed
// once per hub store: a published version never changes, so a parsed one is kept; one not
// published yet is looked up again next time.
import type { DefinitionCatalog } from '../../core/compare/index';
import { definitionCatalog } from '../../core/compare/index';
import type { ChecklistDefinition } from '../../core/definitions/schema';
import { validateDefinitionText } from '../../core/definitions/index';
import type { DefinitionRecord } from '../store/hub-store';

export interface DefinitionSource {
  getDefinition(id: string, version: string): Promise<DefinitionRecord | undefined>;
}

const parsed = new WeakMap<DefinitionSource, Map<string, ChecklistDefinition>>();

export async function catalogFor(
  source: DefinitionSource,
  versions: Iterable<{ definitionId: string; definitionVersion: string }>,
): Promise<DefinitionCatalog> {
  let cache = parsed.get(source);
  if (cache === undefined) {
    cache = new Map();
    parsed.set(source, cache);
  }
  const found: ChecklistDefinition[] = [];
  const seen = new Set<string>();
  for (const { definitionId, definitionVersion } of versions) {
    const key = `${definitionId}@${definitionVersion}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let definition = cache.get(key);
    if (definition === undefined) {
      const record = await source.getDefinition(definitionId, definitionVersion);
      if (record === undefined) continue;
      const result = validateDefinitionText(record.text, key);
      if (!result.ok) continue;
      definition = result.definition;
      cache.set(key, definition);
    }
    found.push(definition);
  }
  return definitionCatalog(found);
}
