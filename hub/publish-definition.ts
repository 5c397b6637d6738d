// Publishes a checklist definition to the hub (the `publish-definition` CLI command): the YAML is
// validated by core exactly as the app validates it, stored with its content hash, and from then on
// served unchanged. Publishing the same id@version again with the same bytes is a no-op; with other
// bytes it is refused, because a published version never changes (a change is a new version).
import { definitionContentHash, validateDefinitionText } from '../core/definitions/index';
import type { HubStore } from './store/hub-store';

export type PublishOutcome =
  | { ok: true; id: string; version: string; hash: string; alreadyPublished: boolean }
  | { ok: false; problems: string[] };

export async function publishDefinition(
  store: HubStore,
  text: string,
  filePath: string,
  now: Date,
): Promise<PublishOutcome> {
  const result = validateDefinitionText(text, filePath);
  if (!result.ok) {
    return {
      ok: false,
      problems: result.problems.map((p) => `${p.path}:${p.line}:${p.column}: ${p.message}`),
    };
  }
  const { id, version } = result.definition;
  const hash = definitionContentHash(text);
  const outcome = await store.insertDefinition({
    id,
    version,
    hash,
    text,
    publishedAt: now.toISOString(),
  });
  if (outcome.inserted) return { ok: true, id, version, hash, alreadyPublished: false };
  if (outcome.existing.hash === hash)
    return { ok: true, id, version, hash, alreadyPublished: true };
  return {
    ok: false,
    problems: [
      `${id}@${version} is already published with another content (hash ${outcome.existing.hash}); a published version never changes: publish it as a new version.`,
    ],
  };
}
