// The drafts on this device (renderer/storage/draft-repository.ts over the app's database), live,
// and starting a draft of a template's next version from its newest published version.
import { useLiveQuery } from 'dexie-react-hooks';
import { services } from '../../../app/services';
import type { DefinitionRow } from '../../../storage/database';
import {
  createDraftRepository,
  type CreateDraftResult,
  type TemplateDraftRow,
} from '../../../storage/draft-repository';
import { draftFromDefinition, nextMinorVersion } from './draft-document';

export const drafts = createDraftRepository(services.db);

/** The template's draft: `null` when it has none, `undefined` while loading. */
export function useDraft(definitionId: string): TemplateDraftRow | null | undefined {
  return useLiveQuery(async () => (await drafts.get(definitionId)) ?? null, [definitionId]);
}

/** Every draft, the most recently edited first; `undefined` while loading. */
export function useDrafts(): TemplateDraftRow[] | undefined {
  return useLiveQuery(() => drafts.list(), []);
}

/** A draft of the next minor version of `base` (or the draft the template already has). */
export function startDraft(base: DefinitionRow): Promise<CreateDraftResult> {
  return drafts.create({
    definitionId: base.id,
    baseVersion: base.version,
    baseHash: base.hash,
    document: draftFromDefinition(base.definition, nextMinorVersion(base.version)),
  });
}
