// Pulling the published checklist definitions this device does not hold yet. Each text must match
// its published hash and validate before it is kept; a published version never changes, so a
// different hash for a version held here is reported and the copy here is kept.
import { contentHashOfBytes } from '../definitions/content-hash';
import { decodeUtf8Strict } from '../reports/utf8';
import type { CycleContext } from './cycle-context';
import { field } from './receipts';
import type { DefinitionSink } from './sync-stores';
import { readJson } from './transport';
import type { DefinitionListEntry } from './wire-protocol';
import { PATHS, pathOf } from './wire-protocol';

export async function pullDefinitions(ctx: CycleContext, sink: DefinitionSink): Promise<void> {
  const response = await ctx.get(PATHS.definitions);
  const list =
    response && (readJson(response) as { definitions?: unknown } | undefined)?.definitions;
  if (!Array.isArray(list)) return;
  const entries = list.filter(
    (entry): entry is DefinitionListEntry =>
      typeof field(entry, 'id', 'string') === 'string' &&
      typeof field(entry, 'version', 'string') === 'string' &&
      typeof field(entry, 'hash', 'string') === 'string',
  );
  let done = 0;
  ctx.progress('definitions', 0, entries.length);
  for (const entry of entries) {
    await pullDefinition(ctx, sink, entry);
    ctx.progress('definitions', ++done, entries.length);
  }
}

async function pullDefinition(
  ctx: CycleContext,
  sink: DefinitionSink,
  entry: DefinitionListEntry,
): Promise<void> {
  const { result } = ctx;
  const name = `${entry.id}@${entry.version}`;
  const held = await sink.hashOf(entry.id, entry.version);
  if (held === entry.hash) return;
  if (held !== undefined) {
    result.problems.push(
      `${name} on the hub differs from the copy on this device (a published version never changes): the copy here is kept.`,
    );
    return;
  }
  const text = await ctx.get(pathOf(PATHS.definition, { id: entry.id, version: entry.version }));
  if (!text) return;
  const decoded = decodeUtf8Strict(text.body);
  if (decoded === undefined || contentHashOfBytes(text.body) !== entry.hash) {
    result.problems.push(`${name}: the text received does not match its published hash.`);
    return;
  }
  const { id, version, hash } = entry;
  const added = await sink.add({ id, version, hash, text: decoded });
  if (added.ok) result.pulled.definitions.push(name);
  else result.problems.push(`${name} does not validate: ${added.problems.slice(0, 3).join('; ')}`);
}
