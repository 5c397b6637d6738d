// Publishing a validated draft: its YAML goes to the hub (POST /v1/definitions, the head of ICT:
// core/sync/definition-publish.ts). Once the hub holds it, this device keeps the same bytes as a
// version from the hub (the sink sync uses, so it is validated and never replaces a version held
// here), the draft is deleted, and a sync runs; every other device gets it on its next sync.
import {
  publishDefinitionText,
  type DefinitionPublishOutcome,
} from '../../../../core/sync/definition-publish';
import { services } from '../../../app/services';
import { appSync } from '../../../sync/app-sync';
import { createDefinitionSink } from '../../../sync/dexie-stores';
import { createFetchTransport } from '../../../sync/fetch-transport';
import type { HubConnection } from '../../../sync/hub-connection';
import { drafts } from './use-drafts';

export async function publishDraft(
  connection: HubConnection,
  definitionId: string,
  yaml: string,
): Promise<DefinitionPublishOutcome> {
  const transport = createFetchTransport({
    baseUrl: connection.hubUrl,
    token: connection.deviceToken,
  });
  const outcome = await publishDefinitionText(transport, yaml);
  if (!outcome.ok) return outcome;
  const { id, version, hash } = outcome.receipt;
  await createDefinitionSink(services.db).add({ id, version, hash, text: yaml });
  await drafts.discard(definitionId);
  void appSync.syncNow().catch(() => undefined);
  return outcome;
}
