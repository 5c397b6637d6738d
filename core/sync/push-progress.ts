// Pushing one progress snapshot of a run (outbox key: the runId): the queued JSON as it is, then
// the hub's receipt checked against the run and the moment the snapshot was taken.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Attempt } from './attempts';
import { BAD_RECEIPT, classifyFailure, isStored, sent, unanswered } from './attempts';
import type { CycleContext } from './cycle-context';
import type { OutboxEntry } from './outbox';
import { field, readProgressReceipt } from './receipts';
import { ENGINE_ERRORS } from './sync-types';
import { TransportError } from './transport';
import { PATHS } from './wire-protocol';

function snapshotTakenAt(payload: string): string | undefined {
  try {
    return field<string>(JSON.parse(payload) as unknown, 'takenAt', 'string');
  } catch {
    return undefined;
  }
}

export async function pushProgress(ctx: CycleContext, entry: OutboxEntry): Promise<Attempt> {
  const takenAt = entry.payload === undefined ? undefined : snapshotTakenAt(entry.payload);
  if (entry.payload === undefined || takenAt === undefined) {
    return { kind: 'failed', message: ENGINE_ERRORS.badPayload };
  }
  const response = await ctx.send({
    method: 'POST',
    path: PATHS.progress,
    body: utf8ToBytes(entry.payload),
    contentType: 'application/json',
    timeoutMs: ctx.config.requestTimeoutMs,
  });
  if (response instanceof TransportError) return unanswered(response);
  if (!isStored(response)) return classifyFailure(response, ctx.clock());
  const receipt = readProgressReceipt(response);
  if (!receipt || receipt.runId !== entry.key || receipt.takenAt !== takenAt) return BAD_RECEIPT;
  return sent(receipt);
}
