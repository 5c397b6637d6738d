// Pushing one review signature (countersign or send back) on a report revision, then the hub's
// receipt checked against the revision, the signature's place and the report hash it covers.
// Rule 2 of exactly once (sync-engine.ts): a signature travels as the canonical JSON frozen when
// it was queued, so a retry is a replay the hub recognises.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Attempt } from './attempts';
import {
  BAD_RECEIPT,
  classifyFailure,
  isStored,
  sent,
  statusMessage,
  unanswered,
} from './attempts';
import { parseRetryAfter } from './backoff';
import type { CycleContext } from './cycle-context';
import type { OutboxEntry } from './outbox';
import { parseSignatureOutboxKey } from './outbox';
import { field, readSignatureReceipt } from './receipts';
import { ENGINE_ERRORS } from './sync-types';
import { TransportError } from './transport';
import { PATHS, pathOf } from './wire-protocol';

/** The report hash a queued signature covers, or undefined when the payload is not a signature. */
function signedReportHash(payload: string): string | undefined {
  try {
    const statement = field<object>(JSON.parse(payload) as unknown, 'statement', 'object');
    return field<string>(statement, 'reportHash', 'string');
  } catch {
    return undefined;
  }
}

export async function pushSignature(ctx: CycleContext, entry: OutboxEntry): Promise<Attempt> {
  const id = parseSignatureOutboxKey(entry.key);
  const reportHash = entry.payload === undefined ? undefined : signedReportHash(entry.payload);
  if (!id || entry.payload === undefined || reportHash === undefined) {
    return { kind: 'failed', message: ENGINE_ERRORS.badPayload };
  }
  const response = await ctx.send({
    method: 'POST',
    path: pathOf(PATHS.reportSignatures, { reportId: id.reportId, revision: id.revision }),
    // The frozen payload verbatim: every attempt sends the same signature bytes.
    body: utf8ToBytes(`{"signature":${entry.payload}}`),
    contentType: 'application/json',
    timeoutMs: ctx.config.requestTimeoutMs,
  });
  if (response instanceof TransportError) return unanswered(response);
  if (response.status === 404) {
    // Retried later: the hub does not hold that revision YET (the supervisor reviewed a PDF or
    // bundle that came by mail before the administrator's device synced).
    return {
      kind: 'retry',
      message: statusMessage(response),
      retryAfterMs: parseRetryAfter(response.header('retry-after'), ctx.clock()),
      isUnanswered: false,
    };
  }
  if (!isStored(response)) return classifyFailure(response, ctx.clock());
  const receipt = readSignatureReceipt(response);
  if (
    !receipt ||
    receipt.reportId !== id.reportId ||
    receipt.revision !== id.revision ||
    receipt.index !== id.index
  ) {
    return BAD_RECEIPT;
  }
  if (receipt.reportHash !== reportHash) {
    return {
      kind: 'failed',
      message: `The hub holds this revision with report hash ${receipt.reportHash}; this signature covers ${reportHash}.`,
    };
  }
  return sent(receipt);
}
